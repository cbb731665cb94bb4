"""Range rings around a site and a table of distances and bearings between sites (WGS84 geodesics)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from .. import geojson
from ..errors import GeoError
from ..physics import geodesy

RING_POINTS = 180
MAX_RADIUS_KM = 5_000.0
DEFAULT_RADII_KM = (100, 500, 1000)


def site_position(site: dict[str, Any]) -> tuple[float, float]:
    """(lon, lat) of a site Feature (Point geometry); GeoError when it has none."""
    geometry = site.get("geometry") or {}
    coords = geometry.get("coordinates")
    if geometry.get("type") != "Point" or not isinstance(coords, list | tuple) or len(coords) < 2:
        raise GeoError(f"site {site.get('id', '?')}: needs a Point geometry")
    return float(coords[0]), float(coords[1])


def _name(site: dict[str, Any]) -> str:
    return str((site.get("properties") or {}).get("name") or site.get("id") or "site")


def range_rings(site: dict[str, Any], radii_km: Iterable[float] = DEFAULT_RADII_KM) -> list[dict[str, Any]]:
    """Geodesic circles around a site, one Feature per radius (derived, with the site's sources)."""
    lon, lat = site_position(site)
    props = site.get("properties") or {}
    out = []
    for radius in sorted({float(r) for r in radii_km}):
        if not 0 < radius <= MAX_RADIUS_KM:
            raise GeoError(f"ring radius {radius:g} km is not between 0 and {MAX_RADIUS_KM:g} km")
        polygon = geodesy.circle(lon, lat, radius * 1000, RING_POINTS)
        out.append(geojson.feature(f"{site.get('id', 'site')}-ring-{radius:g}km", polygon, {
            "name": f"{radius:g} km from {_name(site)}",
            "kind": "range_ring",
            "site_id": site.get("id"),
            "site_name": _name(site),
            "radius_km": radius,
            "geometry_method": "derived",
            "geometry_note": (f"geodesic circle (WGS84): {RING_POINTS} points {radius:g} km from the "
                              "site, joined by straight segments"),
            "sources": props.get("sources", []),
        }))
    return out


def distance_table(sites: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """Every pair of sites (in the order given): from, to, geodesic distance in km, initial bearing."""
    rows = []
    positions = [site_position(site) for site in sites]
    for i, a in enumerate(sites):
        for j in range(i + 1, len(sites)):
            dist, bearing = geodesy.distance_azimuth(*positions[i], *positions[j])
            rows.append({"from": _name(a), "to": _name(sites[j]), "distance_km": round(dist / 1000, 1),
                         "bearing_deg": round(bearing, 1)})
    return pd.DataFrame(rows, columns=["from", "to", "distance_km", "bearing_deg"])
