"""The legend of a figure: the registry's legend rows of each layer drawn, those that some drawn
feature's style matches (a colour it is drawn in, a dashed or solid line it has), and in words
what `digitised` and `derived` mean when a drawn feature's geometry is so obtained."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..layers import registry
from ..layers.spec import LayerSpec, LegendRow
from . import words

Layers = dict[str, list[dict[str, Any]]]
LINES = ("solid", "dashed")
NOTED_METHODS = ("digitised", "derived")


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
