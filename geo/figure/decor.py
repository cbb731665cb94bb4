"""What a map for print carries besides its features: the graticule with its labels, a scale
bar in km true at the centre (matplotlib-scalebar), and an arrow to true north."""

from __future__ import annotations

import math
from typing import Any

from matplotlib.text import OffsetFrom
from matplotlib.transforms import Bbox
from matplotlib_scalebar.scalebar import ScaleBar

from . import words
from .draw import GEODETIC
from .projection import Fitted

INK, GREY = "#1a1a1a", "#555555"


def graticule(ax: Any, size: float) -> None:
    lines = ax.gridlines(crs=GEODETIC, draw_labels=True, x_inline=False, y_inline=False,
                         linewidth=0.3, color="#7a7a7a", alpha=0.6, linestyle=(0, (1, 1.5)))
    lines.top_labels = lines.right_labels = False
    lines.xlabel_style = lines.ylabel_style = {"size": size, "color": GREY}
    lines.rotate_labels = False


def scale_bar(ax: Any, fitted: Fitted, size: float, families: list[str]) -> ScaleBar:
    bar = ScaleBar(1.0 / fitted.scale_at_centre(), units="m", dimension="si-length", location="lower left",
                   length_fraction=0.22, width_fraction=0.012, box_alpha=0.75, scale_loc="top",
                   border_pad=0.6, pad=0.35, color=INK, font_properties={"size": size, "family": families})
    bar.set_gid("scale-bar")
    ax.add_artist(bar)
    return bar


def scale_bar_box(ax: Any, bar: ScaleBar, renderer: Any) -> Bbox:
    """Where the scale bar stands (its own extent, or the corner it is drawn in when it has none)."""
    box = bar.get_window_extent(renderer)
    if box.width > 1 and box.height > 1:
        return box
    return Bbox(ax.transAxes.transform([(0.0, 0.0), (0.3, 0.16)]))


def north_arrow(ax: Any, fitted: Fitted, size: float, lang: str) -> list[Any]:
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
