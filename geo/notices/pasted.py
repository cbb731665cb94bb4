"""Pasted notice text → danger-area features, and error messages that point at the bad token."""

from __future__ import annotations

import json
from typing import Any

from shapely.geometry import shape

from ..errors import NoticeParseError
from ..physics import geodesy
from .notice import parse_notice

TOKEN_CHARS = 40


def notice_features(text: str) -> list[dict[str, Any]]:
    """One GeoJSON Feature per area of the notice, raw text kept; NoticeParseError when none."""
    features = parse_notice(text)
    if not features:
        raise NoticeParseError("no danger area found: no corner list, circle or numbered area",
                               text, 0, len(text))
    for number, item in enumerate(features, start=1):
        props = item["properties"]
        label = props.get("area_label") or str(number)
        props.update({
            "name": f"Pasted area {label}",
            "kind": "danger_area",
            "geometry_note": "corners as written in the pasted text, read by the notice parser",
            "area_km2": round(geodesy.area_km2(shape(item["geometry"])), 1),
        })
    return features


def collection_text(features: list[dict[str, Any]]) -> str:
    """A FeatureCollection as text, one feature a line (UTF-8 as is)."""
    lines = [json.dumps(item, ensure_ascii=False, separators=(",", ":")) for item in features]
    return '{"type": "FeatureCollection", "features": [\n' + ",\n".join(lines) + "\n]}"


def where(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    before = text[: max(0, min(offset, len(text)))]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def pointer(exc: NoticeParseError, name: str = "notice") -> str:
    """One line: where the bad token is (name:line:column), what is wrong and the token itself."""
    line, column = where(exc.text, exc.start)
    token = " ".join(exc.text[exc.start:exc.end].split())
    if len(token) > TOKEN_CHARS:
        token = token[: TOKEN_CHARS - 1] + "…"
    message = " ".join(exc.message.split())
    whole = exc.end - exc.start >= len(exc.text.strip())
    shown = "" if not token or whole or f"'{token}'" in message else f" at '{token}'"
    return f"{name}:{line}:{column}: {message}{shown}"
