"""A figure of a view, made with matplotlib and cartopy: title, subtitle, the map (basemap,
layers, labels, graticule, scale bar, north arrow), legend, sources and credit; as SVG (text as
text, one group per layer), PDF (vector, TrueType fonts embedded) or PNG (at a DPI, with it)."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch

from ..errors import GeoError
from ..layers import registry
from ..layers.filters import feature_day
from . import fonts, names, words
from .decor import GREY, INK, graticule, north_arrow, scale_bar, scale_bar_box
from .draw import add_group, draw_basemap, feature_artists
from .footer import outside_parts, source_lines
from .labelled import city_dots, feature_labels, place_names
from .labels import place_labels
from .legend import LEGEND_WIDTH_IN, draw_legend, legend_entries
from .projection import Fitted, fit
from .selection import Selection, framed, select
from .sources import cited, full_list
from .text import fit_line, text_width, wrap
from .view import FORMATS, FigureView

Layers = dict[str, list[dict[str, Any]]]
Box = tuple[float, float, float, float]  # left, bottom, right, top in inches
MEDIA_TYPES = {"svg": "image/svg+xml", "pdf": "application/pdf", "png": "image/png"}
CREATOR = "geo figure (North Korea launch map), matplotlib and cartopy"


@dataclass(frozen=True)
class FigureFile:
    """A made figure: the file's bytes, the full list of its sources, whether the footer
    shortened them (then the list belongs beside the file), and its projection in words."""

    data: bytes
    fmt: str
    title: str
    sources_text: str
    shortened: bool
    projection: str
    feature_ids: dict[str, list[str]]


def make_figure(available: Layers, view: FigureView, fmt: str,
                full_list_name: str | None = None) -> FigureFile:
    """The figure of the view in fmt; full_list_name: the file beside it that the footer names
    when the sources are too many to print (else the footer points to the file's metadata)."""
    if fmt not in FORMATS:
        raise GeoError(f"format {fmt!r}: choose svg, pdf or png")
    selection = select(available, view)
    families = fonts.register()
    rc: dict[str, Any] = {"font.family": families, "svg.fonttype": "none", "pdf.fonttype": 42,
                          "ps.fonttype": 42, "lines.scale_dashes": False, "svg.hashsalt": "geo-figure",
                          "axes.unicode_minus": False, "path.simplify": True}
    with matplotlib.rc_context(cast(Any, rc)):
        return _render(selection, view, fmt, full_list_name, names.catalogue_city_names(available, view.lang))


def _render(selection: Selection, view: FigureView, fmt: str, full_list_name: str | None,
            known: dict[str, str]) -> FigureFile:
    preset, lang = view.preset, view.lang
    width, height = preset.inches(view.orientation)
    fig = Figure(figsize=(width, height), dpi=100)
    canvas = FigureCanvasAgg(fig)
    renderer = canvas.get_renderer()
    title = view.title if view.title is not None else names.event_title(selection.event, lang)
    # Laid out twice: the map's frame grows to fill its box, which brings more into view, which
    # changes the legend, the sources and what is beyond the map, which changes the box a little.
    frame = selection.bbox
    map_box, _, _ = _layout(fig, renderer, selection, view, title, full_list_name)
    selection = framed(selection, fit(frame, _aspect(map_box)).seen())
    fig.clear()
    map_box, shortened, all_sources = _layout(fig, renderer, selection, view, title, full_list_name)

    # the map
    x0, y0, x1, y1 = map_box
    fitted = fit(frame, _aspect(map_box))
    ax = fig.add_axes((x0 / width, y0 / height, (x1 - x0) / width, (y1 - y0) / height),
                      projection=fitted.crs)
    ax.set_xlim(fitted.extent[0], fitted.extent[1])
    ax.set_ylim(fitted.extent[2], fitted.extent[3])
    ax.set_autoscale_on(False)
    ax.set_gid("map")
    draw_basemap(ax, fitted.crs, selection.bbox)
    ids: dict[str, list[str]] = {}
    marks: list[Line2D] = []
    areas: list[PathPatch] = []
    ordered = sorted(selection.layers, key=lambda n: registry.spec_of(n).draw_order)
    for name in ordered:
        artists = feature_artists(ax, fitted.crs, name, selection.layers[name], preset.text_pt / 8)
        add_group(ax, name, artists, 1 + registry.spec_of(name).draw_order)
        ids[name] = [str(a.get_gid()) for a in artists]
        marks.extend(a for a in artists if isinstance(a, Line2D))
        if "Polygon" in registry.spec_of(name).geometry or not registry.is_builtin(name):
            areas.extend(a for a in artists if isinstance(a, PathPatch))
    graticule(ax, preset.small_pt)
    bar = scale_bar(ax, fitted, preset.small_pt, families=fonts.register())
    north = north_arrow(ax, fitted, preset.text_pt, lang)
    fig.canvas.draw()  # places the axes, so that labels can be measured where they will be
    obstacles = [m.get_window_extent(renderer) for m in marks]
    obstacles.append(scale_bar_box(ax, bar, renderer))
    obstacles += [part.get_window_extent(renderer) for part in north]
    features = feature_labels(ax, selection, fitted, lang, preset.text_pt)
    named = place_labels(ax, renderer, features, obstacles)
    # place names keep off the features' names and the small areas (a large one they may stand in)
    frame_px = ax.get_window_extent(renderer)
    obstacles += [note.get_window_extent(renderer) for note in named]
    obstacles += [box for box in (a.get_window_extent(renderer) for a in areas)
                  if box.width * box.height < frame_px.width * frame_px.height / 16]
    named_boxes = [note.get_window_extent(renderer).padded(3) for note in named]  # no dot under them
    free = [item for item in place_names(selection, fitted, lang, preset.small_pt, known)
            if not any(box.contains(*ax.transData.transform((item.x, item.y))) for box in named_boxes)]
    placed = place_labels(ax, renderer, free, obstacles)
    city_dots(ax, [note for note in placed if str(note.get_gid()).startswith("place-")], selection)

    projection = words.text(lang, "projection", lat1=fitted.parallels[0], lat2=fitted.parallels[1],
                            lon0=fitted.lon0)
    sources_text = full_list(all_sources, title)
    data = _save(fig, fmt, view, title, projection, fitted, sources_text)
    return FigureFile(data, fmt, title, sources_text, shortened, projection, ids)


def _aspect(box: Box) -> float:
    return (box[2] - box[0]) / (box[3] - box[1])


def _layout(fig: Figure, renderer: Any, selection: Selection, view: FigureView, title: str,
            full_list_name: str | None) -> tuple[Box, bool, list[dict[str, Any]]]:
    """Title, subtitle, footer and legend on the figure; the box left for the map (inches),
    whether the sources were shortened, and all of them."""
    preset, lang = view.preset, view.lang
    width, height = preset.inches(view.orientation)
    scale = preset.text_pt / 8.0
    margin = 0.16 * scale
    dates = _dates(selection, view)
    # the top: title and subtitle
    top = height - margin
    title_text = fig.text(margin / width, top / height, fit_line(title, preset.title_pt, width - 2 * margin,
                                                                 renderer, bold=True),
                          fontsize=preset.title_pt, fontweight="bold", color=INK, va="top", ha="left")
    title_text.set_gid("title")
    top -= preset.title_pt * 1.25 / 72
    subtitle = fig.text(margin / width, top / height, words.date_range(lang, *dates) if dates else "",
                        fontsize=preset.text_pt, color=GREY, va="top", ha="left")
    subtitle.set_gid("subtitle")
    top -= preset.text_pt * 1.6 / 72

    # the bottom: sources, beyond-the-map parts, credit
    all_sources = cited(selection.layers)
    line_h = preset.small_pt * 1.3 / 72
    footer_w = width - 2 * margin
    sourced, shortened = source_lines(all_sources, lang, preset.small_pt, footer_w, renderer, full_list_name)
    footer = [*sourced]
    outside = outside_parts(selection, lang)

    def outside_text(parts: list[str], size: float, room: float) -> str:
        for keep in range(len(parts), 0, -1):  # one line: as many as fit, then how many more
            more = f" … +{len(parts) - keep}" if keep < len(parts) else ""
            line = words.text(lang, "outside", parts="; ".join(parts[:keep])) + more
            if text_width(line, size) <= room:
                return line
        return fit_line(words.text(lang, "outside", parts=parts[0]), size, room, renderer)

    if outside:
        footer.append(outside_text(outside, preset.small_pt, footer_w))
    footer.extend(wrap(words.text(lang, "credit"), preset.small_pt, footer_w, renderer))
    y = margin
    for i, line in enumerate(reversed(footer)):
        piece = fig.text(margin / width, y / height, line, fontsize=preset.small_pt, color=GREY,
                         va="bottom", ha="left")
        piece.set_gid(f"footer-{len(footer) - 1 - i}")
        y += line_h
    bottom = y + 0.06 * scale

    # the legend: beside the map (wide figures) or below it
    beside = preset.legend_beside or view.orientation == "landscape"
    label_h = preset.small_pt * 1.6 / 72  # room for the graticule's labels
    label_w = preset.small_pt * 3.6 / 72
    # the layout that draws the frame largest: the legend beside the map (one or two columns),
    # or below it (as many columns as fit across, its words wrapped to the column)
    west, south, east, north = selection.bbox
    frame_w, frame_h = (east - west) * math.cos(math.radians((south + north) / 2)), north - south
    candidates = []
    across = width - 2 * margin
    for columns in (1, 2) if beside else ():
        entries = legend_entries(selection.layers, lang, preset.text_pt, LEGEND_WIDTH_IN * scale)
        legend = draw_legend(fig, entries[0], entries[1], "upper right", (1 - margin / width, top / height),
                         preset.text_pt, columns)
        extent = legend.get_window_extent(renderer)
        legend.remove()
        if extent.height / fig.dpi <= top - bottom:
            candidates.append((("beside", columns, entries), (margin + label_w, bottom + label_h,
                               width - margin - extent.width / fig.dpi - 0.22 * scale, top - 0.04)))
    for columns in (3, 2, 1):
        room = min(LEGEND_WIDTH_IN * scale, across / columns - 0.62 * scale)  # less the swatch and gap
        entries = legend_entries(selection.layers, lang, preset.text_pt, room)
        legend = draw_legend(fig, entries[0], entries[1], "lower left", (margin / width, bottom / height),
                         preset.text_pt, columns)
        extent = legend.get_window_extent(renderer)
        legend.remove()
        if extent.width / fig.dpi <= across or columns == 1:
            above = bottom + extent.height / fig.dpi + 0.1 * scale + label_h
            candidates.append((("below", columns, entries),
                               (margin + label_w, above, width - margin, top - 0.04)))

    def drawn_size(box: Box) -> float:
        return min((box[2] - box[0]) / frame_w, (box[3] - box[1]) / frame_h)

    (where, columns, (handles, labels, headers)), map_box = max(candidates, key=lambda c: drawn_size(c[1]))
    if where == "beside":
        legend = draw_legend(fig, handles, labels, "upper right", (1 - margin / width, top / height),
                         preset.text_pt, columns)
    else:
        legend = draw_legend(fig, handles, labels, "lower left", (margin / width, bottom / height),
                         preset.text_pt, columns)
    legend.set_gid("legend")
    for text in legend.get_texts():
        if text.get_text() in headers:
            text.set_fontweight("bold")

    x0, y0, x1, y1 = map_box
    if x1 - x0 < 0.8 or y1 - y0 < 0.8:
        raise GeoError("the legend and sources leave no room for the map at this size: choose a "
                       "larger size or fewer layers")
    return map_box, shortened, all_sources


def _dates(selection: Selection, view: FigureView) -> tuple[date, date] | None:
    """The subtitle's range: the view's dates, or those of the dated features drawn (None: none)."""
    days = [day for name, features in selection.layers.items()
            for spec in [registry.spec_of(name)] if spec.time_fields and not spec.follows
            for f in features if (day := feature_day(f, spec.time_fields[0]))]
    start = view.start or (min(days) if days else view.end)
    end = view.end or (max(days) if days else view.start)
    return (start, end) if start is not None and end is not None else None


def _save(fig: Figure, fmt: str, view: FigureView, title: str, projection: str, fitted: Fitted,
          sources_text: str) -> bytes:
    buffer = io.BytesIO()
    described = f"{projection}. PROJ: {fitted.proj4}"
    if fmt == "svg":
        metadata: dict[str, Any] = {"Title": title, "Creator": CREATOR, "Date": None,
                                    "Coverage": described, "Description": sources_text,
                                    "Language": view.lang}
        fig.savefig(buffer, format="svg", metadata=metadata)
    elif fmt == "pdf":
        metadata = {"Title": title, "Creator": CREATOR, "Subject": described, "Keywords": sources_text[:4000],
                    "CreationDate": None, "ModDate": None}
        fig.savefig(buffer, format="pdf", metadata=metadata)
    else:
        metadata = {"Title": title, "Software": CREATOR, "Description": sources_text,
                    "Projection": described}
        fig.savefig(buffer, format="png", dpi=view.png_dpi(), metadata=metadata)
    return buffer.getvalue()
