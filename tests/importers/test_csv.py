"""CSV as spreadsheets save it: encodings, delimiters, column names, DMS, missing values, reports."""

from __future__ import annotations

import json

import pytest

from geo.errors import ImportDataError
from geo.geojson import dumps
from geo.importers.limits import MAX_ROWS
from geo.importers.options import ImportOptions
from geo.importers.reader import import_bytes, import_path

from ..conftest import DATA, ROOT

CNS = ROOT.parent / "shared" / "reference" / "cns_north_korea_missile_tests.csv"


def _import(text: str, filename: str = "list.csv", encoding: str = "utf-8", **options):
    return import_bytes(text.encode(encoding), filename, ImportOptions(**options))


def _props(result):
    return [item["properties"] for item in result.features]


def test_the_hand_made_windows_1252_file(tmp_path):
    result = import_path(DATA / "launches_cp1252.csv")
    assert result.summary() == ("6 rows: 3 imported, 3 skipped (1 bad date, 1 coordinates out of "
                                "range, 1 missing coordinates)")
    assert "read as windows-1252, semicolon-separated" in result.notes
    sohae, tonghae, pyongyang = _props(result)
    assert sohae["name"] == "Sohae" and sohae["Remarque"] == "Malligyong-1-1 – échec"
    assert sohae["time_utc"] == "2024-05-27T22:43Z"  # date and the 'Heure (UTC)' column
    assert result.features[0]["geometry"]["coordinates"] == [124.705556, 39.66]  # DMS
    assert tonghae["time_utc"] == "1984-04-09"
    assert result.features[1]["geometry"]["coordinates"] == [129.666667, 40.85]
    assert pyongyang["source_row"] == 5 and pyongyang["source_file"] == "launches_cp1252.csv"
    reasons = {item.row: (item.column, item.reason) for item in result.skipped}
    assert reasons[6] == ("Latitude", "no position: 'Latitude' is 'Unknown' and 'Longitude' is 'N/A'")
    assert reasons[7] == ("Date", "'31 Feb 2024' is not a real date")
    assert "swapped" in reasons[8][1]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_encodings(encoding):
    result = _import("name,lat,lon\nCafé «x»,39.5,125.5\n", encoding=encoding)
    assert _props(result)[0]["name"] == "Café «x»"
    assert list(_props(result)[0])[:2] == ["id", "name"]  # no BOM glued to the first header


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters(delimiter):
    text = delimiter.join(["name", "latitude", "longitude"]) + "\n" + delimiter.join(
        ["A, B", "39.5", "125.5"]) + "\n"
    if delimiter == ",":
        text = text.replace("A, B", '"A, B"')
    result = _import(text)
    assert _props(result)[0]["name"] == "A, B"


def test_tsv_suffix_means_tab():
    result = _import("name\tlat\tlon\nA,B\t1\t2\n", filename="x.tsv")
    assert result.features[0]["geometry"]["coordinates"] == [2.0, 1.0]


@pytest.mark.parametrize(
    ("lat", "lon"),
    [("lat", "lon"), ("Latitude", "Longitude"), ("LAT", "LNG"), ("y", "x"), ("Y", "X"),
     ("Facility Latitude", "Facility Longitude"), ("lat_dd", "long")],
)
def test_coordinate_columns_found_by_name(lat, lon):
    result = _import(f"name,{lat},{lon}\nA,39.5,125.5\n")
    assert result.features[0]["geometry"]["coordinates"] == [125.5, 39.5]


def test_given_columns_win_and_unknown_ones_are_named():
    text = "a,b,c,d\nA,39.5,125.5,2024-05-27\n"
    result = _import(text, lat="b", lon="c", time="d", name="a")
    assert _props(result)[0]["name"] == "A" and _props(result)[0]["time_utc"] == "2024-05-27"
    with pytest.raises(ImportDataError, match="no column 'lat'; columns are: 'a', 'b', 'c', 'd'"):
        _import(text, lat="lat", lon="c")


def test_no_coordinate_columns_lists_the_columns():
    with pytest.raises(ImportDataError) as caught:
        _import("name,place\nA,somewhere\n")
    assert "no latitude and longitude columns found among 'name', 'place'" in str(caught.value)
    assert caught.value.problems[0].file == "list.csv"


def test_one_column_positions_and_wkt():
    result = _import('name,coordinates\nA,"39.5, 125.5"\nB,36-04N 124-30E\nC,nowhere\n')
    assert [f["geometry"]["coordinates"] for f in result.features] == [[125.5, 39.5],
                                                                        [124.5, 36.066667]]
    assert result.skipped[0].row == 4 and result.skipped[0].category == "bad coordinates"
    wkt = _import('name,wkt\nA,"POLYGON ((124 35, 125 35, 125 36, 124 35))"\nB,POLYGON ((oops\n')
    assert wkt.features[0]["geometry"]["type"] == "Polygon"
    assert wkt.skipped[0].category == "bad geometry" and wkt.skipped[0].column == "wkt"


def test_missing_words_and_out_of_range():
    text = ("name,lat,lon\nA,Unknown,125\nB,N/A,n/a\nC,,\nD,91,125\nE,39,181\nF,nan,1\n"
            "G,39.5,125.5\n")
    result = _import(text)
    assert result.summary() == ("7 rows: 1 imported, 6 skipped (4 missing coordinates, "
                                "2 coordinates out of range)")
    assert [s.row for s in result.skipped] == [2, 3, 4, 5, 6, 7]
    assert result.skipped[0].reason == "no position: 'lat' is 'Unknown'"
    assert result.skipped[2].reason == "no position: 'lat' is empty and 'lon' is empty"
    assert result.skipped[4].column == "lon"


def test_events_need_dates_and_bad_dates_are_reported():
    text = "name,lat,lon,date\nA,39,125,2024-05-27\nB,39,125,\nC,39,125,someday\n"
    result = _import(text, kind="events")
    assert result.summary() == "3 rows: 1 imported, 2 skipped (1 bad date, 1 missing date)"
    assert _import(text).summary() == "3 rows: 2 imported, 1 skipped (1 bad date)"
    with pytest.raises(ImportDataError, match="events need a date"):
        _import("name,lat,lon\nA,39,125\n", kind="events")


def test_ragged_rows_and_spreadsheet_row_numbers():
    text = ("name,lat,lon\n"
            "A,39,125\n"
            "\n"  # a blank row keeps its number, as in a spreadsheet
            "B,39,125,,\n"  # trailing empty cells are harmless
            "C,39,125,oops\n"  # an unquoted comma: reported, not shifted
            "D,39\n"  # short rows are padded, then fail on what is missing
            '"E\nwith a line break",39,125\n')
    result = _import(text)
    assert [p["name"] for p in _props(result)] == ["A", "B", "E\nwith a line break"]
    assert [(s.row, s.category) for s in result.skipped] == [(5, "malformed row"),
                                                               (6, "missing coordinates")]


def test_duplicate_empty_and_reserved_headers():
    text = "Name,name,,id,geometry,lat,lon\nA,B,C,x1,G,39,125\n"
    props = _props(_import(text))[0]
    assert props["name"] == "A"
    assert props["name_2"] == "B" and props["column_3"] == "C"
    assert props["id_original"] == "x1" and props["geometry_original"] == "G"
    assert props["id"].startswith("imported-list-")


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "is empty"),
        (b"name,lat,lon\n", "has no rows"),
        (b"name,lat,lon\n\x00\x01,1,2\n", "binary file"),
        (b'name,lat,lon\n"A,39,125\n', "malformed CSV"),
        (b"PK\x03\x04 not really", "not a readable KMZ"),
        (b"x\n1\n", "no latitude and longitude"),
    ],
)
def test_unreadable_files_end_in_one_clear_problem(data, fragment):
    name = "list.kmz" if data.startswith(b"PK") else "list.csv"
    with pytest.raises(ImportDataError) as caught:
        import_bytes(data, name)
    assert fragment in str(caught.value)


def test_spreadsheets_are_refused_with_advice():
    with pytest.raises(ImportDataError, match="save the sheet as CSV"):
        import_bytes(b"PK\x03\x04", "launches.xlsx")


def test_row_and_size_limits(monkeypatch):
    monkeypatch.setattr("geo.importers.csvfile.MAX_ROWS", 3)
    with pytest.raises(ImportDataError, match="more than 3 rows"):
        _import("lat,lon\n1,1\n2,2\n3,3\n4,4\n")
    assert MAX_ROWS == 200_000
    monkeypatch.setattr("geo.importers.reader.MAX_BYTES", 10)
    with pytest.raises(ImportDataError, match="at most 50 MB"):
        _import("lat,lon\n1,1\n2,2\n")


def test_output_is_valid_geojson_and_keeps_every_field():
    result = _import('name,lat,lon,note\n"A ""quoted""",39,125,\u2028odd\x07\n')
    text = dumps(result.features, result.layer)
    props = json.loads(text)["features"][0]["properties"]
    assert props["name"] == 'A "quoted"' and props["note"] == "\u2028odd"  # control char dropped


@pytest.mark.skipif(not CNS.exists(), reason="the CNS reference file is not beside the repo")
def test_the_cns_missile_test_database_imports_with_no_options():
    result = import_path(CNS)
    assert result.summary() == "245 rows: 231 imported, 14 skipped (14 missing coordinates)"
    assert "read as windows-1252, comma-separated" in result.notes
    assert {s.column for s in result.skipped} == {"Facility Latitude"}
    first = result.features[0]["properties"]
    assert first["name"] == "Scud-B" and first["time_utc"] == "1984-04-09"
    assert first["source_row"] == 2 and first["F1"] == "1"
    times = {p["F1"]: p.get("time_utc") for p in _props(result)}
    assert times["5"] == "1984-09"  # 'Sep-84': a month, kept at month precision
    timed = [p for p in _props(result) if "T" in p.get("time_utc", "")]
    assert timed and all(p["time_utc"].endswith("Z") for p in timed)
    am = next(p for p in _props(result) if p["Launch Time (UTC)"] == "12:29:00 AM")
    assert am["time_utc"].endswith("T00:29:00Z")
    assert any("\u00a0" in str(v) or "’" in str(v) for p in _props(result) for v in p.values())
