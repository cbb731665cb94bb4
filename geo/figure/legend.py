"""The legend of a figure: the registry's legend rows of each layer drawn, those that some drawn
feature's style matches (a colour it is drawn in, a dashed or solid line it has), and in words
what `digitised` and `derived` mean when a drawn feature's geometry is so obtained."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

import matplotlib
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..layers import registry
from ..layers.spec import LayerSpec, LegendRow
from . import words
from .draw import PX
from .text import wrap

Layers = dict[str, list[dict[str, Any]]]
LINES = ("solid", "dashed")
NOTED_METHODS = ("digitised", "derived")
LEGEND_WIDTH_IN = 2.1  # a row's words at 8 pt; wider with the type


@dataclass(frozen=True)
class LegendGroup:
    """A layer's part of the legend: its title and the rows that its drawn features show."""

    layer: str
    title: str
    rows: tuple[LegendRow, ...]


def _colours(spec: LayerSpec) -> set[str]:
    found = {str(spec.style.base.get(k)) for k in ("color", "fillColor") if spec.style.base.get(k)}
    for _, options in spec.style.by:
        for values in options.values():
            found |= {str(values[k]) for k in ("color", "fillColor") if values.get(k)}
    return found


def _matches(row: LegendRow, style: Mapping[str, Any], generic: bool) -> bool:
    colour_ok = generic or row.colour in (style.get("color"), style.get("fillColor"))
    line_ok = row.swatch not in LINES or bool(style.get("dashArray")) == (row.swatch == "dashed")
    return colour_ok and line_ok


def legend_groups(layers: Layers, lang: str) -> list[LegendGroup]:
    """The legend of the layers drawn, in draw order from the top (what is on top first)."""
    groups = []
    for name, features in layers.items():
        if not features:
            continue
        spec = registry.spec_of(name)
        colours = _colours(spec)
        styles = [spec.style.resolve(f.get("properties") or {}) for f in features]
        rows = tuple(row for row in spec.legend
                     if any(_matches(row, style, row.colour not in colours) for style in styles))
        if rows:
            groups.append(LegendGroup(name, words.label(lang, spec.title), rows))
    return sorted(groups, key=lambda g: -registry.spec_of(g.layer).draw_order)


def method_notes(layers: Layers, lang: str) -> list[str]:
    """What digitised and derived mean, for each of them that a drawn feature's geometry is."""
    methods = {str((f.get("properties") or {}).get("geometry_method")) for fs in layers.values() for f in fs}
    return [words.text(lang, method) for method in NOTED_METHODS if method in methods]


def draw_legend(fig: Figure, handles: list[Any], labels: list[str], loc: str, anchor: tuple[float, float],
            size: float, columns: int) -> Legend:
    return fig.legend(handles, labels, loc=cast(Any, loc), bbox_to_anchor=anchor, fontsize=size,
                      frameon=False, handlelength=2.2, borderaxespad=0, borderpad=0, labelspacing=0.4,
                      handletextpad=0.55, ncols=columns, columnspacing=1.2)


def legend_entries(layers: Layers, lang: str, size: float,
                    room: float) -> tuple[list[Any], list[str], set[str]]:
    """The legend's swatches and words (wrapped to room, in inches), and which words are titles."""
    handles: list[Any] = []
    labels: list[str] = []
    headers: set[str] = set()
    for group in legend_groups(layers, lang):
        handles.append(Patch(visible=False))
        labels.append(group.title)
        headers.add(group.title)
        spec = registry.spec_of(group.layer)
        for row in group.rows:
            handles.append(_swatch(row.swatch, row.colour, spec.style.base))
            labels.append("\n".join(wrap(words.label(lang, row.label), size, room)))
    notes = method_notes(layers, lang)
    for note in notes:
        handles.append(Patch(visible=False))
        labels.append("\n".join(wrap(note, size, room)))
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
