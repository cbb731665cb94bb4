"""Turn the catalogue into the three public layers: sites, events and zones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from . import geodesy, geojson
from .catalogue import Catalogue
from .errors import GeoError
from .times import parse_time

LAYER_NAMES = ("sites", "events", "zones", "tracks")


def build_layers(cat: Catalogue) -> dict[str, list[dict[str, Any]]]:
    """Features of the catalogue's layers (sites, events, zones), by layer name."""
    return {
        "sites": [_site_feature(cat, rid) for rid in sorted(cat.sites)],
        "events": [_event_feature(cat, rid) for rid in sorted(cat.events)],
        "zones": [_zone_feature(cat, rid) for rid in sorted(cat.zones)],
    }


def cited_sources(cat: Catalogue, citations: list[dict[str, str]]) -> list[dict[str, str]]:
    """Each cited source in full (id, title, publisher, date, url), with its quote if any."""
    out = []
    for citation in citations:
        src = cat.sources[citation["source"]]
        entry = {"id": src["id"], "title": src["title"], "publisher": src["publisher"],
                 "date": src["date"], "url": src["url"]}
        if "quote" in citation:
            entry["quote"] = citation["quote"]
        out.append(entry)
    return out


def _site_feature(cat: Catalogue, rid: str) -> dict[str, Any]:
    site = cat.sites[rid]
    parent = site.get("parent")
    props = {
        "name": site["name"],
        "kind": site["kind"],
        "country": site["country"],
        "names": site["names"],
        "parent_id": parent,
        "precision_m": site["precision_m"],
        "timezone": site["timezone"],
        "geometry_method": "reported",
        "geometry_note": f"position as published by the sources, to within {site['precision_m']:g} m",
        "description": site["description"],
        "sources": cited_sources(cat, site["sources"]),
    }
    return geojson.feature(rid, Point(site["lon"], site["lat"]), props)


def _event_place(cat: Catalogue, event: dict[str, Any]) -> tuple[BaseGeometry, str, str, str]:
    """Where an event is drawn: its site's published position, or its zone's centre."""
    if "site" in event:
        site = cat.sites[event["site"]]
        note = f"drawn at the site: {site['name']} (within {site['precision_m']:g} m)"
        return Point(site["lon"], site["lat"]), site["id"], "reported", note
    zone = cat.zones[event["zone"]]
    centre = cat.zone_geometry[zone["id"]].centroid
    note = f"drawn at the centre of the zone: {zone['name']}"
    return centre, "", zone["geometry_method"], note


def _event_feature(cat: Catalogue, rid: str) -> dict[str, Any]:
    event = cat.events[rid]
    geometry, site_id, method, note = _event_place(cat, event)
    zones = sorted(zid for zid, zone in cat.zones.items() if zone["event_id"] == rid)
    start = parse_time(event["time_utc"], event["time_precision"])
    props = {
        "name": event["name"],
        "kind": event["kind"],
        "time_utc": event["time_utc"],
        "time_precision": event["time_precision"],
        "time_approximate": event.get("time_approximate", False),
        "time_local": event.get("time_local"),
        "date": start.date().isoformat(),
        "site_id": site_id or None,
        "site_name": cat.sites[site_id]["name"] if site_id else None,
        "vehicle": event.get("vehicle"),
        "payload": event.get("payload"),
        "outcome": event["outcome"],
        "summary": event["summary"],
        "zone_ids": zones,
        "geometry_method": method,
        "geometry_note": note,
        "sources": cited_sources(cat, event["sources"]),
    }
    return geojson.feature(rid, geometry, props)


def _zone_note(cat: Catalogue, zone: dict[str, Any]) -> str:
    if zone["geometry_method"] == "reported":
        return "corners as published (raw_text), read by the notice parser and put in ring order"
    spec = zone["geometry"]
    origin = cat.anchors.get(spec["from"]) or cat.sites[spec["from"]]
    return (f"circle of {spec['radius_km']:g} km radius around the point {spec['distance_km']:g} km "
            f"from {origin['name']} at azimuth {spec['azimuth_deg']:g}° (geodesic, WGS84), "
            "drawn from the description in raw_text")


def _zone_feature(cat: Catalogue, rid: str) -> dict[str, Any]:
    zone = cat.zones[rid]
    geometry = cat.zone_geometry[rid]
    props = {
        "name": zone["name"],
        "kind": zone["kind"],
        "stage": zone.get("stage"),
        "event_id": zone["event_id"],
        "event_name": cat.events[zone["event_id"]]["name"],
        "issuer": zone["issuer"],
        "valid_from": zone.get("valid_from"),
        "valid_to": zone.get("valid_to"),
        "validity_note": zone.get("validity_note"),
        "geometry_method": zone["geometry_method"],
        "geometry_note": _zone_note(cat, zone),
        "confidence": zone["confidence"],
        "area_km2": round(geodesy.area_km2(geometry), 1),
        "raw_text": zone["raw_text"],
        "sources": cited_sources(cat, zone["sources"]),
    }
    return geojson.feature(rid, geometry, props)


def read_layers(layers_dir: Path, names: tuple[str, ...] = LAYER_NAMES) -> dict[str, list[dict[str, Any]]]:
    """The built layers' features, read from their GeoJSON files."""
    layers = {}
    for name in names:
        path = Path(layers_dir) / f"{name}.geojson"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            features = data["features"]
        except FileNotFoundError:
            raise GeoError(f"{path.name}: layer file missing; run 'geo build'") from None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise GeoError(f"{path.name}: not a GeoJSON FeatureCollection ({exc})") from None
        layers[name] = features
    return layers
