"""The footer's words: the sources of what is drawn, shortened to fit, and the parts of the
view beyond the map with their distance and direction."""

from __future__ import annotations

from typing import Any

from pyproj import Geod
from shapely.geometry import shape

from . import names, words
from .selection import Selection
from .sources import short
from .text import wrap

SOURCE_LINES = 2
_GEOD = Geod(ellps="WGS84")
_COMPASS = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")
_COMPASS_KO = ("북", "북동", "동", "남동", "남", "남서", "서", "북서")


def source_lines(sources: list[dict[str, Any]], lang: str, size: float, width_in: float, renderer: Any,
                  full_list_name: str | None) -> tuple[list[str], bool]:
    """The footer's lines of sources: all of them if they fit in SOURCE_LINES, else as many as
    fit with '… and N more (full list: …)'."""
    shorts = list(dict.fromkeys(short(s) for s in sources))
    head = words.text(lang, "sources") + ": "
    lines = wrap(head + "; ".join(shorts), size, width_in, renderer)
    if len(lines) <= SOURCE_LINES:
        return lines, False
    where = words.text(lang, "full_list_file", file=full_list_name) if full_list_name \
        else words.text(lang, "full_list_meta")
    def lines_keeping(keep: int) -> list[str]:
        more = words.text(lang, "more_sources", count=len(shorts) - keep, where=where)
        return wrap(head + "; ".join(shorts[:keep]) + " " + more, size, width_in, renderer)

    low, high = 0, len(shorts) - 1  # the most that fit: fewer kept never takes more lines
    while low < high:
        middle = (low + high + 1) // 2
        if len(lines_keeping(middle)) <= SOURCE_LINES:
            low = middle
        else:
            high = middle - 1
    return lines_keeping(low), True


def outside_parts(selection: Selection, lang: str) -> list[str]:
    """The view's parts beyond the map, with their distance and direction from its centre."""
    if not selection.outside:
        return []
    west, south, east, north = selection.bbox
    cx, cy = (west + east) / 2, (south + north) / 2
    parts = []
    for name, features in selection.outside.items():
        for feature in features:
            label = names.feature_label(name, feature, lang)
            if not label or not feature.get("geometry"):
                continue
            point = shape(feature["geometry"]).centroid
            azimuth, _, metres = _GEOD.inv(cx, cy, point.x, point.y)
            compass = (_COMPASS_KO if lang == "ko" else _COMPASS)[round((azimuth % 360) / 45) % 8]
            parts.append(f"{label} (~{metres / 1000:,.0f} km {compass})")
    return list(dict.fromkeys(parts))
