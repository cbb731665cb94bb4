"""A figure of a view, made with matplotlib and cartopy: title, subtitle, the map (basemap,
layers, labels, graticule, scale bar, north arrow), legend, sources and credit; as SVG (text as
text, one group per layer), PDF (vector, TrueType fonts embedded) or PNG (at a DPI, with it)."""

from __future__ import annotations

import functools
import io
import math
import textwrap
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.text import OffsetFrom
from matplotlib.transforms import Bbox
from matplotlib_scalebar.scalebar import ScaleBar
from pyproj import Geod
from shapely.geometry import Point, shape

from ..errors import GeoError
from ..layers import registry
from ..layers.filters import feature_day
from . import fonts, names, words
from .draw import GEODETIC, PX, add_group, draw_basemap, feature_artists
from .labels import LabelItem, place_labels
from .legend import legend_groups, method_notes
from .projection import Fitted, fit
from .selection import Selection, framed, select
from .sources import cited, full_list, short
from .view import FORMATS, FigureView

Layers = dict[str, list[dict[str, Any]]]
Box = tuple[float, float, float, float]  # left, bottom, right, top in inches
MEDIA_TYPES = {"svg": "image/svg+xml", "pdf": "application/pdf", "png": "image/png"}
CREATOR = "geo figure (North Korea launch map), matplotlib and cartopy"
INK, GREY = "#1a1a1a", "#555555"
LABEL_BOX = {"boxstyle": "round,pad=0.18", "facecolor": "white", "alpha": 0.8, "edgecolor": "none"}
MAX_PLACES = 14
LEGEND_WIDTH_IN = 2.1  # at 8 pt; wider with the type
SOURCE_LINES = 2
_GEOD = Geod(ellps="WGS84")
_COMPASS = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")
_COMPASS_KO = ("북", "북동", "동", "남동", "남", "남서", "서", "북서")


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
        return _render(selection, view, fmt, full_list_name)


def _render(selection: Selection, view: FigureView, fmt: str, full_list_name: str | None) -> FigureFile:
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
    _graticule(ax, preset.small_pt)
    bar = _scale_bar(ax, fitted, preset.small_pt, families=fonts.register())
    north = _north_arrow(ax, fitted, preset.text_pt, lang)
    fig.canvas.draw()  # places the axes, so that labels can be measured where they will be
    obstacles = [m.get_window_extent(renderer) for m in marks]
    obstacles.append(_scale_bar_box(ax, bar, renderer))
    obstacles += [part.get_window_extent(renderer) for part in north]
    features = _feature_labels(ax, selection, fitted, lang, preset.text_pt)
    named = place_labels(ax, renderer, features, obstacles)
    # place names keep off the features' names and the small areas (a large one they may stand in)
    frame_px = ax.get_window_extent(renderer)
    obstacles += [note.get_window_extent(renderer) for note in named]
    obstacles += [box for box in (a.get_window_extent(renderer) for a in areas)
                  if box.width * box.height < frame_px.width * frame_px.height / 16]
    named_boxes = [note.get_window_extent(renderer).padded(3) for note in named]
    free = [item for item in _place_labels(selection, fitted, lang, preset.small_pt)  # no dot under a name
            if not any(box.contains(*ax.transData.transform((item.x, item.y))) for box in named_boxes)]
    placed = place_labels(ax, renderer, free, obstacles)
    _city_dots(ax, [note for note in placed if str(note.get_gid()).startswith("place-")], selection)

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
    title_text = fig.text(margin / width, top / height, _fit_line(title, preset.title_pt, width - 2 * margin,
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
    source_lines, shortened = _source_lines(all_sources, lang, preset.small_pt, footer_w, renderer,
                                            full_list_name)
    footer = [*source_lines]
    outside = _outside_parts(selection, lang)

    def outside_text(parts: list[str], size: float, room: float) -> str:
        for keep in range(len(parts), 0, -1):  # one line: as many as fit, then how many more
            more = f" … +{len(parts) - keep}" if keep < len(parts) else ""
            line = words.text(lang, "outside", parts="; ".join(parts[:keep])) + more
            if _width(line, size) <= room:
                return line
        return _fit_line(words.text(lang, "outside", parts=parts[0]), size, room, renderer)

    if outside:
        footer.append(outside_text(outside, preset.small_pt, footer_w))
    footer.extend(_wrap(words.text(lang, "credit"), preset.small_pt, footer_w, renderer))
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
        entries = _legend_entries(selection, lang, preset.text_pt, LEGEND_WIDTH_IN * scale)
        legend = _legend(fig, entries[0], entries[1], "upper right", (1 - margin / width, top / height),
                         preset.text_pt, columns)
        extent = legend.get_window_extent(renderer)
        legend.remove()
        if extent.height / fig.dpi <= top - bottom:
            candidates.append((("beside", columns, entries), (margin + label_w, bottom + label_h,
                               width - margin - extent.width / fig.dpi - 0.22 * scale, top - 0.04)))
    for columns in (3, 2, 1):
        room = min(LEGEND_WIDTH_IN * scale, across / columns - 0.62 * scale)  # less the swatch and gap
        entries = _legend_entries(selection, lang, preset.text_pt, room)
        legend = _legend(fig, entries[0], entries[1], "lower left", (margin / width, bottom / height),
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
        legend = _legend(fig, handles, labels, "upper right", (1 - margin / width, top / height),
                         preset.text_pt, columns)
    else:
        legend = _legend(fig, handles, labels, "lower left", (margin / width, bottom / height),
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


def _legend(fig: Figure, handles: list[Any], labels: list[str], loc: str, anchor: tuple[float, float],
            size: float, columns: int) -> Legend:
    return fig.legend(handles, labels, loc=cast(Any, loc), bbox_to_anchor=anchor, fontsize=size,
                      frameon=False, handlelength=2.2, borderaxespad=0, borderpad=0, labelspacing=0.4,
                      handletextpad=0.55, ncols=columns, columnspacing=1.2)


def _dates(selection: Selection, view: FigureView) -> tuple[date, date] | None:
    """The subtitle's range: the view's dates, or those of the dated features drawn (None: none)."""
    days = [day for name, features in selection.layers.items()
            for spec in [registry.spec_of(name)] if spec.time_fields and not spec.follows
            for f in features if (day := feature_day(f, spec.time_fields[0]))]
    start = view.start or (min(days) if days else view.end)
    end = view.end or (max(days) if days else view.start)
    return (start, end) if start is not None and end is not None else None


@functools.lru_cache(maxsize=4096)
def _measure(text: str, size: float, bold: bool, dpi: float, families: tuple[str, ...]) -> float:
    prop = FontProperties(family=list(families), size=size, weight="bold" if bold else "normal")
    w, _, _ = _MEASURER.get_text_width_height_descent(text, prop, ismath=False)
    return float(w) / dpi


_MEASURER = RendererAgg(100, 100, 100)


def _width(text: str, size: float, renderer: Any = None, bold: bool = False) -> float:
    """The width of a text in inches (words measured once each: a footer is wrapped many times)."""
    families = tuple(matplotlib.rcParams["font.family"])
    space = _measure("a a", size, bold, 100.0, families) - _measure("aa", size, bold, 100.0, families)
    parts = text.split(" ")
    return sum(_measure(p, size, bold, 100.0, families) for p in parts if p) + space * (len(parts) - 1)


def _wrap(text: str, size: float, width_in: float, renderer: Any = None) -> list[str]:
    lines: list[str] = []
    for word in text.split(" "):
        if lines and _width(lines[-1] + " " + word, size) <= width_in:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _fit_line(text: str, size: float, width_in: float, renderer: Any, bold: bool = False) -> str:
    if _width(text, size, renderer, bold) <= width_in:
        return text
    while text and _width(text + "…", size, renderer, bold) > width_in:
        text = text[:-1]
    return text.rstrip() + "…"


def _source_lines(sources: list[dict[str, Any]], lang: str, size: float, width_in: float, renderer: Any,
                  full_list_name: str | None) -> tuple[list[str], bool]:
    """The footer's lines of sources: all of them if they fit in SOURCE_LINES, else as many as
    fit with '… and N more (full list: …)'."""
    shorts = list(dict.fromkeys(short(s) for s in sources))
    head = words.text(lang, "sources") + ": "
    lines = _wrap(head + "; ".join(shorts), size, width_in, renderer)
    if len(lines) <= SOURCE_LINES:
        return lines, False
    where = words.text(lang, "full_list_file", file=full_list_name) if full_list_name \
        else words.text(lang, "full_list_meta")
    def lines_keeping(keep: int) -> list[str]:
        more = words.text(lang, "more_sources", count=len(shorts) - keep, where=where)
        return _wrap(head + "; ".join(shorts[:keep]) + " " + more, size, width_in, renderer)

    low, high = 0, len(shorts) - 1  # the most that fit: fewer kept never takes more lines
    while low < high:
        middle = (low + high + 1) // 2
        if len(lines_keeping(middle)) <= SOURCE_LINES:
            low = middle
        else:
            high = middle - 1
    return lines_keeping(low), True


def _outside_parts(selection: Selection, lang: str) -> list[str]:
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


def _legend_entries(selection: Selection, lang: str, size: float,
                    room: float) -> tuple[list[Any], list[str], set[str]]:
    """The legend's swatches and words (wrapped to room, in inches), and which words are titles."""
    handles: list[Any] = []
    labels: list[str] = []
    headers: set[str] = set()
    for group in legend_groups(selection.layers, lang):
        handles.append(Patch(visible=False))
        labels.append(group.title)
        headers.add(group.title)
        spec = registry.spec_of(group.layer)
        for row in group.rows:
            handles.append(_swatch(row.swatch, row.colour, spec.style.base))
            labels.append("\n".join(_wrap(words.label(lang, row.label), size, room)))
    notes = method_notes(selection.layers, lang)
    for note in notes:
        handles.append(Patch(visible=False))
        labels.append("\n".join(_wrap(note, size, room)))
    return handles, labels, headers


def _swatch(kind: str, colour: str, base: Any) -> Any:
    width = float(base.get("weight", 2)) * PX
    if kind in ("dot", "disc", "ring"):
        face = "white" if kind == "ring" else colour
        alpha_face = matplotlib.colors.to_rgba(face, 0.9 if kind == "disc" else 0.6)
        return Line2D([], [], marker="o", markersize=7, markerfacecolor=alpha_face,
                      markeredgecolor="#222222" if kind == "disc" else colour, markeredgewidth=1.0,
                      linestyle="none")
    if kind == "box":
        return Patch(facecolor=matplotlib.colors.to_rgba(colour, 0.3), edgecolor=colour, linewidth=width)
    if kind == "dashed":
        return Line2D([], [], color=colour, linewidth=width, linestyle=(0, (4.5, 3.5)))
    return Line2D([], [], color=colour, linewidth=width, linestyle="solid")


def _graticule(ax: Any, size: float) -> None:
    lines = ax.gridlines(crs=GEODETIC, draw_labels=True, x_inline=False, y_inline=False,
                         linewidth=0.3, color="#7a7a7a", alpha=0.6, linestyle=(0, (1, 1.5)))
    lines.top_labels = lines.right_labels = False
    lines.xlabel_style = lines.ylabel_style = {"size": size, "color": GREY}
    lines.rotate_labels = False


def _scale_bar(ax: Any, fitted: Fitted, size: float, families: list[str]) -> ScaleBar:
    bar = ScaleBar(1.0 / fitted.scale_at_centre(), units="m", dimension="si-length", location="lower left",
                   length_fraction=0.22, width_fraction=0.012, box_alpha=0.75, scale_loc="top",
                   border_pad=0.6, pad=0.35, color=INK, font_properties={"size": size, "family": families})
    bar.set_gid("scale-bar")
    ax.add_artist(bar)
    return bar


def _scale_bar_box(ax: Any, bar: ScaleBar, renderer: Any) -> Bbox:
    """Where the scale bar stands (its own extent, or the corner it is drawn in when it has none)."""
    box = bar.get_window_extent(renderer)
    if box.width > 1 and box.height > 1:
        return box
    return Bbox(ax.transAxes.transform([(0.0, 0.0), (0.3, 0.16)]))


def _north_arrow(ax: Any, fitted: Fitted, size: float, lang: str) -> list[Any]:
    """An arrow to true north where it stands, in the map's top right corner (the meridians of a
    conic projection are not parallel: north is not straight up away from the centre)."""
    length = 2.4 * size  # points
    tip = (-1.6 * size, -1.9 * size)  # from the corner, in points
    scale = ax.figure.dpi / 72
    corner = ax.transAxes.transform((1.0, 1.0))
    here = (corner[0] + tip[0] * scale, corner[1] + tip[1] * scale)
    x, y = ax.transData.inverted().transform(here)
    lon, lat = GEODETIC.transform_point(x, y, fitted.crs)
    nx, ny = fitted.crs.transform_point(lon, min(lat + 0.2, 89.9), GEODETIC)
    qx, qy = ax.transData.transform((nx, ny))
    angle = math.atan2(qy - here[1], qx - here[0])
    tail = (tip[0] - length * math.cos(angle), tip[1] - length * math.sin(angle))
    corner_pt = OffsetFrom(ax.bbox, (1.0, 1.0), unit="points")
    arrow = ax.annotate("", xy=tip, xycoords=corner_pt, xytext=tail, textcoords=corner_pt,
                        annotation_clip=False,
                        arrowprops={"arrowstyle": "-|>,head_length=0.55,head_width=0.28", "color": INK,
                                    "linewidth": 1.1, "shrinkA": 0, "shrinkB": 0})
    arrow.set_gid("north-arrow")
    above = (tip[0] + 2 * math.cos(angle), tip[1] + 2 * math.sin(angle))
    letter = ax.annotate(words.text(lang, "north"), xy=above, xycoords=corner_pt, ha="center", va="bottom",
                         fontsize=size, annotation_clip=False, fontweight="bold", color=INK)
    letter.set_gid("north-letter")
    return [arrow, letter]


def _anchor(fitted: Fitted, lon: float, lat: float) -> tuple[float, float]:
    x, y = fitted.crs.transform_point(lon, lat, GEODETIC)
    return float(x), float(y)


def _size_px(ax: Any, fitted: Fitted, geom: Any) -> tuple[float, float]:
    """An area's width and height on the figure, in pixels."""
    projected = fitted.crs.project_geometry(geom, GEODETIC)
    if projected.is_empty:
        return (0.0, 0.0)
    x0, y0, x1, y1 = projected.bounds
    (a, b), (c, d) = ax.transData.transform([(x0, y0), (x1, y1)])
    return (abs(c - a), abs(d - b))


def _feature_labels(ax: Any, selection: Selection, fitted: Fitted, lang: str, size: float) -> list[LabelItem]:
    frame = fitted.seen()
    frame_px = ax.get_window_extent()
    items = []

    def needed(feature: dict[str, Any]) -> bool:  # the event's parts, and the launch sites
        return selection.event is not None or _label_rank(feature) < 1

    order = (registry.SITES.name, registry.ZONES.name, registry.TRACKS.name, registry.FOOTPRINTS.name,
             registry.SCENARIOS.name)
    style = {"fontsize": size, "color": INK, "bbox": LABEL_BOX}
    for name in [*order, *[n for n in selection.layers if n not in order]]:
        for feature in sorted(selection.layers.get(name, []), key=_label_rank):
            text = names.feature_label(name, feature, lang)
            if not text or not feature.get("geometry"):
                continue
            geom = shape(feature["geometry"])
            area = geom.geom_type in ("Polygon", "MultiPolygon")
            seen = geom if geom.within(frame) else geom.intersection(frame)
            if seen.is_empty:
                continue
            if geom.geom_type == "LineString":
                reach = _size_px(ax, fitted, seen)
                if max(reach) < 0.2 * max(frame_px.width, frame_px.height):
                    continue  # a short path (a launch that failed at once): the legend names it
                point = seen.interpolate(0.62, normalized=True) if seen.geom_type == "LineString" \
                    else seen.representative_point()
            else:
                point = seen.representative_point() if area else seen.centroid
            weight = "bold" if name == registry.SITES.name else "normal"
            radius = float(registry.spec_of(name).style.resolve(feature.get("properties") or {})
                           .get("radius", 3)) * PX * size / 8
            items.append(LabelItem(textwrap.fill(text, 28), *_anchor(fitted, point.x, point.y), area=area,
                                   area_px=_size_px(ax, fitted, seen) if area else (0.0, 0.0),
                                   required=needed(feature), gid=f"label-{feature.get('id')}",
                                   style={**style, "fontweight": weight}, clear_pt=radius + 3,
                                   narrow=textwrap.fill(text, 14)))
    return items


_SITE_RANK = {"launch_site": 0, "city": 1, "launch_pad": 2, "control_center": 3, "border_station": 3}


def _label_rank(feature: dict[str, Any]) -> int:
    """Sites by what they are (as the map ranks its labels): launch sites, then cities, then pads."""
    return _SITE_RANK.get(str((feature.get("properties") or {}).get("kind")), 5)


def _place_labels(selection: Selection, fitted: Fitted, lang: str, size: float) -> list[LabelItem]:
    from ..map.places import places

    west, south, east, north = selection.bbox
    seen = fitted.seen()
    span = max(east - west, north - south)
    most_zoom = 4 if span > 25 else 5 if span > 12 else 6 if span > 6 else 8
    found = [p for p in places()
             if p.get("zoom", 9) <= most_zoom and seen.contains(Point(p["lon"], p["lat"]))]
    items = []
    for place in found[:MAX_PLACES]:
        sea = place["kind"] in ("sea", "ocean", "bay", "strait")
        style = {"fontsize": size * (1.05 if sea else 1.0), "color": "#3d6f8f" if sea else "#333333",
                 "fontstyle": "italic" if sea else "normal"}
        items.append(LabelItem(names.local_name(place, lang), *_anchor(fitted, place["lon"], place["lat"]),
                               area=sea, gid=f"place-{place['id']}", style=style))
    return items


def _city_dots(ax: Any, notes: list[Any], selection: Selection) -> None:
    """A dot at each city whose name was placed (a name whose dot would stand alone is left out)."""
    from ..map.places import places

    cities = {f"place-{p['id']}": p for p in places() if p["kind"] == "city"}
    dots = []
    for note in notes:
        if str(note.get_gid()) in cities:
            x, y = note.xy
            dot = Line2D([x], [y], marker="o", markersize=2.6, markerfacecolor="#333333",
                         markeredgecolor="white", markeredgewidth=0.4, linestyle="none")
            dot.set_gid(str(note.get_gid()).replace("place-", "dot-"))
            dots.append(dot)
    add_group(ax, "places", dots, 1.5)


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
