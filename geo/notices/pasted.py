"""Pasted or piped notice text -> danger-area features to draw, and messages pointing at bad tokens.

For the app's paste box and `geo zones parse`:

    notice_features(text)   one notice; its features, or NoticeParseError when it has no area
    read_pasted(text)       one or many notices; Pasted(features, problems, summary), where
                            problems are one-line messages (name:line:column) for the refused
                            notices and the features are those of the notices in force
    pointer(exc, name)      a NoticeParseError as `name:line:column: message at 'token'`
    refusals(readings, name) the pointer of every refused reading of a batch (one line index
                            for the whole text, so a batch of many refusals stays linear)

Features get, besides geo.notices' properties, `name`, `kind` (danger_area), `geometry_note`
and `area_km2` (geodesic, WGS84).
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry import shape

from ..errors import NoticeParseError
from ..i18n.catalogue import DEFAULT, translate
from ..physics import geodesy
from .batch import NoticeReading, drawn_features, read_notices
from .notice import parse_notice

TOKEN_CHARS = 40
_NEWLINE = re.compile("\n")
GEOMETRY_NOTE = "corners as written in the notice text, read by the notice parser"


@dataclass(frozen=True)
class Pasted:
    """What a text of one or more notices gave: features to draw and the refusals, in words."""

    features: list[dict[str, Any]]
    problems: list[str] = field(default_factory=list)
    readings: list[NoticeReading] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """`3 notices: 2 read (4 areas), 1 refused, 1 replaced by a later one`."""
        return summary(self.readings)


def notice_features(text: str) -> list[dict[str, Any]]:
    """One GeoJSON Feature per area of the notice, raw text kept; NoticeParseError when none."""
    features = parse_notice(text)
    if not features:
        raise NoticeParseError("no danger area found: no corner list, circle or numbered area",
                               text, 0, len(text))
    return decorate(features)


def read_pasted(text: str, name: str = "notice") -> Pasted:
    """The areas of every notice in the text (replaced ones left out) and each refusal, named
    `name:line:column`. A text over the size limit is one problem and no feature."""
    try:
        readings = read_notices(text)
    except NoticeParseError as exc:
        return Pasted([], [pointer(exc, name)])
    problems = refusals(readings, name)
    if len(readings) == 1 and not readings[0].features and not problems:
        problems.append(f"{name}:1:1: no danger area found: no corner list, circle or numbered area")
    return Pasted(decorate(drawn_features(readings)), problems, readings)


def decorate(features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add id, name, kind, geometry_note and area_km2 to features of geo.notices (in place).
    A notice's areas are named by its id and their number in it ("A1090/23 area 1"); the
    areas of text without a notice id by their number in the text ("Pasted area 2").

    The id comes from what the area is (its notice, label and corners), not from where it
    stands in the text: after another paste, the same area keeps its id and a removed one's id
    names nothing, so a link or an open list never opens another area."""
    in_notice: dict[str, int] = {}
    taken: set[str] = set()
    for number, item in enumerate(features, start=1):
        props = item["properties"]
        notice = props.get("notice_id")
        if notice:
            in_notice[notice] = in_notice.get(notice, 0) + 1
        label = props.get("area_label") or str(props.get("area") or in_notice.get(notice, number))
        item["id"] = props["id"] = _stable_id(notice, label, item["geometry"], taken)
        props.update({
            "name": f"{notice} area {label}" if notice else f"Pasted area {label}",
            "kind": "danger_area",
            "geometry_note": GEOMETRY_NOTE,
            "area_km2": round(geodesy.area_km2(shape(item["geometry"])), 1),
        })
    return features


def _stable_id(notice: str | None, label: str, geometry: dict[str, Any], taken: set[str]) -> str:
    what = json.dumps([notice, label, geometry], sort_keys=True, separators=(",", ":"))
    base = "pasted-" + hashlib.sha256(what.encode("utf-8")).hexdigest()[:12]
    candidate, copy = base, 1
    while candidate in taken:  # the same area twice in one text: numbered, still stable
        copy += 1
        candidate = f"{base}-{copy}"
    taken.add(candidate)
    return candidate


def summary(readings: Sequence[NoticeReading], lang: str = DEFAULT) -> str:
    """How many notices were read, refused, replaced, repeated, in lang (the catalogue's words)."""
    read = [r for r in readings if r.error is None and r.features]
    areas = sum(len(r.features) for r in read)
    parts = [translate(lang, "notice.summary_read", count=len(read), areas=areas)]
    for count, key in ((sum(r.error is not None for r in readings), "refused"),
                       (sum(r.error is None and not r.features for r in readings), "no_area"),
                       (sum(r.replaced_by is not None for r in readings), "replaced"),
                       (sum(r.repeats is not None for r in readings), "repeated")):
        if count:
            parts.append(translate(lang, f"notice.summary_{key}", count=count))
    return translate(lang, "notice.summary", count=len(readings), parts=", ".join(parts))


def collection_text(features: list[dict[str, Any]]) -> str:
    """A FeatureCollection as text, one feature a line (UTF-8 as is)."""
    lines = [json.dumps(item, ensure_ascii=False, separators=(",", ":")) for item in features]
    return '{"type": "FeatureCollection", "features": [\n' + ",\n".join(lines) + "\n]}"


class Lines:
    """Where each line of a text starts, to turn offsets into (line, column) by bisection."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self.content_chars = len(text.strip())

    def where(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def where(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    return Lines(text).where(offset)


def refusals(readings: Sequence[NoticeReading], name: str = "notice") -> list[str]:
    """The pointer of each refused reading, in order; one line index per text."""
    indexes: dict[int, Lines] = {}
    out = []
    for reading in readings:
        if reading.error is not None:
            text = reading.error.text
            lines = indexes.get(id(text))
            if lines is None or lines.text is not text:
                lines = indexes[id(text)] = Lines(text)
            out.append(pointer(reading.error, name, lines))
    return out


def pointer(exc: NoticeParseError, name: str = "notice", lines: Lines | None = None) -> str:
    """One line: where the bad token is (name:line:column), what is wrong and the token itself."""
    lines = lines or Lines(exc.text)
    line, column = lines.where(exc.start)
    token = " ".join(exc.text[exc.start:exc.end].split())
    if len(token) > TOKEN_CHARS:
        token = token[: TOKEN_CHARS - 1] + "…"
    message = " ".join(exc.message.split())
    whole = exc.end - exc.start >= lines.content_chars
    shown = "" if not token or whole or f"'{token}'" in message else f" at '{token}'"
    return f"{name}:{line}:{column}: {message}{shown}"
