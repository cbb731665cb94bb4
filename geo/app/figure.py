"""Download → Figure: the view a permalink's parameters hold (event, dates, layers, the map's
bounds) and the figure's own (format, size, orientation, language, title), as a FigureView.

The parameters come from the explorer's Download menu (geo/map/static/geo/explorer/downloads.js);
anything unreadable is said in words by the GeoError it raises, never guessed."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..figure.render import MEDIA_TYPES, FigureFile, make_figure
from ..figure.view import FORMATS, FigureView, parse_bbox
from ..layers.filters import catalogue_range
from .permalink import date_range

FIGURE_FORMATS = FORMATS
Layers = dict[str, list[dict[str, Any]]]


def figure_view(query: Mapping[str, str], every: Layers, catalogue: Layers) -> FigureView:
    """The view of the query; every: the layers there are (the catalogue's and the session's)."""
    full = catalogue_range(catalogue)
    start, end = date_range(query, *full)
    names = tuple(n for n in str(query.get("layers", "")).split(",") if n in every) \
        if "layers" in query else None
    bbox = parse_bbox(query["bbox"]) if query.get("bbox") else None
    return FigureView(event=query.get("event") or None, start=_inner(start, full[0]),
                      end=_inner(end, full[1]), layers=names, bbox=bbox,
                      size=query.get("size", "page"), orientation=query.get("orientation", ""),
                      lang=query.get("lang", "en"), title=query.get("title") or None)


def _inner(day: date, bound: date) -> date | None:
    return None if day == bound else day


def figure_bytes(query: Mapping[str, str], every: Layers, catalogue: Layers) -> tuple[bytes, str]:
    """The figure file of the query and its media type (the full list of sources, when the
    footer shortens it, is in the file's description)."""
    fmt = str(query.get("format"))
    made: FigureFile = make_figure(every, figure_view(query, every, catalogue), fmt)
    return made.data, MEDIA_TYPES[fmt]
