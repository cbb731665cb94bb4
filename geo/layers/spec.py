"""What describes a layer, as data: its properties, style, legend, popup and time fields.

A LayerSpec is read by every part that handles the layer: the build writes its properties,
the export and the map take its title and popup, the app and the permalink its name and
visibility, the importers its geometry. The popup is rows of (label, fields, formatter) and
blocks; geo.layers.popup renders it on the server and geo/map/static/geo/popups.js in the
browser, from the same JSON.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

PROP_TYPES = ("text", "number", "integer", "boolean", "id", "ids", "date", "time", "names",
              "sources")
FORMATS = ("text", "words", "utc", "local", "arrow", "window", "km2", "km", "degrees", "names",
           "within_m")
"""Row formatters, each implemented in geo.layers.popup and in popups.js."""
BLOCKS = ("text", "pre", "note", "sources", "related", "every_field")


def frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    """A read-only copy of a mapping (specs are shared by every part and never change)."""
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Prop:
    """A property of every feature of a layer: its name, type and meaning.

    required: never null. choices: the values it may take, when they are fixed."""

    name: str
    type: str
    about: str
    required: bool = True
    choices: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.type not in PROP_TYPES:
            raise ValueError(f"property {self.name}: unknown type {self.type!r}")


@dataclass(frozen=True)
class Style:
    """Leaflet path options: base, then for each (property, {value: options}) in `by` the
    options of the feature's value, applied in order."""

    base: Mapping[str, Any]
    by: tuple[tuple[str, Mapping[str, Mapping[str, Any]]], ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        """The properties the style depends on."""
        return tuple(dict.fromkeys(name for name, _ in self.by))

    def resolve(self, props: Mapping[str, Any]) -> dict[str, Any]:
        """The options of a feature with these properties."""
        out = dict(self.base)
        for name, options in self.by:
            value = props.get(name)
            if isinstance(value, str) and value in options:
                out.update(options[value])
        return out


@dataclass(frozen=True)
class LegendRow:
    """One line of the legend: a swatch of a colour, and what it means."""

    swatch: str
    colour: str
    label: str

    def to_json(self) -> list[str]:
        """[swatch, colour, label] for the browser."""
        return [self.swatch, self.colour, self.label]


@dataclass(frozen=True)
class Row:
    """A row of the popup's table: label, the fields its value is made of, the formatter.

    card: shown on the short card as well as in the details. hide: values that leave the
    row out (as a missing value does)."""

    label: str
    fields: tuple[str, ...]
    format: str = "text"
    card: bool = False
    hide: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"row {self.label}: unknown format {self.format!r}")

    def to_json(self) -> dict[str, Any]:
        """The row for the browser."""
        return {"label": self.label, "fields": list(self.fields), "format": self.format,
                "card": self.card, "hide": list(self.hide)}


@dataclass(frozen=True)
class Block:
    """A part of the popup after its table.

    text: a paragraph of the field (with label, if given); pre: the field as written, its
    label chosen by the value of label_field in labels; note: fixed text; sources: the
    sources as links; related: the features of another layer whose `via` property is this
    feature's id, listed by `show`; every_field: every field of the feature (imported data)."""

    kind: str
    field: str = ""
    label: str = ""
    label_field: str = ""
    labels: Mapping[str, str] = dataclasses.field(default_factory=lambda: frozen({}))
    text: str = ""
    layer: str = ""
    via: str = ""
    show: tuple[str, ...] = ()
    card: bool = False

    def __post_init__(self) -> None:
        if self.kind not in BLOCKS:
            raise ValueError(f"unknown block kind {self.kind!r}")

    def fields(self) -> tuple[str, ...]:
        """The feature's own fields this block reads."""
        return tuple(name for name in (self.field, self.label_field) if name)

    def to_json(self) -> dict[str, Any]:
        """The block for the browser (empty parts left out)."""
        out: dict[str, Any] = {"kind": self.kind}
        for key in ("field", "label", "label_field", "text", "layer", "via"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.labels:
            out["labels"] = dict(self.labels)
        if self.show:
            out["show"] = list(self.show)
        if self.card:
            out["card"] = True
        return out


@dataclass(frozen=True)
class Popup:
    """What a feature's popup and details show: a title, a table of rows, then blocks."""

    title: str = "name"
    rows: tuple[Row, ...] = ()
    blocks: tuple[Block, ...] = ()

    def fields(self) -> tuple[str, ...]:
        """Every field of the feature the popup reads, in order (title first)."""
        names = [self.title, *(f for row in self.rows for f in row.fields),
                 *(f for block in self.blocks for f in block.fields())]
        return tuple(dict.fromkeys(names))

    @property
    def every_field(self) -> bool:
        """Whether the popup lists every field of the feature (imported data)."""
        return any(block.kind == "every_field" for block in self.blocks)

    def related(self) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        """(layer, via, fields shown) of each related block."""
        return tuple((b.layer, b.via, b.show) for b in self.blocks if b.kind == "related")

    def to_json(self) -> dict[str, Any]:
        """The popup spec as the browser reads it."""
        return {"title": self.title, "rows": [row.to_json() for row in self.rows],
                "blocks": [block.to_json() for block in self.blocks]}


@dataclass(frozen=True)
class LayerSpec:
    """One layer: name (its key everywhere), title, geometry types, typed properties, style,
    legend, popup, the fields that place it in time, and whether it is shown at first.

    time_fields: (start,) or (start, end) properties in ISO 8601. follows: (layer, property):
    the feature is shown with the feature of that layer its property names (zones and paths go
    with their launch).
    namespace: "builtin" for the catalogue's layers; user layers (imported data, pasted
    notices, range rings) have the namespace of their kind as the start of their key.
    importable: whether an import may declare its rows to be of this kind.
    version_of: the property naming the record a feature is another source's version of; the
    timeline and the list of events show each event once, by its first account.
    sent: other fields a browser module reads, sent with each feature (a ground track's vertex
    times, which geo/satellite.js reads)."""

    name: str
    title: str
    geometry: tuple[str, ...]
    properties: tuple[Prop, ...]
    style: Style
    legend: tuple[LegendRow, ...]
    popup: Popup
    time_fields: tuple[str, ...] = ()
    follows: tuple[str, str] | tuple[()] = ()
    visible: bool = True
    namespace: str = "builtin"
    importable: bool = False
    draw_order: int = 0
    version_of: str | None = None
    sent: tuple[str, ...] = ()

    def prop(self, name: str) -> Prop | None:
        """The declared property of that name, if any."""
        return next((p for p in self.properties if p.name == name), None)

    def to_json(self) -> dict[str, Any]:
        """What the browser needs to know of the layer besides its features."""
        return {"name": self.name, "title": self.title, "namespace": self.namespace,
                "popup": self.popup.to_json(),
                "legend": [row.to_json() for row in self.legend],
                "timeFields": list(self.time_fields), "follows": list(self.follows),
                "visible": self.visible, "drawOrder": self.draw_order, "versionOf": self.version_of}
