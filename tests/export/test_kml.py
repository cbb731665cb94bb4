"""KML for Google Earth and GIS tools (issue 20): valid against the OGC KML 2.2 schema, one
folder per layer, ids, times at their precision, shared styles, typed fields GDAL reads back."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pyogrio
import pytest

from geo.export import export_bytes, export_layers, select_layers
from geo.export.kml import kml_colour
from geo.export.timespan import kml_when
from geo.importers.reader import import_bytes
from geo.layers import registry
from geo.layers.registry import NAMES as LAYER_NAMES

from .kmlschema import schema_errors

KML = "{http://www.opengis.net/kml/2.2}"
GDAL_TYPES = {"integer": "int", "number": "float", "boolean": "bool"}


@pytest.fixture(scope="module")
def all_kml(layers, tmp_path_factory):
    return export_layers(layers, "kml", tmp_path_factory.mktemp("kml") / "all.kml")


def test_the_all_layers_kml_is_valid_kml_2_2(all_kml):
    assert schema_errors(all_kml.read_bytes()) == []


@pytest.mark.parametrize("name", LAYER_NAMES)
def test_each_layer_alone_is_valid_kml_2_2(layers, name):
    assert schema_errors(export_bytes(select_layers(layers, [name]), "kml")) == []


def test_imported_and_hostile_fields_still_give_valid_kml():
    data = 'name,R&D,"x"" y",n,flag,when,lat,lon\nA\ufffeB,1,<b>,3,true,2024-05-27T13:44Z,39,125\n'
    features = import_bytes(data.encode(), "odd.csv").features
    assert schema_errors(export_bytes({"imported-odd": features}, "kml")) == []


def test_one_document_a_folder_per_layer_named_by_its_key(all_kml, layers):
    root = ElementTree.parse(all_kml).getroot()
    documents = root.findall(f"{KML}Document")
    assert len(documents) == 1
    folders = documents[0].findall(f"{KML}Folder")
    assert [f.findtext(f"{KML}name") for f in folders] == list(layers)
    for folder, name in zip(folders, layers, strict=True):
        assert len(folder.findall(f"{KML}Placemark")) == len(layers[name])


def test_gdal_reads_every_id_and_the_registry_types(all_kml, layers):
    for name in LAYER_NAMES:
        frame = pyogrio.read_dataframe(all_kml, layer=name)
        ids = [item["properties"]["id"] for item in layers[name]]
        # KML ids are xsd:ID (no leading digit, unique in the file): the layer's key before it;
        # the feature's own id is the ExtendedData field 'id', which GDAL names id2.
        assert list(frame["id"]) == [f"{name}.{fid}" for fid in ids]
        assert list(frame["id2"]) == ids
        info = pyogrio.read_info(all_kml, layer=name)
        dtypes = dict(zip(info["fields"], info["dtypes"], strict=True))
        for prop in registry.spec_of(name).properties:
            if prop.type in GDAL_TYPES:
                assert GDAL_TYPES[prop.type] in dtypes[prop.name], (name, prop.name)
        assert not frame.geometry.has_z.any(), name


def test_gdal_reads_booleans_and_numbers_as_they_are(all_kml, layers):
    frame = pyogrio.read_dataframe(all_kml, layer="events").set_index("id2")
    for item in layers["events"]:
        props = item["properties"]
        row = frame.loc[props["id"]]
        assert bool(row["time_approximate"]) is props["time_approximate"], props["id"]
        if props["norad_id"] is not None:
            assert row["norad_id"] == props["norad_id"]
        assert row["time_start"] <= row["time_end"]
    assert sum(item["properties"]["time_approximate"] for item in layers["events"]) > 0


def test_events_have_a_timestamp_at_their_precision(all_kml, layers):
    root = ElementTree.parse(all_kml).getroot()
    whens = {p.get("id"): p.findtext(f"{KML}TimeStamp/{KML}when")
             for p in root.iter(f"{KML}Placemark") if p.get("id", "").startswith("events.")}
    seen = set()
    for item in layers["events"]:
        props = item["properties"]
        when = whens[f"events.{props['id']}"]
        precision = props["time_precision"]
        seen.add(precision)
        expected = {"month": props["time_utc"], "day": props["time_utc"],
                    "second": props["time_utc"], "minute": props["time_utc"][:-1] + ":00Z"}
        assert when == expected[precision] == kml_when(props["time_utc"])
    assert seen == {"month", "day", "minute", "second"}
    frame = pyogrio.read_dataframe(all_kml, layer="events").set_index("id2")
    minute = next(i["properties"] for i in layers["events"]
                  if i["properties"]["time_precision"] == "minute")
    assert frame.loc[minute["id"], "timestamp"].strftime("%Y-%m-%dT%H:%MZ") == minute["time_utc"]


def test_zones_have_a_timespan_of_their_window(all_kml, layers):
    frame = pyogrio.read_dataframe(all_kml, layer="zones").set_index("id2")
    for item in layers["zones"]:
        props = item["properties"]
        row = frame.loc[props["id"]]
        for field, column in (("valid_from", "begin"), ("valid_to", "end")):
            if props[field] is None:
                assert row[column] is None or str(row[column]) == "NaT"
            else:
                assert row[column].strftime("%Y-%m-%d") == props[field]


def test_one_shared_style_per_class_from_the_registry(all_kml, layers):
    root = ElementTree.parse(all_kml).getroot()
    styles = {s.get("id"): s for s in root.iter(f"{KML}Style")}
    for name in LAYER_NAMES:
        spec = registry.spec_of(name)
        classes = {tuple(sorted(spec.style.resolve(i["properties"]).items(), key=str))
                   for i in layers[name]}
        used = set()
        for item in layers[name]:
            placemark = root.find(f".//{KML}Placemark[@id='{name}.{item['id']}']")
            url = placemark.findtext(f"{KML}styleUrl")
            assert url.startswith("#") and url[1:] in styles
            used.add(url)
            options = spec.style.resolve(item["properties"])
            style = styles[url[1:]]
            colour = style.findtext(f"{KML}LineStyle/{KML}color")
            assert colour[2:] == kml_colour(options["color"], 1)[2:]  # bbggrr of the registry's
        assert len(used) == len(classes), name


def test_digitised_zones_are_fainter_than_reported_ones(all_kml, layers):
    root = ElementTree.parse(all_kml).getroot()
    styles = {s.get("id"): s for s in root.iter(f"{KML}Style")}

    def alpha(method):
        item = next(i for i in layers["zones"] if i["properties"]["geometry_method"] == method
                    and i["properties"]["kind"] == "danger_area")
        placemark = root.find(f".//{KML}Placemark[@id='zones.{item['id']}']")
        style = styles[placemark.findtext(f"{KML}styleUrl")[1:]]
        return [int(style.findtext(f"{KML}{part}/{KML}color")[:2], 16)
                for part in ("LineStyle", "PolyStyle")]

    reported, digitised = alpha("reported"), alpha("digitised")
    assert digitised[0] < reported[0] and digitised[1] < reported[1]


def test_points_keep_their_legend_colour_and_modelled_points_stay_rings(all_kml, layers):
    """A KML icon has one colour: a filled marker's icon is its fill colour (a launch's outcome),
    a marker the map draws as a ring (a white fill: the modelled fall points of scenarios, an
    outline, never a filled "fell here") is Google Earth's ring icon in the outline colour,
    not a white dot."""
    from geo.export.kml import ICON, RING_ICON

    root = ElementTree.parse(all_kml).getroot()
    styles = {s.get("id"): s for s in root.iter(f"{KML}Style")}
    seen = set()
    for name in ("events", "sites", "scenarios"):
        spec = registry.spec_of(name)
        for item in layers[name]:
            placemark = root.find(f".//{KML}Placemark[@id='{name}.{item['id']}']")
            icon = styles[placemark.findtext(f"{KML}styleUrl")[1:]].find(f"{KML}IconStyle")
            options = spec.style.resolve(item["properties"])
            ring = str(options["fillColor"]).lower() in ("#fff", "#ffffff")
            colour = options["color"] if ring else options["fillColor"]
            assert icon.findtext(f"{KML}color")[2:] == kml_colour(colour, 1)[2:], (name, item["id"])
            assert icon.findtext(f"{KML}Icon/{KML}href") == (RING_ICON if ring else ICON), name
            seen.add((name, ring))
    assert ("scenarios", True) in seen and ("events", False) in seen


def test_the_popup_is_the_description(all_kml, layers):
    frame = pyogrio.read_dataframe(all_kml, layer="sites").set_index("id2")
    beijing = frame.loc["beijing"]
    assert beijing["description"].startswith('<div class="geo-popup"><h4>Beijing</h4>')


def test_kml_colour_is_aabbggrr():
    assert kml_colour("#d73027", 0.5) == "802730d7"
    assert kml_colour("#1A9850", 1) == "ff50981a"
