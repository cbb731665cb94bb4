"""Element sets in TLE / 3LE text, each line checked (length, line number, NORAD id, checksum),
or CelesTrak/Space-Track OMM in JSON (each object checked by the sgp4 library's OMM reader).

A bad line is refused with its line number and the field at fault; nothing is guessed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sgp4 import omm
from sgp4.api import Satrec

from ..errors import DataError, Problem


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
            try:
                sat = Satrec.twoline2rv(l1, l2)
            except ValueError as exc:
                found = [Problem(file, f"line {n1}", "elements", str(exc))]
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


OMM_FIELDS = ("OBJECT_NAME", "NORAD_CAT_ID", "EPOCH", "MEAN_MOTION", "ECCENTRICITY", "INCLINATION",
              "RA_OF_ASC_NODE", "ARG_OF_PERICENTER", "MEAN_ANOMALY", "BSTAR")


def read_omm_json(text: str, file: str = "<input>") -> list[ElementSet]:
    """Every OMM object of a CelesTrak/Space-Track JSON list (or one object)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError([Problem(file, f"line {exc.lineno}", "", f"not JSON: {exc.msg}")]) from None
    items = data if isinstance(data, list) else [data]
    sets: list[ElementSet] = []
    problems: list[Problem] = []
    for number, item in enumerate(items, 1):
        where = f"item {number}"
        if not isinstance(item, dict):
            problems.append(Problem(file, where, "", "an OMM element set is a JSON object"))
            continue
        missing = [k for k in OMM_FIELDS if k not in item]
        if missing:
            problems.append(Problem(file, where, missing[0], "missing"))
            continue
        try:
            epoch = datetime.fromisoformat(str(item["EPOCH"])).replace(tzinfo=UTC)
        except ValueError:
            problems.append(Problem(file, where, "EPOCH", f"{item['EPOCH']!r} is not an ISO time"))
            continue
        sat = Satrec()
        try:
            omm.initialize(sat, {k: str(v) for k, v in item.items()})
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(Problem(file, where, "", f"not a usable element set: {exc}"))
            continue
        if sat.error or not sat.no_kozai > 0:
            problems.append(Problem(file, where, "MEAN_MOTION", "not a usable mean motion"))
            continue
        sets.append(ElementSet(str(item["OBJECT_NAME"]), int(item["NORAD_CAT_ID"]), epoch, "", "", sat))
    if problems:
        raise DataError(problems)
    if not sets:
        raise DataError([Problem(file, "", "", "no element set found")])
    return sets


def read_elements(text: str, file: str = "<input>") -> list[ElementSet]:
    """TLE/3LE text or OMM JSON, told apart by the first character."""
    if text.lstrip()[:1] in ("[", "{"):
        return read_omm_json(text, file)
    return read_tle(text, file)
