"""The curated catalogue in seeds/: read, validated as a whole, every problem reported at once.

One validator for every seeds file: fields are read through the declarations of
geo.catalogue.records, then references between records are checked, then the zones' shapes
are drawn (reported zones from their raw text by the notice parser, digitised ones from
their construction).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from ..errors import DataError, FieldError, NoticeParseError, Problem
from ..notices import parse_area
from ..physics import geodesy
from ..times import check_local, parse_time
from .records import (
    VEHICLE_FIELDS,
    Anchor,
    Citation,
    Construction,
    Event,
    FallModel,
    Site,
    Source,
    Zone,
    is_required,
    yaml_name,
)
from .seedfile import Record, load_records

DEFAULT_SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"
SEED_FILES: dict[str, type] = {"sources.yaml": Source, "anchors.yaml": Anchor,
                               "sites.yaml": Site, "events.yaml": Event, "zones.yaml": Zone}
MODEL_FILE = "model.yaml"  # optional: the fall models of failed launches

T = TypeVar("T")


@dataclass(frozen=True)
class Catalogue:
    """Validated records by id; zones carry their shapes; models are by launch event id."""

    sources: Mapping[str, Source] = field(default_factory=dict)
    anchors: Mapping[str, Anchor] = field(default_factory=dict)
    sites: Mapping[str, Site] = field(default_factory=dict)
    events: Mapping[str, Event] = field(default_factory=dict)
    zones: Mapping[str, Zone] = field(default_factory=dict)
    zone_geometry: Mapping[str, BaseGeometry] = field(default_factory=dict)
    models: Mapping[str, FallModel] = field(default_factory=dict)

    def place(self, place_id: str) -> Anchor | Site | None:
        """The anchor or site of that id (what a digitised zone is measured from)."""
        return self.anchors.get(place_id) or self.sites.get(place_id)

    def summary(self) -> str:
        """How many records of each kind: '62 sources, 11 sites, 16 events, 24 zones, 4 models'."""
        return ", ".join(f"{len(getattr(self, item.name))} {item.name}" for item in fields(self)
                         if item.name != "zone_geometry")

    def zones_of(self, event_id: str, kind: str | None = None, *, versions: bool = True
                 ) -> list[Zone]:
        """The zones of an event (of one kind), by id; versions=False leaves out the records that
        are another source's version of a zone (version_of)."""
        return [zone for zid, zone in sorted(self.zones.items())
                if zone.event_id == event_id and (kind is None or zone.kind == kind)
                and (versions or zone.version_of is None)]

    def versions_of(self, rid: str) -> list[str]:
        """The ids of the other versions of a record (event or zone): the record it is a version
        of and every record that is a version of the same one, by id; [] for none."""
        table: Mapping[str, Event | Zone] = self.events if rid in self.events else self.zones
        record = table.get(rid)
        if record is None:
            return []
        main = record.version_of or rid
        group = {main} | {oid for oid, other in table.items() if other.version_of == main}
        return sorted(group - {rid}) if len(group) > 1 else []


def load_catalogue(seeds_dir: Path = DEFAULT_SEEDS) -> Catalogue:
    """Read and validate every seeds file; raise DataError listing all problems."""
    seeds_dir = Path(seeds_dir)
    problems: list[Problem] = []
    tables: dict[str, list[Record]] = {}
    for name in (*SEED_FILES, MODEL_FILE):
        path = seeds_dir / name
        if not path.is_file():
            if name != MODEL_FILE:
                problems.append(Problem(f"seeds/{name}", "", "", "file is missing"))
            tables[name] = []
            continue
        records, found = load_records(path, f"seeds/{name}")
        problems.extend(found)
        tables[name] = records
    catalogue = _Validator(problems).run(tables)
    if problems:
        raise DataError(problems)
    return catalogue


def construction_points(cat: Catalogue, spec: Construction) -> list[tuple[float, float]] | None:
    """The (lon, lat) of each point of a construction; None when one names no anchor or site."""
    out = []
    for point in spec.points:
        origin = cat.place(point.origin)
        if origin is None:
            return None
        out.append(geodesy.destination(origin.lon, origin.lat, point.azimuth_deg,
                                       point.distance_km * 1000))
    return out


def centre_of(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The centre of points on the sphere (the normalised mean of their unit vectors)."""
    lon, lat = np.radians(np.array(points)).T
    x, y, z = (np.mean(np.cos(lat) * np.cos(lon)), np.mean(np.cos(lat) * np.sin(lon)),
               np.mean(np.sin(lat)))
    return float(np.degrees(np.arctan2(y, x))), float(np.degrees(np.arctan2(z, np.hypot(x, y))))


def read_record(cls: type[T], record: Record, problems: list[Problem]) -> tuple[T | None, str | None]:
    """The typed record (None when a field is wrong) and its id when that id is readable."""
    declared = {yaml_name(item): item for item in fields(cls)}  # type: ignore[arg-type]
    for name in record.data:
        if name not in declared:
            problems.append(record.problem(name, f"unknown field; allowed: {', '.join(declared)}"))
    before = len(problems)
    values: dict[str, Any] = {}
    for key, item in declared.items():
        raw = record.data.get(key)
        if raw is None:
            if is_required(item):
                problems.append(record.problem(key, "is required"))
            continue
        try:
            values[item.name] = item.metadata["check"](raw)
        except FieldError as exc:
            problems.append(record.problem(key, str(exc)))
    rid = values.get("id")
    if len(problems) > before:
        return None, rid
    return cls(**values), rid


class _Validator:
    """Reads the tables, then checks references, then draws the zones."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.where: dict[str, Record] = {}  # every readable id of the catalogue files
        self.known: dict[type, set[str]] = {}  # ids per record type, wrong records included
        self.shapes: dict[str, BaseGeometry] = {}

    def run(self, tables: dict[str, list[Record]]) -> Catalogue:
        read: dict[str, dict[str, Any]] = {name: self._table(tables[name], cls)
                                           for name, cls in SEED_FILES.items()}
        models = self._models(tables[MODEL_FILE])
        cat = Catalogue(read["sources.yaml"], read["anchors.yaml"], read["sites.yaml"],
                        read["events.yaml"], read["zones.yaml"], self.shapes, models)
        for table in (cat.anchors, cat.sites, cat.events, cat.zones):
            for rid, rec in table.items():
                self._check_citations(self.where[rid], rec.sources)
        for site in cat.sites.values():
            self._check_site(site)
        for event in cat.events.values():
            self._check_event(cat, event)
        for zone in cat.zones.values():
            self._check_zone(cat, zone)
        return cat

    def _report(self, rid: str, field_name: str, message: str) -> None:
        self.problems.append(self.where[rid].problem(field_name, message))

    def _table(self, records: list[Record], cls: type[T]) -> dict[str, T]:
        out: dict[str, T] = {}
        known = self.known.setdefault(cls, set())
        for record in records:
            typed, rid = read_record(cls, record, self.problems)
            if rid is None:
                continue
            if rid in self.where:
                other = self.where[rid]
                self.problems.append(record.problem(
                    "id", f"duplicates the id of {other.file} line {other.line}"))
                continue
            self.where[rid] = record
            known.add(rid)
            if typed is not None:
                out[rid] = typed
        return out

    def _names(self, cls: type, rid: str | None) -> bool:
        """Whether rid is an id of that record type (read without error or not)."""
        return rid is not None and rid in self.known.get(cls, set())

    def _check_citations(self, record: Record, citations: tuple[Citation, ...]) -> None:
        for citation in citations:
            if not self._names(Source, citation.source):
                self.problems.append(record.problem(
                    "sources", f"cites unknown source '{citation.source}'"))

    def _check_satellite(self, event: Event) -> None:
        """A satellite's facts are cited to sources the event lists too (so its card shows them)."""
        listed = {c.source for c in event.sources}
        for fact, citations in ((event.satellite.cited or {}) if event.satellite else {}).items():
            for citation in citations:
                if citation.source not in listed:
                    self._report(event.id, "satellite", f"cited {fact}: source "
                                 f"'{citation.source}' is not among the event's sources")

    def _check_site(self, site: Site) -> None:
        if site.parent is not None and not self._names(Site, site.parent):
            self._report(site.id, "parent", f"names unknown site '{site.parent}'")

    def _check_version(self, table: Mapping[str, Event | Zone], rec: Event | Zone) -> None:
        """version_of names another record of the same file that is not itself a version."""
        if rec.version_of is None:
            return
        main = table.get(rec.version_of)
        if main is None or rec.version_of == rec.id:
            self._report(rec.id, "version_of", f"names no other record of its file: '{rec.version_of}'")
        elif main.version_of is not None:
            self._report(rec.id, "version_of",
                         f"'{main.id}' is itself a version of '{main.version_of}'; name that one")
        elif isinstance(rec, Zone) and isinstance(main, Zone) and main.event_id != rec.event_id:
            self._report(rec.id, "version_of", "must name a zone of the same event")
        elif isinstance(rec, Event) and isinstance(main, Event) and main.kind != rec.kind:
            self._report(rec.id, "version_of", f"names a record of another kind ({main.kind})")

    def _check_event(self, cat: Catalogue, event: Event) -> None:
        self._check_version(cat.events, event)
        self._check_event_place(event)
        self._check_satellite(event)
        try:
            moment = parse_time(event.time_utc, event.time_precision)
        except FieldError as exc:
            self._report(event.id, "time_utc", str(exc))
            return
        site = cat.sites.get(event.site or "")
        if event.time_local is not None:
            if event.time_precision not in ("second", "minute"):
                self._report(event.id, "time_local", "needs a time_utc precise to the minute")
            elif site is not None:
                try:
                    check_local(event.time_local, moment, site.timezone, event.time_precision)
                except FieldError as exc:
                    self._report(event.id, "time_local", str(exc))
        if event.kind == "launch":
            for name in ("vehicle", "payload", "site"):
                if getattr(event, name) is None:
                    self._report(event.id, name, "is required for a launch")
            if event.outcome == "n/a":
                self._report(event.id, "outcome", "a launch is a success or a failure")

    def _check_event_place(self, event: Event) -> None:
        if (event.site is None) == (event.zone is None):
            self._report(event.id, "site", "give exactly one of site or zone")
        elif event.site is not None and not self._names(Site, event.site):
            self._report(event.id, "site", f"names unknown site '{event.site}'")
        elif event.zone is not None and not self._names(Zone, event.zone):
            self._report(event.id, "zone", f"names unknown zone '{event.zone}'")

    def _check_zone(self, cat: Catalogue, zone: Zone) -> None:
        self._check_version(cat.zones, zone)
        if not self._names(Event, zone.event_id):
            self._report(zone.id, "event_id", f"names unknown event '{zone.event_id}'")
        if zone.valid_from and zone.valid_to and zone.valid_from > zone.valid_to:
            self._report(zone.id, "valid_to",
                         f"is before valid_from ({zone.valid_to} < {zone.valid_from})")
        if zone.geometry_method == "reported":
            if zone.geometry is not None:
                self._report(zone.id, "geometry", "a reported zone is drawn from raw_text alone")
            else:
                self._reported_shape(zone)
        elif zone.geometry is None:
            self._report(zone.id, "geometry", "a digitised zone needs its construction")
        else:
            self._digitised_shape(cat, zone)

    def _reported_shape(self, zone: Zone) -> None:
        try:
            self.shapes[zone.id] = parse_area(zone.raw_text)
        except NoticeParseError as exc:
            self._report(zone.id, "raw_text", f"cannot read the corners: {exc}")

    def _digitised_shape(self, cat: Catalogue, zone: Zone) -> None:
        spec = zone.geometry
        assert spec is not None
        points = construction_points(cat, spec)
        if points is None:
            missing = [p.origin for p in spec.points if cat.place(p.origin) is None]
            self._report(zone.id, "geometry", f"'from' names no anchor or site: '{missing[0]}'")
            return
        if spec.radius_km is None:
            polygon = Polygon(points)
            if not polygon.is_valid:
                self._report(zone.id, "geometry", "the points do not make a simple polygon in order")
                return
            self.shapes[zone.id] = orient(polygon, 1.0)
            return
        lon, lat = centre_of(points)
        far = max(geodesy.distance_azimuth(lon, lat, *p)[0] for p in points) / 1000
        if far > spec.radius_km:
            self._report(zone.id, "geometry",
                         f"radius_km {spec.radius_km:g} does not hold every point ({far:.0f} km)")
            return
        self.shapes[zone.id] = geodesy.circle(lon, lat, spec.radius_km * 1000)

    def _models(self, records: list[Record]) -> dict[str, FallModel]:
        """model.yaml: one record per failed launch that has announced danger areas."""
        out: dict[str, FallModel] = {}
        for record in records:
            model, rid = read_record(FallModel, record, self.problems)
            if model is None or rid is None:
                continue
            if rid in out:
                self.problems.append(record.problem("id", "names a launch already described above"))
                continue
            if self._model_consistent(record, model):
                out[rid] = model
        return out

    def _model_consistent(self, record: Record, model: FallModel) -> bool:
        before = len(self.problems)
        event_record = self.where.get(model.id)
        if event_record is None or not self._names(Event, model.id):
            self.problems.append(record.problem("id", f"names no event of events.yaml: '{model.id}'"))
        else:
            data = event_record.data
            if data.get("kind") != "launch":
                self.problems.append(record.problem("id", "must name a launch"))
            elif data.get("outcome") != "failure":
                self.problems.append(record.problem("id", "must name a failed launch"))
        for field_name, zone_id in (("fell_in", model.fell_in),
                                    *(("versions", v.fell_in) for v in model.versions)):
            if zone_id is None:
                continue
            zone = self.where.get(zone_id)
            if (zone is None or not self._names(Zone, zone_id)
                    or zone.data.get("event_id") != model.id):
                self.problems.append(record.problem(
                    field_name, f"'{zone_id}' must name a zone of the same launch"))
        self._check_citations(record, model.sources)
        for version in model.versions:
            self._check_citations(record, version.sources)
        if model.versions or any(getattr(model, name) is not None for name in VEHICLE_FIELDS):
            for name in VEHICLE_FIELDS:
                if getattr(model, name) is None:
                    self.problems.append(record.problem(
                        name, "is required to fly the fall model (versions, scenarios)"))
        return len(self.problems) == before
