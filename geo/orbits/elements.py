"""Element sets in TLE / 3LE text, each line checked (length, line number, NORAD id, checksum),
or CelesTrak/Space-Track OMM in JSON, CSV or XML (each field checked, then read by the sgp4
library's OMM reader).

A bad line is refused with its line number and the field at fault; nothing is guessed.
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as DefusedET
from sgp4 import omm
from sgp4.api import Satrec

from ..errors import DataError, GeoError, Problem, shown


@dataclass(frozen=True)
class ElementSet:
    """One element set: the name given (or ''), NORAD id, epoch (UTC), and the SGP4 record."""

    name: str
    norad_id: int
    epoch: datetime
    line1: str
    line2: str
    satrec: Satrec


def checksum(line: str) -> int:
    """The TLE checksum of the first 68 characters: digits count, '-' counts 1, mod 10."""
    return sum(int(c) if c.isdigit() else 1 if c == "-" else 0 for c in line[:68]) % 10


def _check_line(line: str, number: int, kind: str, file: str) -> list[Problem]:
    where = f"line {number}"
    if len(line) != 69:
        return [Problem(file, where, "length", f"a TLE line {kind} has 69 characters, this one {len(line)}")]
    if line[0] != kind:
        return [Problem(file, where, "line number", f"expected line {kind}, found {line[0]!r}")]
    if not line[68].isdigit():
        return [Problem(file, where, "checksum", f"the last character {line[68]!r} is not a digit")]
    if int(line[68]) != checksum(line):
        return [Problem(file, where, "checksum", f"is {line[68]}, the line sums to {checksum(line)}")]
    return []


def _check_epoch(line: str, number: int, file: str) -> list[Problem]:
    """Columns 19-32 of line 1: two-digit year and day of the year with its fraction."""
    text = line[18:32]
    try:
        day = float(text[2:])
    except ValueError:
        day = -1.0
    if not text[:2].isdigit() or not 1 <= day < 367:
        return [Problem(file, f"line {number}", "epoch", f"{text.strip()!r} is not YYDDD.DDDDDDDD")]
    return []


def read_tle(text: str, file: str = "<input>") -> list[ElementSet]:
    """Every element set of a TLE or 3LE text (blank lines ignored); DataError naming the lines."""
    lines = [(n, raw.rstrip()) for n, raw in enumerate(text.splitlines(), 1) if raw.strip()]
    sets: list[ElementSet] = []
    problems: list[Problem] = []
    i = 0
    while i < len(lines):
        name = ""
        number, line = lines[i]
        if not line.startswith("1 "):
            name = line[2:].strip() if line.startswith("0 ") else line.strip()
            i += 1
        if i + 1 >= len(lines):
            problems.append(Problem(file, f"line {number}", "", "an element set needs line 1 and line 2"))
            break
        (n1, l1), (n2, l2) = lines[i], lines[i + 1]
        i += 2
        found = _check_line(l1, n1, "1", file) + _check_line(l2, n2, "2", file)
        if not found and l1[2:7] != l2[2:7]:
            found = [Problem(file, f"line {n2}", "NORAD id",
                             f"{l2[2:7]!r} differs from line 1's {l1[2:7]!r}")]
        if not found:
            found = _check_epoch(l1, n1, file)
        if not found:
            try:
                sat = Satrec.twoline2rv(l1, l2)
            except ValueError as exc:
                found = [Problem(file, f"line {n1}", "elements", str(exc))]
        if not found and sat.error:
            found = [Problem(file, f"line {n1}", "elements",
                             f"SGP4 refuses these elements (error {sat.error})")]
        if found:
            problems.extend(found)
            continue
        epoch = datetime(sat.epochyr + (2000 if sat.epochyr < 57 else 1900), 1, 1, tzinfo=UTC)
        epoch += timedelta(days=sat.epochdays - 1)
        sets.append(ElementSet(name, int(sat.satnum), epoch, l1, l2, sat))
    if problems:
        raise DataError(problems)
    if not sets:
        raise DataError([Problem(file, "", "", "no element set found")])
    return sets


OMM_REQUIRED = ("NORAD_CAT_ID", "EPOCH", "MEAN_MOTION", "ECCENTRICITY", "INCLINATION",
                "RA_OF_ASC_NODE", "ARG_OF_PERICENTER", "MEAN_ANOMALY", "BSTAR", "MEAN_MOTION_DOT")
_OMM_NUMBERS = OMM_REQUIRED[2:] + ("MEAN_MOTION_DDOT",)
# sgp4's omm.initialize also reads these; CSV exports and hand-made files often leave them out
_OMM_DEFAULTS = {"OBJECT_NAME": "", "OBJECT_ID": "", "CLASSIFICATION_TYPE": "U", "EPHEMERIS_TYPE": "0",
                 "ELEMENT_SET_NO": "999", "REV_AT_EPOCH": "0", "MEAN_MOTION_DDOT": "0"}
_OMM_LIMITS = {"MEAN_MOTION": (0.0, 20.0), "ECCENTRICITY": (0.0, 0.999999), "INCLINATION": (0.0, 180.0)}


def _omm_item(item: dict, where: str, file: str) -> tuple[ElementSet | None, list[Problem]]:
    """One OMM record (JSON object, CSV row or XML segment) checked field by field, then given to
    the sgp4 library's own OMM reader (omm.initialize)."""
    fields = {str(k).strip().upper(): ("" if v is None else str(v).strip()) for k, v in item.items()}
    missing = [k for k in OMM_REQUIRED if not fields.get(k)]
    if missing:
        return None, [Problem(file, where, k, "missing") for k in missing]
    problems: list[Problem] = []
    for key in _OMM_NUMBERS:
        text = fields.get(key) or "0"
        try:
            value = float(text)
        except ValueError:
            problems.append(Problem(file, where, key, f"{shown(text)} is not a number"))
            continue
        low, high = _OMM_LIMITS.get(key, (-math.inf, math.inf))
        if not (math.isfinite(value) and low <= value <= high) or (key == "MEAN_MOTION" and value == 0):
            problems.append(Problem(file, where, key, f"{shown(text)} is out of range"))
    if not fields["NORAD_CAT_ID"].isdigit() or not 0 < int(fields["NORAD_CAT_ID"]) < 340000:
        problems.append(Problem(file, where, "NORAD_CAT_ID",
                                f"{shown(fields['NORAD_CAT_ID'])} is not a catalogue number"))
    try:
        epoch = datetime.fromisoformat(fields["EPOCH"].replace(" ", "T").removesuffix("Z"))
    except ValueError:
        epoch = None
        problems.append(Problem(file, where, "EPOCH", f"{shown(fields['EPOCH'])} is not an ISO time"))
    if epoch is not None and epoch.tzinfo is not None:
        epoch = epoch.astimezone(UTC).replace(tzinfo=None)
    if epoch is not None and not 1957 <= epoch.year <= 2056:
        problems.append(Problem(file, where, "EPOCH", f"{shown(fields['EPOCH'])} is outside 1957-2056"))
    if problems or epoch is None:
        return None, problems
    for key, default in _OMM_DEFAULTS.items():
        fields[key] = fields.get(key) or default
    fields["EPOCH"] = epoch.strftime("%Y-%m-%dT%H:%M:%S.%f")  # the one form omm.initialize reads
    sat = Satrec()
    try:
        omm.initialize(sat, fields)
    except (ValueError, KeyError) as exc:
        return None, [Problem(file, where, "", f"not a usable element set: {shown(str(exc))}")]
    if sat.error:
        return None, [Problem(file, where, "", f"SGP4 refuses these elements (error {sat.error})")]
    return ElementSet(fields["OBJECT_NAME"], int(fields["NORAD_CAT_ID"]), epoch.replace(tzinfo=UTC),
                      "", "", sat), []


def _read_items(items: list[tuple[str, object]], file: str) -> list[ElementSet]:
    sets: list[ElementSet] = []
    problems: list[Problem] = []
    for where, item in items:
        if not isinstance(item, dict):
            problems.append(Problem(file, where, "", "an OMM element set is an object of named fields"))
            continue
        es, found = _omm_item(item, where, file)
        problems.extend(found)
        if es is not None:
            sets.append(es)
    if problems:
        raise DataError(problems)
    if not sets:
        raise DataError([Problem(file, "", "", "no element set found")])
    return sets


def read_omm_json(text: str, file: str = "<input>") -> list[ElementSet]:
    """Every OMM object of a CelesTrak/Space-Track JSON list (or one object)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError([Problem(file, f"line {exc.lineno}", "", f"not JSON: {exc.msg}")]) from None
    except RecursionError:
        raise DataError([Problem(file, "", "", "JSON nested too deeply to be element sets")]) from None
    items = data if isinstance(data, list) else [data]
    return _read_items([(f"item {n}", item) for n, item in enumerate(items, 1)], file)


def read_omm_csv(text: str, file: str = "<input>") -> list[ElementSet]:
    """Every row of a CelesTrak/Space-Track OMM CSV (a header row naming the OMM fields)."""
    reader = csv.DictReader(io.StringIO(text))
    rows: list[tuple[str, object]] = []
    try:
        for row in reader:
            if None in row:
                raise DataError([Problem(file, f"line {reader.line_num}", "",
                                         "more values than the header names")])
            rows.append((f"line {reader.line_num}", row))
    except csv.Error as exc:
        raise DataError([Problem(file, f"line {reader.line_num}", "", f"not CSV: {exc}")]) from None
    return _read_items(rows, file)


def read_omm_xml(text: str, file: str = "<input>") -> list[ElementSet]:
    """Every segment of a CCSDS OMM XML (CelesTrak's and Space-Track's `ndm` files); parsed by
    defusedxml, which refuses entity expansion (an 'XML bomb')."""
    try:
        root = DefusedET.fromstring(text)
    except (DefusedET.ParseError, DefusedXmlException) as exc:
        raise DataError([Problem(file, "", "", f"not usable XML: {shown(str(exc), 120)}")]) from None
    for node in root.iter():  # a file in an XML namespace: the tags by their local names
        if isinstance(node.tag, str):
            node.tag = node.tag.rsplit("}", 1)[-1]
    items: list[tuple[str, object]] = []
    for number, segment in enumerate(root.iter("segment"), 1):
        fields: dict[str, str] = {}
        for part in ("metadata", "data/meanElements", "data/tleParameters"):
            node = segment.find(part)
            if node is not None:
                fields.update((child.tag, (child.text or "").strip()) for child in node)
        items.append((f"segment {number}", fields))
    if not items:
        raise DataError([Problem(file, "", "", "no <segment> element: not an OMM XML file")])
    return _read_items(items, file)


def read_elements(text: str, file: str = "<input>") -> list[ElementSet]:
    """TLE/3LE text or OMM in JSON, XML or CSV, told apart by how the text begins; the sets are
    returned in the order of their epochs."""
    text = text.removeprefix("\ufeff")  # a byte-order mark from a Windows editor or a pipe
    head = text.lstrip(" \t\r\n")
    if head[:1] in ("[", "{"):
        sets = read_omm_json(text, file)
    elif head[:1] == "<":
        sets = read_omm_xml(text, file)
    elif "NORAD_CAT_ID" in head.split("\n", 1)[0].upper():
        sets = read_omm_csv(head, file)
    else:
        sets = read_tle(text, file)
    return sorted(sets, key=lambda es: es.epoch)


def of_one_satellite(sets: list[ElementSet], norad_id: int | None = None) -> list[ElementSet]:
    """The sets of one satellite: all of them when they are of one, else those of norad_id; a
    file of several satellites (a CelesTrak group) without a choice is refused, naming them, so
    that no track jumps from one satellite to another."""
    ids = sorted({es.norad_id for es in sets})
    if norad_id is not None:
        chosen = [es for es in sets if es.norad_id == norad_id]
        if not chosen:
            raise GeoError(f"no element set of NORAD {norad_id}; the file holds {_listed(sets, ids)}")
        return chosen
    if len(ids) > 1:
        raise GeoError(f"the element sets are of {len(ids)} satellites ({_listed(sets, ids)}); "
                       "choose one by its NORAD id")
    return sets


def _listed(sets: list[ElementSet], ids: list[int]) -> str:
    names = {es.norad_id: es.name for es in sets}
    shown_ids = [f"{i} {names[i]}".strip() for i in ids[:8]]
    return ", ".join(shown_ids) + (f" and {len(ids) - 8} more" if len(ids) > 8 else "")
