"""The items of an ICAO NOTAM: its id and type, Q) A) B) C) D) E) F) G).

    A1500/21 NOTAMN                         id A1500/21, new
    F3813/21 NOTAMR F3812/21                replaces F3812/21 (NOTAMC: cancels)
    Q) ZSHA/QRDCA/IV/BO/W/000/999/3556N12205E070   FIR, and the reference circle:
                                            centre 35°56′N 122°05′E, radius 70 NM
    A) ZSHA B) 2107110600 C) 2107110815     where; from, to (YYMMDDHHMM, UTC)
    D) 0231-0258,0731-0818                  daily schedule, as written
    E) …                                    the text: the only item that holds the areas
    F) SFC G) UNL                           lower and upper limits, as written

The Q) line's centre and radius describe a circle that covers the areas: they are never
corners. A text is a NOTAM when it has a Q) item or starts with an id and NOTAMN/R/C.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADER = re.compile(
    r"^[\s(]*(?P<id>[A-Z][0-9]{1,4}/[0-9]{2})\s+NOTAM(?P<type>[NRC])(?:\s+(?P<ref>[A-Z][0-9]{1,4}/[0-9]{2}))?"
)
_ITEM = {letter: re.compile(rf"(?<![0-9A-Za-z]){letter}\)[ \t]*") for letter in "QABCDEFG"}
_Q_POINT = re.compile(
    r"(?P<lat>[0-9]{4})(?P<ns>[NS])(?P<lon>[0-9]{5})(?P<ew>[EW])(?P<radius>[0-9]{3})?"
)
_PART = re.compile(r"\bPART\s+[0-9]+\s+OF\s+[0-9]+\b")
TYPES = {"N": "new", "R": "replace", "C": "cancel"}


@dataclass(frozen=True)
class QLine:
    """The Q) item's FIR and its reference circle (radius None when not given)."""

    fir: str | None
    lon: float | None
    lat: float | None
    radius_nm: int | None
    start: int
    end: int


@dataclass(frozen=True)
class Notam:
    """The items of one NOTAM, as written (times left to geo.notices.validity)."""

    notice_id: str | None
    notice_type: str | None
    reference: str | None  # the id a NOTAMR replaces or a NOTAMC cancels
    q: QLine | None
    locations: str | None
    valid_from: str | None  # B) as written
    valid_to: str | None  # C) as written (may end in EST, or be PERM)
    schedule: str | None
    lower: str | None
    upper: str | None
    body: tuple[int, int]  # span of item E)


def is_notam(text: str) -> bool:
    """Whether the text reads as a NOTAM (a Q) item, or an id with NOTAMN/R/C)."""
    return bool(_HEADER.match(text) or _ITEM["Q"].search(text))


def read_notam(text: str) -> Notam:
    """The items of a NOTAM; a missing item is None, a missing E) means the text after the
    other items (never the Q) line)."""
    header = _HEADER.match(text)
    spans = _item_spans(text)
    values = {letter: " ".join(text[a:b].split()) or None for letter, (a, b) in spans.items()}
    body = spans.get("E") or (max((b for _, b in spans.values()), default=0), len(text))
    return Notam(
        notice_id=header["id"] if header else None,
        notice_type=TYPES[header["type"]] if header else None,
        reference=header["ref"] if header else None,
        q=_q_line(text, spans["Q"]) if "Q" in spans else None,
        locations=_clean(_PART.sub("", values.get("A") or "")),
        valid_from=values.get("B"),
        valid_to=values.get("C"),
        schedule=values.get("D"),
        lower=_clean(values.get("F")),
        upper=_clean(values.get("G")),
        body=body,
    )


def _clean(value: str | None) -> str | None:
    """An item's value without the stray closing marks archives leave (`GND)`, `UNL.`)."""
    cleaned = (value or "").strip().rstrip(").").strip()
    return cleaned or None


def _item_spans(text: str) -> dict[str, tuple[int, int]]:
    """Where each item's value is: from after `X)` to the next item found in order. E) is
    found first, so that a `D)` or `A)` in its text is not taken for an item before it."""
    q = _ITEM["Q"].search(text)
    e = _ITEM["E"].search(text, q.end() if q else 0)
    found: list[tuple[str, int, int]] = [("Q", q.start(), q.end())] if q else []
    at, stop = (q.end() if q else 0), (e.start() if e else len(text))
    for letter in "ABCD":
        m = _ITEM[letter].search(text, at, stop)
        if m is not None:
            found.append((letter, m.start(), m.end()))
            at = m.end()
    if e is not None:
        found.append(("E", e.start(), e.end()))
        at = e.end()
    for letter in "FG":
        m = _ITEM[letter].search(text, at)
        if m is not None:
            found.append((letter, m.start(), m.end()))
            at = m.end()
    spans = {}
    for i, (letter, _, value_start) in enumerate(found):
        value_end = found[i + 1][1] if i + 1 < len(found) else len(text)
        if letter in "ABCFGQ":  # one-line items: stop at the end of the line
            newline = text.find("\n", value_start, value_end)
            value_end = newline if newline >= 0 else value_end
        spans[letter] = (value_start, value_end)
    if "E" in spans and spans["E"][1] == len(text):
        spans["E"] = (spans["E"][0], _strip_closing(text, spans["E"][0]))
    return spans


def _strip_closing(text: str, start: int) -> int:
    """The end of a last item E), before an ICAO closing bracket."""
    end = len(text.rstrip())
    return end - 1 if end > start and text[end - 1] == ")" and text.lstrip().startswith("(") else end


def _q_line(text: str, span: tuple[int, int]) -> QLine:
    """FIR and reference circle of the Q) item."""
    value = text[span[0] : span[1]]
    fields = [f.strip() for f in value.split("/")]
    fir = fields[0] if fields and re.fullmatch(r"[A-Z]{4}", fields[0]) else None
    point = None
    for f in reversed(fields):
        point = _Q_POINT.fullmatch(f.replace(" ", ""))
        if point:
            break
    if point is None:
        return QLine(fir, None, None, None, span[0], span[1])
    lat = int(point["lat"][:2]) + int(point["lat"][2:]) / 60.0
    lon = int(point["lon"][:3]) + int(point["lon"][3:]) / 60.0
    radius = int(point["radius"]) if point["radius"] else None
    return QLine(fir, -lon if point["ew"] == "W" else lon, -lat if point["ns"] == "S" else lat,
                 radius, span[0], span[1])
