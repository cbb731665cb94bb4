"""One input row to one GeoJSON feature: position, time and name read, properties kept."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import shapely.wkt
from shapely.errors import ShapelyError
from shapely.geometry.base import BaseGeometry

from .. import geojson
from ..errors import GeoError
from .columns import Plan
from .coords import read_lat_lon, read_position
from .dates import WhenError, parse_when
from .geometry import check_geometry
from .kinds import allowed_geometry, needs_date
from .result import ImportResult, RowProblem, Skipped
from .values import is_missing

RESERVED = ("id", "name", "time_utc", "source_file", "source_row", "layer", "geometry")


@dataclass
class Record:
    """A row as read: its number, its fields, its geometry (vector files) or a reading problem."""

    row: int
    fields: dict[str, Any]
    geometry: BaseGeometry | None = None
    problem: RowProblem | None = None


class Builder:
    """Adds records to a result as features, or as skipped rows with their reasons."""

    def __init__(self, result: ImportResult, plan: Plan, kind: str | None, from_cells: bool) -> None:
        self.result = result
        self.plan = plan
        self.kind = kind
        self.from_cells = from_cells

    def add(self, record: Record) -> None:
        """Turn one record into a feature, or note why it was skipped."""
        try:
            if record.problem is not None:
                raise record.problem
            feature, warning = self._feature(record)
        except RowProblem as problem:
            self.result.skipped.append(Skipped(record.row, problem.field, problem.category,
                                               problem.message))
            return
        self.result.features.append(feature)
        if warning:
            self.result.warnings.append(Skipped(record.row, "geometry", "repaired", warning))

    def _feature(self, record: Record) -> tuple[dict[str, Any], str | None]:
        geometry = self._geometry(record) if self.from_cells else record.geometry
        field = self.plan.wkt or self.plan.coords or self.plan.lat or "geometry"
        if isinstance(geometry, tuple):  # a checked (lon, lat) from cells: no shapely needed
            allowed = allowed_geometry(self.kind)
            if allowed and "Point" not in allowed:
                raise RowProblem("wrong geometry type",
                                 f"{self.kind} need a {' or '.join(allowed)}, not a Point", field)
            return _point_feature(f"{self.result.layer}-{record.row:07d}", geometry,
                                  self._properties(record)), None
        geometry, warning = check_geometry(geometry, self.kind, field)
        props = self._properties(record)
        fid = f"{self.result.layer}-{record.row:07d}"
        try:
            return geojson.feature(fid, geometry, props), warning
        except GeoError as exc:
            raise RowProblem("bad geometry", str(exc), field) from None

    def _geometry(self, record: Record) -> BaseGeometry | tuple[float, float]:
        plan, fields = self.plan, record.fields
        if plan.lat and plan.lon:
            lat, lon = fields.get(plan.lat), fields.get(plan.lon)
            if is_missing(lat) or is_missing(lon):
                absent = [c for c, v in ((plan.lat, lat), (plan.lon, lon)) if is_missing(v)]
                said = " and ".join(f"'{c}' is {_said(fields.get(c))}" for c in absent)
                raise RowProblem("missing coordinates", f"no position: {said}", absent[0])
            return read_lat_lon(str(lat), str(lon), plan.lat, plan.lon)
        column = plan.wkt or plan.coords or ""
        value = fields.get(column)
        if is_missing(value):
            raise RowProblem("missing coordinates", f"no position: '{column}' is {_said(value)}", column)
        if plan.coords:
            return read_position(str(value), column)
        try:
            return shapely.wkt.loads(str(value))
        except (ShapelyError, ValueError, TypeError) as exc:
            raise RowProblem("bad geometry", f"not WKT: {str(exc)[:120]}", column) from None

    def _time(self, fields: dict[str, Any]) -> str | None:
        plan = self.plan
        if not plan.date:
            return None
        value, clock = fields.get(plan.date), fields.get(plan.clock) if plan.clock else None
        if is_missing(value):
            if needs_date(self.kind):
                raise RowProblem("missing date", f"{self.kind} need a date", plan.date)
            return None
        try:
            return parse_when(str(value), None if is_missing(clock) else str(clock), plan.order)
        except WhenError as exc:
            column = plan.clock if exc.category == "bad time" and plan.clock and clock else plan.date
            raise RowProblem(exc.category, exc.message, column) from None

    def _properties(self, record: Record) -> dict[str, Any]:
        name = record.fields.get(self.plan.name) if self.plan.name else None
        derived: dict[str, Any] = {
            "name": name.strip() if isinstance(name, str) and name.strip() else
            (str(name) if name is not None and not isinstance(name, str) else
             f"{self.result.unit.capitalize()} {record.row}")}
        time_utc = self._time(record.fields)
        if time_utc:
            derived["time_utc"] = time_utc
        props = dict(derived)
        taken = {key.lower() for key in RESERVED}
        for key, value in record.fields.items():
            if key.lower() in derived and value == derived[key.lower()]:
                continue
            new = key
            number = 1
            while new.lower() in taken:
                new = f"{key}_original" + (f"_{number}" if number > 1 else "")
                number += 1
            taken.add(new.lower())
            props[new] = value
        props["source_file"] = self.result.source_file
        props["source_row"] = record.row
        return props


def _said(value: Any) -> str:
    """How a missing cell reads in a message: 'empty' or its text quoted."""
    return f"'{str(value).strip()}'" if value is not None and str(value).strip() else "empty"


def _point_feature(fid: str, lon_lat: tuple[float, float], props: dict[str, Any]) -> dict[str, Any]:
    """The Feature geo.geojson.feature would make for a point, without the shapely round trip."""
    coordinates = [round(value, geojson.DECIMALS) + 0.0 for value in lon_lat]  # + 0.0: no -0.0
    return {"type": "Feature", "id": fid, "geometry": {"type": "Point", "coordinates": coordinates},
            "properties": {"id": fid, **{k: v for k, v in props.items() if k != "id"}}}
