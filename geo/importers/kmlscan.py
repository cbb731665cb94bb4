"""KML coordinates read strictly, before GDAL reads the file.

GDAL's KML reader turns any text into a number: 'nan,nan', 'inf,-inf', 'abc,def' and an empty
<coordinates/> all become (0, 0), '0x10' becomes 16 and '12abc' 12. So the file is first read
here with a streaming XML parser: every <coordinates> (and gx:coord, and a Model's
longitude/latitude) must be longitude,latitude[,altitude] tuples of plain decimal numbers,
finite and on the globe. The placemarks are listed by folder, in document order, as GDAL's
LIBKML driver makes its layers of them, so that a problem is reported on the row GDAL gives
that placemark (apply_scan).
"""

from __future__ import annotations

import math
import re
import xml.parsers.expat
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .failure import fail
from .result import RowProblem

_NUMBER = r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
_TUPLE = re.compile(rf"({_NUMBER}),({_NUMBER})(?:,({_NUMBER}))?")
_GX_COORD = re.compile(rf"\s*({_NUMBER})\s+({_NUMBER})(?:\s+({_NUMBER}))?\s*")
_PLAIN = re.compile(rf"\s*{_NUMBER}\s*")
_COMMA = re.compile(r"\s*,\s*")
CONTAINERS = ("Document", "Folder")
SHOWN = 5
CHUNK = 1 << 20


@dataclass
class Placemark:
    """A placemark as written: its name, its line, and what is wrong with its coordinates."""

    line: int
    name: str | None = None
    problem: RowProblem | None = None


@dataclass
class Container:
    """A Document or Folder and the placemarks directly in it."""

    name: str | None = None
    placemarks: list[Placemark] = field(default_factory=list)


def check_coordinates(text: str) -> str | None:
    """Why the text of a <coordinates> element is not a list of positions, or None."""
    tuples = _COMMA.sub(",", text.strip()).split()
    if not tuples:
        return "<coordinates> is empty"
    for item in tuples:
        match = _TUPLE.fullmatch(item)
        if not match:
            return f"'{item:.40}' in <coordinates> is not longitude,latitude[,altitude] in numbers"
        reason = _position(match.group(1), match.group(2), match.group(3))
        if reason:
            return reason
    return None


def _position(lon_text: str, lat_text: str, alt_text: str | None) -> str | None:
    lon, lat = float(lon_text), float(lat_text)
    if not (math.isfinite(lon) and math.isfinite(lat)
            and (alt_text is None or math.isfinite(float(alt_text)))):
        return f"'{lon_text:.20},{lat_text:.20}' is not a finite position"
    if abs(lat) > 90:
        return f"latitude {lat:g} is outside -90..90"
    if abs(lon) > 180:
        return f"longitude {lon:g} is outside -180..180"
    return None


class _Scanner:
    def __init__(self) -> None:
        self.containers: list[Container] = []
        self.open: list[Container] = []
        self.placemark: Placemark | None = None
        self.path: list[str] = []
        self.text: list[str] | None = None
        self.parser = xml.parsers.expat.ParserCreate()
        self.parser.buffer_text = True
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.chars
        self.parser.StartDoctypeDeclHandler = self.refuse
        self.parser.EntityDeclHandler = self.refuse

    def refuse(self, *args: Any) -> None:
        raise ValueError("a DOCTYPE or ENTITY declaration")

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = tag.rsplit(":", 1)[-1]
        parent = self.path[-1] if self.path else ""
        self.path.append(local)
        if local in CONTAINERS:
            container = Container()
            self.containers.append(container)
            self.open.append(container)
        elif local == "Placemark" and self.placemark is None:
            self.placemark = Placemark(self.parser.CurrentLineNumber)
            if not self.open:  # a placemark outside any folder
                self.open.append(Container())
                self.containers.append(self.open[-1])
            self.open[-1].placemarks.append(self.placemark)
        if self._collects(local, parent):
            self.text = []

    def _collects(self, local: str, parent: str) -> bool:
        if local == "name":
            return parent in CONTAINERS or parent == "Placemark"
        if self.placemark is None:
            return False
        return local in ("coordinates", "coord") or (
            local in ("longitude", "latitude") and parent == "Location")

    def chars(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def end(self, tag: str) -> None:
        local = self.path.pop()
        parent = self.path[-1] if self.path else ""
        text, self.text = ("".join(self.text) if self.text is not None else None), None
        if text is not None:
            self._take(local, parent, text)
        if local in CONTAINERS and self.open:
            self.open.pop()
        elif local == "Placemark" and parent != "Placemark":
            self.placemark = None

    def _take(self, local: str, parent: str, text: str) -> None:
        if local == "name":
            owner = self.placemark if parent == "Placemark" else (self.open[-1] if self.open
                                                                   else None)
            if owner is not None and owner.name is None:
                owner.name = text.strip()
            return
        placemark = self.placemark
        if placemark is None or placemark.problem is not None:
            return
        if local == "coordinates":
            reason = check_coordinates(text)
        elif local == "coord":
            match = _GX_COORD.fullmatch(text)
            reason = (_position(*match.groups()) if match else
                      f"'{text.strip():.40}' in gx:coord is not longitude latitude altitude")
        else:
            reason = None if _PLAIN.fullmatch(text) and math.isfinite(float(text)) else \
                f"'{text.strip():.40}' in <{local}> is not a number"
        if reason:
            placemark.problem = RowProblem("bad coordinates", reason, "geometry")


def scan_kml(data: bytes, file: str, progress: Callable[[float], None] | None = None
             ) -> list[Container]:
    """The Documents and Folders of a KML in document order, each with its placemarks and their
    coordinate problems; progress gets the share read. Raises ImportDataError when the file is
    not well-formed XML."""
    scanner = _Scanner()
    try:
        for start in range(0, len(data), CHUNK):
            scanner.parser.Parse(data[start:start + CHUNK], False)
            if progress is not None:
                progress(min(1.0, (start + CHUNK) / len(data)))
        scanner.parser.Parse(b"", True)
    except xml.parsers.expat.ExpatError as exc:
        raise fail(file, f"is not well-formed XML (line {exc.lineno}, column {exc.offset}: "
                         f"{xml.parsers.expat.ErrorString(exc.code)})") from None
    except ValueError as exc:
        raise fail(file, f"declares {exc}; such KML is refused (it can expand or fetch "
                         "data)") from None
    return scanner.containers


def apply_scan(layers: list[tuple[str, list[Any]]], containers: list[Container],
               file: str) -> None:
    """Give GDAL's records (by layer, in order) the coordinate problems found by scan_kml.

    Each layer is matched to the next folder whose placemarks have the same count and names;
    when some layer finds none and a placemark has bad coordinates, the file is refused with
    the placemarks named, rather than let GDAL's (0, 0) through."""
    bad = [p for c in containers for p in c.placemarks if p.problem is not None]
    if not bad:
        return
    matched: list[tuple[list[Any], Container]] = []
    start = 0
    for _name, records in layers:
        names = [_name_of(record) for record in records]
        for index in range(start, len(containers)):
            marks = containers[index].placemarks
            if len(marks) == len(records) and all(
                    (mark.name or None) == name for mark, name in zip(marks, names, strict=True)):
                matched.append((records, containers[index]))
                start = index + 1
                break
        else:
            listed = "; ".join(f"placemark '{p.name or '(no name)'}' at line {p.line}: "
                               f"{p.problem.message}" for p in bad[:SHOWN] if p.problem)
            more = f" and {len(bad) - SHOWN} more" if len(bad) > SHOWN else ""
            raise fail(file, f"has bad coordinates ({listed}{more}); GDAL would read them as 0")
    for records, container in matched:
        for record, mark in zip(records, container.placemarks, strict=True):
            if mark.problem is not None:
                record.geometry = None
                record.problem = mark.problem


def _name_of(record: Any) -> str | None:
    value = record.fields.get("name")
    return value.strip() or None if isinstance(value, str) else None
