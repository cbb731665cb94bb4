"""Build geo/data/basemap.geojson (East Asia's land and borders, the world's coarsely) from Natural Earth.

It also remakes the browser's copy, geo/map/static/geo/basemap.js (see geo.basemap).

The data come from the npm package `world-atlas` (Natural Earth 4.1.0 as TopoJSON; data in
the public domain, packaging ISC): the 1:10m countries for the region, the 1:110m ones for the
rest of the world (kinds "world-land" and "world-border", everything outside the region), so
that the map has land wherever it is panned and no straight edge where the detail ends.
The TopoJSON is decoded here (quantized, delta-encoded
arcs), arcs are simplified one by one (so neighbouring countries keep a shared border),
polygons are clipped to the region, rounded and written as RFC 7946 GeoJSON: exterior rings
counter-clockwise, no `crs` member. The output is deterministic: a rerun gives identical bytes.

Usage:
    python scripts/make_basemap.py                      # fetches world-atlas with `npm pack`
    python scripts/make_basemap.py --tarball world-atlas-2.0.2.tgz --out basemap-check.geojson
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, box, mapping
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

PACKAGE = "world-atlas@2.0.2"
INTEGRITY = (
    "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/"
    "MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
)
RESOLUTION = "10m"
WORLD_RESOLUTION = "110m"
BBOX = (100.0, 10.0, 150.0, 60.0)  # lon min, lat min, lon max, lat max
TOLERANCE = 0.01  # degrees, Douglas-Peucker on each arc
DECIMALS = 5
OUT = Path(__file__).resolve().parent.parent / "geo" / "data" / "basemap.geojson"

Point = tuple[float, float]
Json = dict[str, Any]
Arc = list[Point]


def decode_arcs(topology: Json) -> list[Arc]:
    """Decode a topology's arcs to absolute lon/lat points (undo quantization and deltas)."""
    transform = topology.get("transform")
    if transform is None:
        return [[(float(p[0]), float(p[1])) for p in arc] for arc in topology["arcs"]]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs: list[Arc] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: Arc = []
        for p in arc:
            x += p[0]
            y += p[1]
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    """Distance from point p to segment ab."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def _douglas_peucker(points: Sequence[Point], tolerance: float) -> Arc:
    """Douglas-Peucker simplification of an open polyline; keeps both end points."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = -1.0, -1
        for i in range(first + 1, last):
            d = _segment_distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_arc(arc: Arc, tolerance: float) -> Arc:
    """Simplify one arc, keeping its end points; a closed arc never drops below a triangle."""
    if len(arc) <= 2 or tolerance <= 0:
        return list(arc)
    if arc[0] != arc[-1]:
        return _douglas_peucker(arc, tolerance)
    far = max(range(len(arc)), key=lambda i: math.dist(arc[0], arc[i]))
    ring = _douglas_peucker(arc[: far + 1], tolerance) + _douglas_peucker(arc[far:], tolerance)[1:]
    return ring if len(ring) >= 4 else list(arc)


def stitch(arc_ids: Iterable[int], arcs: Sequence[Arc]) -> Arc:
    """Join arcs (a negative id ~i means arc i reversed) into one line or ring."""
    points: Arc = []
    for i in arc_ids:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _polygon(rings: Sequence[Sequence[int]], arcs: Sequence[Arc]) -> BaseGeometry:
    """One TopoJSON polygon (exterior ring, then holes) as a valid shapely geometry."""
    coords = [stitch(ring, arcs) for ring in rings]
    coords = [c for c in coords if len(c) >= 4]
    if not coords:
        return Polygon()
    polygon = Polygon(coords[0], coords[1:])
    return polygon if polygon.is_valid else shapely.make_valid(polygon)


def geometry_of(obj: Json, arcs: Sequence[Arc]) -> BaseGeometry:
    """Shapely geometry of one TopoJSON geometry object (polygonal or linear)."""
    kind = obj.get("type")
    if kind == "Polygon":
        return _polygon(obj["arcs"], arcs)
    if kind == "MultiPolygon":
        return shapely.union_all([_polygon(p, arcs) for p in obj["arcs"]])
    if kind == "LineString":
        return LineString(stitch(obj["arcs"], arcs))
    if kind == "MultiLineString":
        return MultiLineString([stitch(line, arcs) for line in obj["arcs"]])
    raise ValueError(f"unsupported TopoJSON geometry type: {kind}")


def _arc_ids(obj: Json) -> set[int]:
    """Indexes (non-negative) of every arc a polygonal geometry object uses."""
    nested = obj["arcs"] if obj["type"] == "MultiPolygon" else [obj["arcs"]]
    return {i if i >= 0 else ~i for polygon in nested for ring in polygon for i in ring}


def _round_coords(geom: BaseGeometry) -> BaseGeometry:
    """Round coordinates to DECIMALS places and repair anything that broke."""
    rounded = shapely.set_precision(geom, 10.0**-DECIMALS)
    return rounded if rounded.is_valid else shapely.make_valid(rounded)


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Only the polygons of a geometry, each oriented counter-clockwise outside."""
    parts = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon | MultiPolygon)]
    polygons = [p for g in parts for p in getattr(g, "geoms", [g]) if not p.is_empty]
    oriented = [orient(p, sign=1.0) for p in polygons]
    if not oriented:
        return Polygon()
    return oriented[0] if len(oriented) == 1 else MultiPolygon(oriented)


def _linear(geom: BaseGeometry) -> BaseGeometry:
    """Only the lines of a geometry, merged where they meet."""
    parts = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type.endswith("LineString")]
    return shapely.line_merge(shapely.union_all(parts)) if parts else LineString()


def _name(obj: Json) -> str:
    """Country name of a TopoJSON geometry object ('' when it has none)."""
    return str((obj.get("properties") or {}).get("name") or "")


def land_features(countries: Sequence[Json], arcs: Sequence[Arc]) -> list[Json]:
    """One 'land' feature per country that reaches into the region."""
    region = box(*BBOX)
    features = []
    for obj in countries:
        if obj.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        geom = geometry_of(obj, arcs)
        if not geom.intersects(region):
            continue
        clipped = _polygonal(_round_coords(geom.intersection(region)))
        if not clipped.is_empty:
            features.append(_feature("land", _name(obj), clipped))
    return features


def border_features(countries: Sequence[Json], arcs: Sequence[Arc], clip: bool = True) -> list[Json]:
    """One 'border' feature per pair of neighbouring countries: the arcs they share (in the
    region, unless clip is False)."""
    owners: dict[int, set[str]] = {}
    for obj in countries:
        if obj.get("type") in ("Polygon", "MultiPolygon"):
            for i in _arc_ids(obj):
                owners.setdefault(i, set()).add(_name(obj) or str(obj.get("id", "")))
    pairs: dict[str, list[int]] = {}
    for i, names in sorted(owners.items()):
        if len(names) >= 2:
            pairs.setdefault(" – ".join(sorted(names)), []).append(i)
    region = box(*BBOX)
    features = []
    for name, ids in pairs.items():
        lines = MultiLineString([arcs[i] for i in ids])
        if not clip:
            features.append(_feature("border", name, _linear(lines)))
        elif lines.intersects(region):
            clipped = _linear(_round_coords(lines.intersection(region)))
            if not clipped.is_empty:
                features.append(_feature("border", name, clipped))
    return features


def _feature(kind: str, name: str, geom: BaseGeometry) -> Json:
    """A GeoJSON feature with the basemap's two properties."""
    return {
        "type": "Feature",
        "properties": {"kind": kind, "name": name},
        "geometry": _plain(mapping(geom)),
    }


def _plain(value: Any) -> Any:
    """Turn the tuples of shapely's mapping() into lists, rounding each number."""
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, float):
        return round(value, DECIMALS) + 0.0
    return value


def world_features(topology: Json) -> list[Json]:
    """The coarse land and borders of the world outside the region (kinds world-land, world-border)."""
    arcs = decode_arcs(topology)
    countries = topology["objects"]["countries"]["geometries"]
    region = box(*BBOX)
    land = []
    for obj in countries:
        if obj.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        outside = _polygonal(_round_coords(geometry_of(obj, arcs).difference(region)))
        if not outside.is_empty:
            land.append(_feature("world-land", _name(obj), outside))
    borders = []
    for feature in border_features(countries, arcs, clip=False):
        lines = shapely.geometry.shape(feature["geometry"]).difference(region)
        outside = _linear(_round_coords(lines))
        if not outside.is_empty:
            borders.append(_feature("world-border", feature["properties"]["name"], outside))
    return sorted(land, key=_sort_key) + sorted(borders, key=_sort_key)


def build(topology: Json, world: Json | None = None, tolerance: float = TOLERANCE) -> Json:
    """The basemap FeatureCollection: the region's land, then its borders, then the world's
    coarse land and borders outside it; each sorted by name."""
    arcs = [simplify_arc(arc, tolerance) for arc in decode_arcs(topology)]
    countries = topology["objects"]["countries"]["geometries"]
    land = sorted(land_features(countries, arcs), key=_sort_key)
    borders = sorted(border_features(countries, arcs), key=_sort_key)
    extra = world_features(world) if world is not None else []
    return {"type": "FeatureCollection", "features": land + borders + extra}


def _sort_key(feature: Json) -> tuple[str, str]:
    """Stable order: by name, then by geometry text."""
    return feature["properties"]["name"], json.dumps(feature["geometry"])


def dumps(collection: Json) -> bytes:
    """Compact, deterministic GeoJSON text: one feature per line."""
    features = collection["features"]
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    body = ",\n".join(lines)
    return ('{"type":"FeatureCollection","features":[\n' + body + "\n]}\n").encode("utf-8")


def read_topology(tarball: Path, resolution: str = RESOLUTION) -> Json:
    """Read countries-<resolution>.json from a world-atlas npm tarball."""
    with tarfile.open(tarball, "r:gz") as tar:
        member = tar.extractfile(f"package/countries-{resolution}.json")
        if member is None:
            raise FileNotFoundError(f"countries-{resolution}.json not in {tarball}")
        topology: Json = json.load(member)
        return topology


def fetch_tarball(dest: Path) -> Path:
    """Fetch the pinned world-atlas tarball with `npm pack` and check its integrity."""
    command = ["npm", "pack", PACKAGE, "--silent"]
    done = subprocess.run(command, cwd=dest, check=True, capture_output=True, text=True)
    tarball = dest / done.stdout.strip().splitlines()[-1]
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if f"sha512-{digest}" != INTEGRITY:
        raise RuntimeError(f"integrity mismatch for {PACKAGE}: sha512-{digest}")
    return tarball


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: build the basemap and write it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, help="a world-atlas .tgz already downloaded")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output file (default {OUT})")
    parser.add_argument("--resolution", default=RESOLUTION, choices=["10m", "50m", "110m"])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.tarball or fetch_tarball(Path(tmp))
        data = dumps(build(read_topology(tarball, args.resolution),
                           read_topology(tarball, WORLD_RESOLUTION)))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data)} bytes)")
    if args.out.resolve() == OUT:  # the bundled file: remake the browser's copy too
        write_browser_script()
    return 0


def write_browser_script() -> None:
    """geo/map/static/geo/basemap.js from the bundled data file (geo.basemap.browser_script)."""
    sys.path.insert(0, str(OUT.parent.parent.parent))
    from geo.map.basemap import SCRIPT_PATH, browser_script

    text = browser_script()
    SCRIPT_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {SCRIPT_PATH} ({len(text)} bytes)")


if __name__ == "__main__":
    sys.exit(main())
