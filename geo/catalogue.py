"""The curated catalogue in seeds/: loaded, validated as a whole, every problem reported at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shapely.geometry.base import BaseGeometry

from . import geodesy, notices
from .checks import FieldError
from .errors import DataError, NoticeParseError, Problem
from .schema import (
    ANCHOR_FIELDS,
    EVENT_FIELDS,
    SITE_FIELDS,
    SOURCE_FIELDS,
    ZONE_FIELDS,
    Field,
)
from .seedfile import Record, load_records
from .times import check_local, parse_time

SEED_FILES = ("sources.yaml", "anchors.yaml", "sites.yaml", "events.yaml", "zones.yaml")
DEFAULT_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@dataclass
class Catalogue:
    """Validated records, keyed by id; zones carry their geometry."""

    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    anchors: dict[str, dict[str, Any]] = field(default_factory=dict)
    sites: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    zones: dict[str, dict[str, Any]] = field(default_factory=dict)
    zone_geometry: dict[str, BaseGeometry] = field(default_factory=dict)


def load_catalogue(seeds_dir: Path = DEFAULT_SEEDS) -> Catalogue:
    """Load and validate every seeds file; raise DataError listing all problems."""
    seeds_dir = Path(seeds_dir)
    problems: list[Problem] = []
    tables: dict[str, list[Record]] = {}
    for name in SEED_FILES:
        path = seeds_dir / name
        display = f"seeds/{name}"
        if not path.is_file():
            problems.append(Problem(display, "", "", "file is missing"))
            tables[name] = []
            continue
        records, found = load_records(path, display)
        problems.extend(found)
        tables[name] = records
    catalogue = Catalogue()
    _Validator(catalogue, problems).run(tables)
    if problems:
        raise DataError(problems)
    return catalogue


class _Validator:
    """Checks fields, then references between records, then builds zone geometry."""

    def __init__(self, catalogue: Catalogue, problems: list[Problem]) -> None:
        self.cat = catalogue
        self.problems = problems
        self.records: dict[str, Record] = {}

    def run(self, tables: dict[str, list[Record]]) -> None:
        self.cat.sources = self._table(tables["sources.yaml"], SOURCE_FIELDS)
        self.cat.anchors = self._table(tables["anchors.yaml"], ANCHOR_FIELDS)
        self.cat.sites = self._table(tables["sites.yaml"], SITE_FIELDS)
        self.cat.events = self._table(tables["events.yaml"], EVENT_FIELDS)
        self.cat.zones = self._table(tables["zones.yaml"], ZONE_FIELDS)
        for kind in ("anchors", "sites", "events", "zones"):
            for rid, rec in getattr(self.cat, kind).items():
                self._check_citations(rid, rec)
        for rid, site in self.cat.sites.items():
            self._check_site(rid, site)
        for rid, event in self.cat.events.items():
            self._check_event(rid, event)
        for rid, zone in self.cat.zones.items():
            self._check_zone(rid, zone)

    def _report(self, rid: str, field_name: str, message: str) -> None:
        self.problems.append(self.records[rid].problem(field_name, message))

    def _table(self, records: list[Record], fields: dict[str, Field]) -> dict[str, dict[str, Any]]:
        clean_by_id: dict[str, dict[str, Any]] = {}
        for record in records:
            clean = self._fields(record, fields)
            rid = clean.get("id")
            if rid is None:
                continue
            if rid in self.records:
                other = self.records[rid]
                self.problems.append(record.problem(
                    "id", f"duplicates the id of {other.file} line {other.line}"))
                continue
            self.records[rid] = record
            clean_by_id[rid] = clean
        return clean_by_id

    def _fields(self, record: Record, fields: dict[str, Field]) -> dict[str, Any]:
        clean: dict[str, Any] = {}
        for name in record.data:
            if name not in fields:
                self.problems.append(record.problem(
                    name, f"unknown field; allowed: {', '.join(fields)}"))
        for name, spec in fields.items():
            value = record.data.get(name)
            if value is None:
                if spec.required:
                    self.problems.append(record.problem(name, "is required"))
                continue
            try:
                clean[name] = spec.check(value)
            except FieldError as exc:
                self.problems.append(record.problem(name, str(exc)))
        return clean

    def _check_citations(self, rid: str, rec: dict[str, Any]) -> None:
        for citation in rec.get("sources", []):
            if citation["source"] not in self.cat.sources:
                self._report(rid, "sources", f"cites unknown source '{citation['source']}'")

    def _check_site(self, rid: str, site: dict[str, Any]) -> None:
        parent = site.get("parent")
        if parent is not None and parent not in self.cat.sites:
            self._report(rid, "parent", f"names unknown site '{parent}'")

    def _check_event(self, rid: str, event: dict[str, Any]) -> None:
        self._check_event_place(rid, event)
        precision = event.get("time_precision")
        if precision is None or "time_utc" not in event:
            return
        try:
            moment = parse_time(event["time_utc"], precision)
        except FieldError as exc:
            self._report(rid, "time_utc", str(exc))
            return
        site = self.cat.sites.get(event.get("site", ""))
        if "time_local" in event:
            if precision not in ("second", "minute"):
                self._report(rid, "time_local", "needs a time_utc precise to the minute")
            elif site is not None:
                try:
                    event["time_local"] = check_local(
                        event["time_local"], moment, site["timezone"], precision)
                except FieldError as exc:
                    self._report(rid, "time_local", str(exc))
        if event.get("kind") == "launch":
            for name in ("vehicle", "payload", "site"):
                if name not in event:
                    self._report(rid, name, "is required for a launch")
            if event.get("outcome") == "n/a":
                self._report(rid, "outcome", "a launch is a success or a failure")

    def _check_event_place(self, rid: str, event: dict[str, Any]) -> None:
        site, zone = event.get("site"), event.get("zone")
        if (site is None) == (zone is None):
            self._report(rid, "site", "give exactly one of site or zone")
        elif site is not None and site not in self.cat.sites:
            self._report(rid, "site", f"names unknown site '{site}'")
        elif zone is not None and zone not in self.cat.zones:
            self._report(rid, "zone", f"names unknown zone '{zone}'")

    def _check_zone(self, rid: str, zone: dict[str, Any]) -> None:
        if zone.get("event_id") not in self.cat.events:
            self._report(rid, "event_id", f"names unknown event '{zone.get('event_id')}'")
        start, end = zone.get("valid_from"), zone.get("valid_to")
        if start and end and start > end:
            self._report(rid, "valid_to", f"is before valid_from ({end} < {start})")
        method = zone.get("geometry_method")
        if method == "reported":
            if "geometry" in zone:
                self._report(rid, "geometry", "a reported zone is drawn from raw_text alone")
            elif "raw_text" in zone:
                self._reported_geometry(rid, zone["raw_text"])
        elif method == "digitised":
            if "geometry" not in zone:
                self._report(rid, "geometry", "a digitised zone needs its construction")
            else:
                self._digitised_geometry(rid, zone)

    def _reported_geometry(self, rid: str, raw_text: str) -> None:
        try:
            geometry = notices.parse_area(raw_text)
        except NoticeParseError as exc:
            self._report(rid, "raw_text", f"cannot read the corners: {exc}")
            return
        self.cat.zone_geometry[rid] = geometry

    def _digitised_geometry(self, rid: str, zone: dict[str, Any]) -> None:
        spec = zone["geometry"]
        origin = self.cat.anchors.get(spec["from"]) or self.cat.sites.get(spec["from"])
        if origin is None:
            self._report(rid, "geometry", f"'from' names no anchor or site: '{spec['from']}'")
            return
        lon, lat = geodesy.destination(
            origin["lon"], origin["lat"], spec["azimuth_deg"], spec["distance_km"] * 1000)
        self.cat.zone_geometry[rid] = geodesy.circle(lon, lat, spec["radius_km"] * 1000)
