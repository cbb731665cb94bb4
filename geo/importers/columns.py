"""Which columns hold the position, the date, the time of day and the name: given, or guessed
from common header names (lat, latitude, y, Facility Latitude…) and checked against the values."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .dates import infer_order, looks_like_clock, looks_like_date
from .kinds import names_places
from .options import ImportOptions
from .values import is_missing

LAT_NAMES = ("lat", "latitude", "lat dd", "latitude dd", "decimal latitude", "lat deg", "lat wgs84",
             "latitude wgs84", "y", "ycoord", "y coord", "point y")
LON_NAMES = ("lon", "lng", "long", "longitude", "lon dd", "longitude dd", "decimal longitude",
             "lon deg", "lon wgs84", "longitude wgs84", "x", "xcoord", "x coord", "point x")
POSITION_NAMES = ("coordinates", "coords", "coordinate", "position", "lat lon", "latlon",
                  "lat long", "latlong", "lat lng", "latlng", "location", "point")
_WKT = re.compile(r"^\s*(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|"
                  r"GEOMETRYCOLLECTION)\s*(Z|M|ZM)?\s*\(", re.I)
WKT_NAMES = ("wkt", "geometry", "geom", "the geom", "shape", "wkt geom")
DATE_NAMES = ("time utc", "datetime", "date time", "datetime utc", "date utc", "timestamp", "date",
              "event date", "launch date", "when", "time", "begin", "start", "start date")
CLOCK_NAMES = ("time utc", "utc time", "time", "launch time utc", "launch time", "time of day",
               "hour", "time z")
NAME_NAMES = ("name", "title", "label", "event", "event name", "nom", "nombre", "name en")
_NOT_EVENT_DATES = {"updated", "entered", "modified", "created", "edited", "accessed", "retrieved"}
SAMPLE = 200


@dataclass(frozen=True)
class Plan:
    """The columns an import reads; None where the file has none."""

    lat: str | None = None
    lon: str | None = None
    coords: str | None = None
    wkt: str | None = None
    date: str | None = None
    clock: str | None = None
    name: str | None = None
    order: str | None = None

    def describe(self) -> str:
        """One line naming the columns used, for the user to check."""
        parts = []
        if self.lat and self.lon:
            parts.append(f"position from '{self.lat}' and '{self.lon}'")
        elif self.coords or self.wkt:
            parts.append(f"position from '{self.coords or self.wkt}'")
        if self.date:
            parts.append(f"time from '{self.date}'" + (f" and '{self.clock}'" if self.clock else ""))
        if self.name:
            parts.append(f"name from '{self.name}'")
        return "; ".join(parts)


def normal(header: str) -> str:
    """'Launch Time (UTC)' → 'launch time utc'."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", header.lower()).split())


def plan_columns(headers: Sequence[str], rows: Sequence[dict[str, Any]], options: ImportOptions,
                 need_position: bool) -> Plan:
    """The columns to read. Raises KeyError(message) when a given column is not in the file."""
    for given in (options.lat, options.lon, options.coords, options.wkt, options.time,
                  options.time_of_day, options.name):
        if given is not None and given not in headers:
            raise KeyError(f"no column '{given}'; columns are: {_listing(headers)}")
    samples = {header: _sample(rows, header) for header in headers}
    lat, lon, coords, wkt = options.lat, options.lon, options.coords, options.wkt
    if need_position and not (lat and lon or coords or wkt):
        # an exact geometry beats a point (geo export writes both: lon/lat a polygon's inner point)
        wkt = _pick(headers, WKT_NAMES, ()) if not (lat or lon) else None
        if wkt and not (samples[wkt] and all(_WKT.match(v) for v in samples[wkt])):
            wkt = None
    if need_position and not (lat and lon or coords or wkt):
        lat = lat or _pick(headers, LAT_NAMES, ("latitude", "lat"))
        lon = lon or _pick(headers, LON_NAMES, ("longitude", "lon", "lng"))
        if not (lat and lon):
            lat = lon = None
            wkt = _pick(headers, WKT_NAMES, ())
            coords = None if wkt else _pick(headers, POSITION_NAMES, ())
    date_col = options.time or _pick_by_values(headers, samples, DATE_NAMES, ("date", "time"),
                                               looks_like_date)
    clock_candidates = [h for h in headers if h != date_col]
    clock = options.time_of_day or (
        _pick_by_values(clock_candidates, samples, CLOCK_NAMES, ("time", "utc"), looks_like_clock)
        if date_col else None)
    name = options.name or _pick_name(headers, options.kind)
    order = infer_order(samples.get(date_col, [])) if date_col else None
    return Plan(lat=lat, lon=lon, coords=coords, wkt=wkt, date=date_col, clock=clock, name=name,
                order=order)


def _listing(headers: Sequence[str]) -> str:
    shown = ", ".join(f"'{h}'" for h in headers[:30])
    return shown + (f" and {len(headers) - 30} more" if len(headers) > 30 else "")


def _sample(rows: Sequence[dict[str, Any]], header: str) -> list[str]:
    values = (row.get(header) for row in rows)
    return [value for value in values if isinstance(value, str) and not is_missing(value)][:SAMPLE]


def _pick(headers: Sequence[str], exact: Sequence[str], words: Sequence[str]) -> str | None:
    """The header equal to the earliest name in exact, else the first whose words include one."""
    normals = {header: normal(header) for header in headers}
    for wanted in exact:
        for header in headers:
            if normals[header] == wanted:
                return header
    for header in headers:
        if set(normals[header].split()) & set(words):
            return header
    return None


def _pick_by_values(headers: Sequence[str], samples: dict[str, list[str]], exact: Sequence[str],
                    words: Sequence[str], test: Any) -> str | None:
    """Like _pick, among columns whose values pass test: some of them for a column with one of
    the exact names (the others are then reported row by row), most of them otherwise."""
    names = {header: normal(header) for header in headers}
    named = [h for wanted in exact for h in headers if names[h] == wanted]
    worded = [h for h in headers if h not in named and set(names[h].split()) & set(words)
              and not set(names[h].split()) & _NOT_EVENT_DATES]
    for header in [*named, *worded]:
        values = samples.get(header, [])
        passed = sum(1 for v in values if test(v))
        if passed and (header in named or passed * 2 > len(values)):
            return header
    return None


def _pick_name(headers: Sequence[str], kind: str | None) -> str | None:
    if names_places(kind):
        for header in headers:
            words = set(normal(header).split())
            if "name" in words and words & {"site", "facility", "station", "place"}:
                return header
    return _pick(headers, NAME_NAMES, ("name", "title"))
