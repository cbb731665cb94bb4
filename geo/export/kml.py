"""KML 2.2 for Google Earth and GIS tools, written as KML by the standard library's XML writer.

One Document; for each layer a Schema (its fields typed: int, double, bool, string) and a
Folder of Placemarks. Each Placemark has the feature's id as its id attribute (prefixed by its
layer and a dot: KML ids are xsd:ID, which may not start with a digit and must be unique in the
document) and, exactly, in its ExtendedData ``id``; its name; the popup as its description; a
``TimeStamp`` at the precision the sources give (``2024-05``, ``2024-05-27``,
``2024-05-27T13:44:00Z``) or a ``TimeSpan`` for a validity window; a ``styleUrl`` to one shared
Style per legend class (geo.layers.registry's Leaflet style translated: colours with their
opacity, line widths, point icons (a ring for the map's ring markers); digitised and derived
shapes fainter, as they are dashed on the map); the geometry in two dimensions.

Everything is an element or attribute built by xml.etree.ElementTree, which escapes every text
and attribute value, so the file is always well-formed whatever the field names and values are.
Field names are still renamed to letters, digits, space, '-', '.' and '_' (other characters
become '_'; a clash gets _2, _3…) because tools use them as column names, and characters that
XML 1.0 cannot hold are replaced in every text. The written file is parsed again before it
takes the target's place.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
import xml.parsers.expat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .. import geojson
from ..errors import ExportError
from ..layers import popup, registry
from ..layers.spec import LayerSpec
from .frames import Layers, export_row
from .timespan import kml_when

KML_NS = "http://www.opengis.net/kml/2.2"
_UNSAFE_NAME = re.compile(r"[^\w .\-]")
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NOT_NCNAME = re.compile(r"[^\w.\-]")
ICON = "http://maps.google.com/mapfiles/kml/shapes/shaded_dot.png"
"""Google Earth's own round icon (in its icon palette), tinted by IconStyle's colour."""
RING_ICON = "http://maps.google.com/mapfiles/kml/shapes/donut.png"
"""Its ring icon, for markers the map draws as rings (a white fill: modelled fall points)."""
_WHITE = ("#fff", "#ffffff")
FAINTER = 0.6
"""Opacity factor for shapes the map dashes (digitised, derived, modelled): KML has no dashes."""
_KML_TYPES = {"integer": "int", "number": "double", "boolean": "bool"}


def safe_field_names(names: list[str]) -> dict[str, str]:
    """{column: name for KML}: unsafe characters replaced, unique without regard to case."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        base = _UNSAFE_NAME.sub("_", str(name)).strip() or "field"
        unique, count = base, 2
        while unique.lower() in taken:
            unique, count = f"{base}_{count}", count + 1
        taken.add(unique.lower())
        out[name] = unique
    return out


def xml_text(value: Any) -> Any:
    """Text with the characters XML 1.0 cannot hold (most controls, U+FFFE…) replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def kml_colour(hex_colour: Any, opacity: float) -> str:
    """'#rrggbb' and an opacity as KML's aabbggrr."""
    text = str(hex_colour or "#555555").lstrip("#")
    if not re.fullmatch(r"[0-9a-fA-F]{6}", text):
        text = "555555"
    alpha = max(0, min(255, round(255 * opacity)))
    return f"{alpha:02x}{text[4:6]}{text[2:4]}{text[0:2]}".lower()


def _xml_id(text: str) -> str:
    """An xsd:ID (NCName) made of text: other characters become '_', a leading non-letter
    gets '_' before it."""
    body = _NOT_NCNAME.sub("_", text)
    return body if re.match(r"[^\W\d]", body) else "_" + body


def field_types(spec: LayerSpec, rows: list[dict[str, Any]], columns: Iterable[str]
                ) -> dict[str, str]:
    """{column: KML type}: the registry's type where it declares the field, else what every
    value is (int, double, bool), else string."""
    out = {}
    for column in columns:
        prop = spec.prop(column)
        if prop is not None:
            out[column] = _KML_TYPES.get(prop.type, "string")
            continue
        values = [row.get(column) for row in rows if row.get(column) is not None]
        if values and all(isinstance(v, bool) for v in values):
            out[column] = "bool"
        elif values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            out[column] = "int"
        elif values and all(isinstance(v, int | float) and not isinstance(v, bool)
                            and math.isfinite(v) for v in values):
            out[column] = "double"
        else:
            out[column] = "string"
    return out


def _value_text(value: Any, kind: str) -> str | None:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    if kind == "bool":
        return "1" if value else "0"  # GDAL reads bool fields as integers: "true" would be 0
    if kind == "int" and isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(xml_text(value) if isinstance(value, str) else value)


class _Styles:
    """The shared Styles of a document: one per distinct resolved style of a layer."""

    def __init__(self) -> None:
        self.elements: list[ET.Element] = []
        self._ids: dict[tuple[str, tuple[tuple[str, str], ...]], str] = {}

    def url(self, layer: str, spec: LayerSpec, props: Mapping[str, Any]) -> str:
        options = spec.style.resolve(props)
        key = (layer, tuple(sorted((k, repr(v)) for k, v in options.items())))
        if key not in self._ids:
            label = ".".join(str(props.get(name)) for name in spec.style.keys
                             if isinstance(props.get(name), str))
            base = _xml_id(f"style.{layer}" + (f".{label}" if label else ""))
            style_id, count = base, 2
            while style_id in self._ids.values():
                style_id, count = f"{base}.{count}", count + 1
            self._ids[key] = style_id
            self.elements.append(_style(style_id, options))
        return "#" + self._ids[key]


def _style(style_id: str, options: Mapping[str, Any]) -> ET.Element:
    """A KML Style of Leaflet path options: points' icon, lines' and outlines' colour and width,
    polygons' fill; shapes drawn dashed on the map made fainter."""
    faint = FAINTER if options.get("dashArray") else 1.0
    line = options.get("color")
    fill = options.get("fillColor", line)
    opacity = float(options.get("opacity", 1.0)) * faint
    fill_opacity = float(options.get("fillOpacity", 0.2)) * faint
    style = ET.Element("Style", id=style_id)
    # a KML icon has one colour: the fill's, or for a ring (white fill) the outline's
    ring = str(fill).lower() in _WHITE
    icon_style = ET.SubElement(style, "IconStyle")
    ET.SubElement(icon_style, "color").text = kml_colour(line, max(opacity, 0.6)) if ring \
        else kml_colour(fill, max(fill_opacity, 0.6))
    ET.SubElement(icon_style, "scale").text = f"{float(options.get('radius', 5)) / 8:.2f}"
    ET.SubElement(ET.SubElement(icon_style, "Icon"), "href").text = RING_ICON if ring else ICON
    label = ET.SubElement(style, "LabelStyle")
    ET.SubElement(label, "scale").text = "0.8"
    line_style = ET.SubElement(style, "LineStyle")
    ET.SubElement(line_style, "color").text = kml_colour(line, opacity)
    ET.SubElement(line_style, "width").text = f"{float(options.get('weight', 2)):g}"
    poly = ET.SubElement(style, "PolyStyle")
    ET.SubElement(poly, "color").text = kml_colour(fill, fill_opacity)
    ET.SubElement(poly, "fill").text = "0" if options.get("fill") is False or not fill_opacity \
        else "1"
    ET.SubElement(poly, "outline").text = "1"
    return style


def _coordinates(points: Iterable[Any]) -> str:
    return " ".join(f"{_number(x)},{_number(y)}" for x, y, *_ in points)


def _number(value: float) -> str:
    text = f"{round(float(value), geojson.DECIMALS):.{geojson.DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _geometry(parent: ET.Element, geometry: Mapping[str, Any]) -> None:
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "Point":
        point = ET.SubElement(parent, "Point")
        ET.SubElement(point, "coordinates").text = _coordinates([coords])
    elif kind == "LineString":
        line = ET.SubElement(parent, "LineString")
        ET.SubElement(line, "tessellate").text = "1"
        ET.SubElement(line, "coordinates").text = _coordinates(coords or [])
    elif kind == "Polygon":
        polygon = ET.SubElement(parent, "Polygon")
        ET.SubElement(polygon, "tessellate").text = "1"
        for index, ring in enumerate(coords or []):
            boundary = ET.SubElement(polygon, "outerBoundaryIs" if index == 0 else "innerBoundaryIs")
            ET.SubElement(ET.SubElement(boundary, "LinearRing"), "coordinates").text = \
                _coordinates(ring)
    elif kind in ("MultiPoint", "MultiLineString", "MultiPolygon", "GeometryCollection"):
        multi = ET.SubElement(parent, "MultiGeometry")
        if kind == "GeometryCollection":
            parts = geometry.get("geometries") or []
        else:
            parts = [{"type": kind[5:], "coordinates": part} for part in coords or []]
        for part in parts:
            _geometry(multi, part)
    else:
        raise ExportError(f"cannot write a {kind} geometry as KML")


def _time(placemark: ET.Element, props: Mapping[str, Any], spec: LayerSpec) -> None:
    """TimeStamp for a time (at its precision), TimeSpan for a window; nothing when neither."""
    fields = spec.time_fields
    if len(fields) == 1:
        when = kml_when(props.get(fields[0]))
        if when:
            ET.SubElement(ET.SubElement(placemark, "TimeStamp"), "when").text = when
        return
    begin = kml_when(props.get("valid_from"))
    end = kml_when(props.get("valid_to"))
    if begin or end:
        span = ET.SubElement(placemark, "TimeSpan")
        if begin:
            ET.SubElement(span, "begin").text = begin
        if end:
            ET.SubElement(span, "end").text = end


def kml_document(layers: Layers) -> ET.Element:
    """The whole KML as an element tree (namespace set on the root)."""
    related = popup.related_in(layers)
    styles = _Styles()
    schemas: list[ET.Element] = []
    folders: list[ET.Element] = []
    taken_ids: set[str] = set()
    for name, features in layers.items():
        spec = registry.spec_of(name)
        layer_id = _xml_id(name)
        rows = []
        for item in features:
            props = item.get("properties") or {}
            rows.append(export_row(props))
        columns = list(dict.fromkeys(c for row in rows for c in row if c != "name"))
        types = field_types(spec, rows, columns)
        names = safe_field_names(columns)
        schema = ET.Element("Schema", name=xml_text(name), id=f"schema.{layer_id}")
        for column in columns:
            ET.SubElement(schema, "SimpleField", type=types[column], name=xml_text(names[column]))
        schemas.append(schema)
        folder = ET.Element("Folder", id=f"folder.{layer_id}")
        ET.SubElement(folder, "name").text = xml_text(name)  # GDAL's layer name: the key
        ET.SubElement(folder, "description").text = xml_text(spec.title)
        for item, row in zip(features, rows, strict=True):
            props = item.get("properties") or {}
            placemark = ET.SubElement(folder, "Placemark")
            fid = props.get("id", item.get("id"))
            if fid is not None:
                pid, count = _xml_id(f"{layer_id}.{fid}"), 2
                while pid in taken_ids:
                    pid, count = f"{_xml_id(f'{layer_id}.{fid}')}.{count}", count + 1
                taken_ids.add(pid)
                placemark.set("id", pid)
            if props.get("name") is not None:
                ET.SubElement(placemark, "name").text = xml_text(str(props["name"]))
            ET.SubElement(placemark, "description").text = xml_text(
                popup.render(spec.popup, props, related))
            _time(placemark, props, spec)
            ET.SubElement(placemark, "styleUrl").text = styles.url(name, spec, props)
            data = ET.SubElement(ET.SubElement(placemark, "ExtendedData"), "SchemaData",
                                 schemaUrl=f"#schema.{layer_id}")
            for column in columns:
                text = _value_text(row.get(column), types[column])
                if text is not None:
                    ET.SubElement(data, "SimpleData", name=xml_text(names[column])).text = text
            if item.get("geometry"):
                _geometry(placemark, item["geometry"])
        folders.append(folder)
    root = ET.Element("kml", xmlns=KML_NS)
    document = ET.SubElement(root, "Document", id="geo-export")
    ET.SubElement(document, "name").text = xml_text(" + ".join(layers))
    document.extend(styles.elements)
    document.extend(schemas)
    document.extend(folders)
    return root


def write_kml(layers: Layers, tmp: Path) -> None:
    """The layers as one KML document (see the module's notes); checked after writing."""
    tree = ET.ElementTree(kml_document(layers))
    ET.indent(tree, space=" ")
    with open(tmp, "wb") as handle:
        tree.write(handle, encoding="utf-8", xml_declaration=True)
        handle.write(b"\n")
    check_well_formed(tmp)


def check_well_formed(path: Path) -> None:
    """Parse the file as XML (streaming); raises ExportError when it is not well-formed."""
    parser = xml.parsers.expat.ParserCreate()
    try:
        with open(path, "rb") as handle:
            parser.ParseFile(handle)
    except xml.parsers.expat.ExpatError as exc:
        raise ExportError(f"the KML written is not well-formed XML ({exc}); nothing was "
                          "written") from None
