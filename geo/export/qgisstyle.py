"""A layer's registry style as QGIS reads it: QML (rule-based renderer) and SLD 1.1, one rule per
legend class, for the GeoPackage's ``layer_styles`` table (QGIS's GeoPackage styling extension:
QGIS opens a table with a default style row styled).

The classes are the distinct styles geo.layers.registry's Style resolves for the features
written: each rule matches the values of the properties the style depends on (``"kind" =
'city'``), its symbol draws what the map draws (colours, opacities, widths and radii in pixels,
dashes for digitised and derived shapes); an ELSE rule gives features of other values the
layer's base style. Symbol layers are written with ``<prop k= v=>``, which QGIS 3.22 (Debian
12) reads and later versions still read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from typing import Any

from ..layers.spec import LayerSpec

SLD = "http://www.opengis.net/sld"
SE = "http://www.opengis.net/se"
OGC = "http://www.opengis.net/ogc"
Class = tuple[tuple[tuple[str, Any], ...], dict[str, Any]]
"""((property, value) the rule matches…, the resolved Leaflet options)."""


def style_classes(spec: LayerSpec, features: Iterable[Mapping[str, Any]]) -> list[Class]:
    """The layer's classes in first-seen order: the style's properties' values, their style."""
    out: dict[tuple[tuple[str, Any], ...], dict[str, Any]] = {}
    for item in features:
        props = item.get("properties") or {}
        key = tuple((name, props.get(name)) for name in spec.style.keys)
        if key not in out:
            out[key] = spec.style.resolve(props)
    return list(out.items())


def _rgba(colour: Any, opacity: float) -> str:
    text = str(colour or "#555555").lstrip("#")
    if not re.fullmatch(r"[0-9a-fA-F]{6}", text):
        text = "555555"
    red, green, blue = (int(text[i:i + 2], 16) for i in (0, 2, 4))
    return f"{red},{green},{blue},{max(0, min(255, round(255 * opacity)))}"


def _label(key: tuple[tuple[str, Any], ...]) -> str:
    return ", ".join(f"{name}: {value}" for name, value in key) or "all features"


def _expression(key: tuple[tuple[str, Any], ...]) -> str:
    parts = []
    for name, value in key:
        field = '"' + name.replace('"', '""') + '"'
        if isinstance(value, str):
            parts.append(f"{field} = '" + value.replace("'", "''") + "'")
        else:
            parts.append(f"{field} IS NULL")
    return " AND ".join(parts)


def _props(parent: ET.Element, values: Mapping[str, str]) -> None:
    for key, value in values.items():
        ET.SubElement(parent, "prop", k=key, v=value)


def _dash(options: Mapping[str, Any]) -> dict[str, str]:
    dash = options.get("dashArray")
    if not dash:
        return {"use_custom_dash": "0"}
    return {"use_custom_dash": "1", "customdash": ";".join(str(dash).split()),
            "customdash_unit": "Pixel"}


def _symbol(kind: str, name: str, options: Mapping[str, Any]) -> ET.Element:
    line = options.get("color")
    fill = options.get("fillColor", line)
    opacity = float(options.get("opacity", 1.0))
    fill_opacity = 0.0 if options.get("fill") is False else float(options.get("fillOpacity", 0.2))
    width = str(options.get("weight", 2))
    symbol = ET.Element("symbol", type=kind, name=name, alpha="1", clip_to_extent="1",
                        force_rhr="0")
    if kind == "marker":
        layer = ET.SubElement(symbol, "layer", {"class": "SimpleMarker", "pass": "0",
                                                 "locked": "0", "enabled": "1"})
        _props(layer, {"name": "circle", "color": _rgba(fill, fill_opacity),
                       "outline_color": _rgba(line, opacity), "outline_style": "solid",
                       "outline_width": width, "outline_width_unit": "Pixel",
                       "size": str(2 * float(options.get("radius", 5))), "size_unit": "Pixel"})
    elif kind == "line":
        layer = ET.SubElement(symbol, "layer", {"class": "SimpleLine", "pass": "0",
                                                 "locked": "0", "enabled": "1"})
        _props(layer, {"line_color": _rgba(line, opacity), "line_width": width,
                       "line_width_unit": "Pixel", "line_style": "solid",
                       **_dash(options)})
    else:
        layer = ET.SubElement(symbol, "layer", {"class": "SimpleFill", "pass": "0",
                                                 "locked": "0", "enabled": "1"})
        _props(layer, {"color": _rgba(fill, fill_opacity),
                       "style": "solid" if fill_opacity else "no",
                       "outline_color": _rgba(line, opacity), "outline_width": width,
                       "outline_width_unit": "Pixel",
                       "outline_style": "dash" if options.get("dashArray") else "solid"})
    return symbol


def symbol_kind(geometry_types: Iterable[str]) -> str:
    """marker, line or fill: what QGIS draws a table of these geometry types with."""
    types = {str(t).replace("Multi", "") for t in geometry_types}
    if types <= {"Point"}:
        return "marker"
    if types <= {"LineString"}:
        return "line"
    return "fill"


def qml(spec: LayerSpec, classes: list[Class], kind: str, temporal: bool = False) -> str:
    """A QGIS style document: a rule-based renderer, one rule and symbol per class, then ELSE;
    with temporal, also the layer's temporal properties (time_start/time_end, _temporal)."""
    root = ET.Element("qgis", version="3.22.0",
                      styleCategories="Symbology|Temporal" if temporal else "Symbology")
    renderer = ET.SubElement(root, "renderer-v2", type="RuleRenderer", symbollevels="0",
                             enableorderby="0", forceraster="0")
    rules = ET.SubElement(renderer, "rules", key="root")
    symbols = ET.SubElement(renderer, "symbols")
    for index, (key, options) in enumerate(classes):
        attributes = {"key": f"rule{index}", "symbol": str(index), "label": _label(key)}
        if key:
            attributes["filter"] = _expression(key)
        ET.SubElement(rules, "rule", attributes)
        symbols.append(_symbol(kind, str(index), options))
    if classes and spec.style.keys:
        other = str(len(classes))
        ET.SubElement(rules, "rule", key="else", filter="ELSE", symbol=other, label="other values")
        symbols.append(_symbol(kind, other, dict(spec.style.base)))
    if temporal:
        root.append(_temporal())
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + \
        ET.tostring(root, encoding="unicode")


def _temporal() -> ET.Element:
    """QGIS's temporal properties as QGIS 3.22 writes them: active, "separate fields for start
    and end" (mode 2) on time_start/time_end, the end included (limitMode 1), since time_end is
    the last second of what the sources say. QGIS's time slider then plays the layer as it
    opens; with the project's temporal navigation off (QGIS's default) every feature is drawn."""
    element = ET.Element("temporal", enabled="1", mode="2", startField="time_start",
                         endField="time_end", limitMode="1", accumulate="0", durationUnit="min",
                         fixedDuration="0", durationField="", startExpression="", endExpression="")
    fixed = ET.SubElement(element, "fixedRange")
    ET.SubElement(fixed, "start")
    ET.SubElement(fixed, "end")
    return element


def _css(parent: ET.Element, tag: str, values: Mapping[str, str]) -> None:
    element = ET.SubElement(parent, f"{{{SE}}}{tag}")
    for name, value in values.items():
        ET.SubElement(element, f"{{{SE}}}SvgParameter", name=name).text = value


def _sld_symbolizer(rule: ET.Element, kind: str, options: Mapping[str, Any]) -> None:
    line = str(options.get("color") or "#555555")
    fill = str(options.get("fillColor", line))
    opacity = str(float(options.get("opacity", 1.0)))
    fill_opacity = 0.0 if options.get("fill") is False else float(options.get("fillOpacity", 0.2))
    stroke = {"stroke": line, "stroke-opacity": opacity,
              "stroke-width": str(options.get("weight", 2))}
    if options.get("dashArray"):
        stroke["stroke-dasharray"] = str(options["dashArray"])
    if kind == "marker":
        symbolizer = ET.SubElement(rule, f"{{{SE}}}PointSymbolizer")
        graphic = ET.SubElement(symbolizer, f"{{{SE}}}Graphic")
        mark = ET.SubElement(graphic, f"{{{SE}}}Mark")
        ET.SubElement(mark, f"{{{SE}}}WellKnownName").text = "circle"
        _css(mark, "Fill", {"fill": fill, "fill-opacity": str(fill_opacity)})
        _css(mark, "Stroke", stroke)
        ET.SubElement(graphic, f"{{{SE}}}Size").text = str(2 * float(options.get("radius", 5)))
    elif kind == "line":
        symbolizer = ET.SubElement(rule, f"{{{SE}}}LineSymbolizer")
        _css(symbolizer, "Stroke", stroke)
    else:
        symbolizer = ET.SubElement(rule, f"{{{SE}}}PolygonSymbolizer")
        if fill_opacity:
            _css(symbolizer, "Fill", {"fill": fill, "fill-opacity": str(fill_opacity)})
        _css(symbolizer, "Stroke", stroke)


def sld(name: str, spec: LayerSpec, classes: list[Class], kind: str) -> str:
    """The same classes as an SLD 1.1 StyledLayerDescriptor (filters of PropertyIsEqualTo)."""
    ET.register_namespace("", SLD)
    ET.register_namespace("se", SE)
    ET.register_namespace("ogc", OGC)
    root = ET.Element(f"{{{SLD}}}StyledLayerDescriptor", version="1.1.0")
    layer = ET.SubElement(root, f"{{{SLD}}}NamedLayer")
    ET.SubElement(layer, f"{{{SE}}}Name").text = name
    feature_style = ET.SubElement(ET.SubElement(layer, f"{{{SLD}}}UserStyle"),
                                  f"{{{SE}}}FeatureTypeStyle")
    for key, options in classes:
        rule = ET.SubElement(feature_style, f"{{{SE}}}Rule")
        ET.SubElement(rule, f"{{{SE}}}Name").text = _label(key)
        if key:
            condition = ET.SubElement(rule, f"{{{OGC}}}Filter")
            if len(key) > 1:
                condition = ET.SubElement(condition, f"{{{OGC}}}And")
            for field, value in key:
                if isinstance(value, str):
                    test = ET.SubElement(condition, f"{{{OGC}}}PropertyIsEqualTo")
                    ET.SubElement(test, f"{{{OGC}}}PropertyName").text = field
                    ET.SubElement(test, f"{{{OGC}}}Literal").text = value
                else:
                    test = ET.SubElement(condition, f"{{{OGC}}}PropertyIsNull")
                    ET.SubElement(test, f"{{{OGC}}}PropertyName").text = field
        _sld_symbolizer(rule, kind, options)
    if classes and spec.style.keys:
        rule = ET.SubElement(feature_style, f"{{{SE}}}Rule")
        ET.SubElement(rule, f"{{{SE}}}Name").text = "other values"
        ET.SubElement(rule, f"{{{SE}}}ElseFilter")
        _sld_symbolizer(rule, kind, dict(spec.style.base))
    return ET.tostring(root, encoding="unicode", xml_declaration=True)
