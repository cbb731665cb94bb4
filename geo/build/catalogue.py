"""The catalogue's records as features of the sites, events and zones layers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from .. import geojson
from ..catalogue import Catalogue, Citation, Event, Site, Zone
from ..catalogue.records import Offset, Satellite
from ..layers.registry import EVENTS, SITES, ZONES
from ..layers.spec import LayerSpec
from ..physics import geodesy
from ..times import local_iso, parse_time

Feature = dict[str, Any]

TITLE_NOT_SEEN = " (headline not seen)"
"""Ends the title of a source whose headline was not seen (headline_seen: false in the seeds):
its title is then a description of the source, and says so in every popup and export."""


def feature(spec: LayerSpec, fid: str, geometry: BaseGeometry, values: dict[str, Any]) -> Feature:
    """A feature of the layer with exactly the properties its spec declares, in their order."""
    declared = [prop.name for prop in spec.properties if prop.name != "id"]
    extra = set(values) - set(declared)
    if extra:
        raise KeyError(f"{spec.name}: {sorted(extra)} are not properties of the layer")
    return geojson.feature(fid, geometry, {name: values[name] for name in declared})


def cited_sources(cat: Catalogue, citations: Iterable[Citation]) -> list[dict[str, Any]]:
    """Each cited source once, in full (id, title, publisher, date, url), with the quote of its
    first citation if any; the title marked when it is a description (TITLE_NOT_SEEN); via (the
    copy read) and secondary (the original was not found) when set, which publisher then says
    too, so that every popup shows it."""
    out = []
    seen: set[str] = set()
    for citation in citations:
        if citation.source in seen:
            continue
        seen.add(citation.source)
        src = cat.sources[citation.source]
        publisher = src.publisher + (f", via {src.via}" if src.via else "")
        publisher += " (secondary: original not found)" if src.secondary else ""
        title = src.title if src.headline_seen else src.title + TITLE_NOT_SEEN
        entry: dict[str, Any] = {"id": src.id, "title": title, "publisher": publisher,
                                 "date": src.date, "url": src.url}
        if citation.quote is not None:
            entry["quote"] = citation.quote
        if src.via:
            entry["via"] = src.via
        if src.secondary:
            entry["secondary"] = True
        out.append(entry)
    return out


def versions_note(cat: Catalogue, rid: str) -> str | None:
    """Which other records report the same fact differently, by name; None when none do."""
    others = cat.versions_of(rid)
    if not others:
        return None
    names = [(cat.events.get(oid) or cat.zones[oid]).name for oid in others]
    return "Other reported versions: " + "; ".join(names) + "."


def site_features(cat: Catalogue) -> list[Feature]:
    """Every site, at its published position."""
    return [_site(cat, cat.sites[rid]) for rid in sorted(cat.sites)]


def event_features(cat: Catalogue) -> list[Feature]:
    """Every event, at its site or at the centre of its zone."""
    return [_event(cat, cat.events[rid]) for rid in sorted(cat.events)]


def zone_features(cat: Catalogue) -> list[Feature]:
    """Every seeded zone with its shape (the derived footprints are added by geo.build)."""
    return [_zone(cat, cat.zones[rid]) for rid in sorted(cat.zones)]


def _site(cat: Catalogue, site: Site) -> Feature:
    return feature(SITES, site.id, Point(site.lon, site.lat), {
        "name": site.name,
        "kind": site.kind,
        "country": site.country,
        "names": dict(site.names),
        "parent_id": site.parent,
        "precision_m": site.precision_m,
        "timezone": site.timezone,
        "geometry_method": "reported",
        "geometry_note": f"position as published by the sources, to within {site.precision_m:g} m",
        "description": site.description,
        "sources": cited_sources(cat, site.sources),
    })


def _event_place(cat: Catalogue, event: Event) -> tuple[BaseGeometry, Site | None, str, str]:
    """Where an event is drawn: its site's published position, or its zone's centre."""
    if event.site is not None:
        site = cat.sites[event.site]
        note = f"drawn at the site: {site.name} (within {site.precision_m:g} m)"
        return Point(site.lon, site.lat), site, "reported", note
    assert event.zone is not None
    zone = cat.zones[event.zone]
    note = f"drawn at the centre of the zone: {zone.name}"
    return cat.zone_geometry[zone.id].centroid, None, zone.geometry_method, note


def _local_time(event: Event, site: Site | None) -> str | None:
    """The reported local time with its UTC offset (as checked), or as reported."""
    if event.time_local is None or site is None:
        return event.time_local
    return local_iso(parse_time(event.time_utc, event.time_precision), site.timezone,
                     event.time_precision)


def _event(cat: Catalogue, event: Event) -> Feature:
    geometry, site, method, note = _event_place(cat, event)
    start = parse_time(event.time_utc, event.time_precision)
    return feature(EVENTS, event.id, geometry, {
        "name": event.name,
        "names": dict(event.names) if event.names else None,
        "kind": event.kind,
        "time_utc": event.time_utc,
        "time_precision": event.time_precision,
        "time_approximate": event.time_approximate,
        "time_local": _local_time(event, site),
        "date": start.date().isoformat(),
        "site_id": site.id if site else None,
        "site_name": site.name if site else None,
        "vehicle": event.vehicle,
        "payload": event.payload,
        **_satellite(cat, event),
        "outcome": event.outcome,
        "summary": event.summary,
        "zone_ids": [zone.id for zone in cat.zones_of(event.id)],
        "version_of": event.version_of,
        "versions": cat.versions_of(event.id),
        "versions_note": versions_note(cat, event.id),
        "geometry_method": method,
        "geometry_note": note,
        "sources": cited_sources(cat, event.sources),
    })


def _satellite(cat: Catalogue, event: Event) -> dict[str, Any]:
    """The satellite's catalogue numbers, orbit at insertion and decay (None when not given)."""
    sat = event.satellite
    names = ("cospar_id", "norad_id", "perigee_km", "apogee_km", "inclination_deg", "orbit_note",
             "decay_date")
    return {"satellite_name": sat.name if sat else None,
            **{name: getattr(sat, name) if sat else None for name in names},
            "satellite_sources": _satellite_sources(cat, sat) if sat else None}


SATELLITE_FACT_LABELS = {"cospar_id": "COSPAR {}", "norad_id": "NORAD {}", "decay_date": "decayed {}"}


def _satellite_sources(cat: Catalogue, sat: Satellite) -> str | None:
    """Which source gives each catalogue fact, in words: 'NORAD 41332: VOA Korean (2016-02);
    decayed 2023-06-30: Newspim (2023-07-04)'. The sources themselves are in the event's list."""
    parts = []
    for fact, citations in (sat.cited or {}).items():
        named = ", ".join(f"{cat.sources[c.source].publisher} ({cat.sources[c.source].date})"
                          for c in citations)
        parts.append(f"{SATELLITE_FACT_LABELS[fact].format(getattr(sat, fact))}: {named}")
    return "; ".join(parts) or None


def _zone_note(cat: Catalogue, zone: Zone) -> str:
    if zone.geometry is None:
        return "corners as published (raw_text), read by the notice parser and put in ring order"
    spec = zone.geometry

    def point(offset: Offset) -> str:
        origin = cat.place(offset.origin)
        assert origin is not None
        return f"{offset.distance_km:g} km from {origin.name} at azimuth {offset.azimuth_deg:g}°"

    points = "; ".join(point(p) for p in spec.points)
    if spec.radius_km is None:
        return (f"polygon through the points {points} (geodesic, WGS84), drawn from the "
                "description in raw_text")
    around = "the point" if len(spec.points) == 1 else "the centre of the points"
    return (f"circle of {spec.radius_km:g} km radius around {around} {points} (geodesic, "
            "WGS84), drawn from the description in raw_text")


def _zone(cat: Catalogue, zone: Zone) -> Feature:
    geometry = cat.zone_geometry[zone.id]
    return feature(ZONES, zone.id, geometry, {
        "name": zone.name,
        "kind": zone.kind,
        "stage": zone.stage,
        "event_id": zone.event_id,
        "event_name": cat.events[zone.event_id].name,
        "issuer": zone.issuer,
        "valid_from": zone.valid_from,
        "valid_to": zone.valid_to,
        "validity_note": zone.validity_note,
        "geometry_method": zone.geometry_method,
        "geometry_note": _zone_note(cat, zone) + (f". {zone.note}" if zone.note else ""),
        "confidence": zone.confidence,
        "area_km2": round(geodesy.area_km2(geometry), 1),
        "raw_text": zone.raw_text,
        "version_of": zone.version_of,
        "versions": cat.versions_of(zone.id),
        "versions_note": versions_note(cat, zone.id),
        "sources": cited_sources(cat, zone.sources),
    })
