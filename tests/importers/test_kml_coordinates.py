"""KML coordinates are read strictly: what GDAL would read as (0, 0), 16 or 12 is reported on its
row (issue 15: 'nan,nan', 'inf,-inf' and 'abc,def' were imported as (0, 0))."""

from __future__ import annotations

import pytest

from geo.errors import ImportDataError
from geo.importers.kmlscan import check_coordinates, scan_kml
from geo.importers.reader import import_bytes

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">'


def _placemark(name: str, geometry: str) -> str:
    return f"<Placemark><name>{name}</name>{geometry}</Placemark>"


def _point(text: str) -> str:
    return f"<Point><coordinates>{text}</coordinates></Point>"


@pytest.mark.parametrize(("text", "reason"), [
    ("nan,nan", "'nan,nan' in <coordinates> is not longitude,latitude[,altitude] in numbers"),
    ("inf,-inf", "'inf,-inf' in <coordinates> is not"),
    ("abc,def", "'abc,def' in <coordinates> is not"),
    ("", "<coordinates> is empty"),
    ("   \n ", "<coordinates> is empty"),
    ("0x10,0x20", "'0x10,0x20' in <coordinates> is not"),
    ("12abc,40", "'12abc,40' in <coordinates> is not"),
    ("1,", "'1,' in <coordinates> is not"),
    ("125.5,39.1,abc", "'125.5,39.1,abc' in <coordinates> is not"),
    ("1e999,3", "'1e999,3' is not a finite position"),
    ("125,95", "latitude 95 is outside -90..90"),
    ("190,45", "longitude 190 is outside -180..180"),
    ("125,39 1,2,3,4", "'1,2,3,4' in <coordinates> is not"),
])
def test_bad_coordinates(text, reason):
    assert reason in check_coordinates(text)


@pytest.mark.parametrize("text", ["125.5,39.1", " 125.5 , 39.1 ,10 ", "-180,-90 180,90",
                                  "125,39\n\t126,40,0", "+1.5e1,.5"])
def test_good_coordinates(text):
    assert check_coordinates(text) is None


def test_each_bad_placemark_is_reported_on_its_row():
    body = "".join([
        _placemark("a", _point("nan,nan")), _placemark("b", _point("inf,-inf")),
        _placemark("c", _point("abc,def")), _placemark("d", _point("125.5,39.1")),
        _placemark("e", "<LineString><coordinates>125.5,39.1 1e999,3</coordinates></LineString>"),
        _placemark("f", _point("")),
    ])
    result = import_bytes(f"{HEAD}<Document>{body}</Document></kml>".encode(), "bad.kml")
    assert [f["properties"]["name"] for f in result.features] == ["d"]
    assert [(s.row, s.category) for s in result.skipped] == [
        (1, "bad coordinates"), (2, "bad coordinates"), (3, "bad coordinates"),
        (5, "bad coordinates"), (6, "bad coordinates")]
    assert all(f["geometry"]["coordinates"] != [0.0, 0.0] for f in result.features)


def test_rows_are_matched_across_folders_as_gdal_makes_layers():
    nested = (f"<Document><name>D</name>{_placemark('top1', _point('1,1'))}"
              f"<Folder><name>F1</name>{_placemark('f1a', _point('2,2'))}"
              f"<Folder><name>F2</name>{_placemark('f2a', _point('abc,3'))}</Folder>"
              f"{_placemark('f1b', _point('4,4'))}</Folder>"
              f"{_placemark('top2', '<MultiGeometry>' + _point('5,5') + _point('x,5') + '</MultiGeometry>')}"
              f"<Folder><name>empty</name></Folder></Document>")
    result = import_bytes(f"{HEAD}{nested}</kml>".encode(), "nest.kml")
    kept = {f["properties"]["name"] for f in result.features}
    assert kept == {"top1", "f1a", "f1b"}
    skipped = {s.row for s in result.skipped}
    names = {2: "top2", 5: "f2a"}  # layers D (top1, top2), F1 (f1a, f1b), F2 (f2a)
    assert skipped == set(names)


def test_gx_track_and_model_positions_are_checked():
    track = ('<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">'
             "<Document><Placemark><name>t</name><gx:Track><when>2020-01-01T00:00:00Z</when>"
             "<gx:coord>abc 2 3</gx:coord></gx:Track></Placemark>"
             "<Placemark><name>m</name><Model><Location><longitude>1e999</longitude>"
             "<latitude>2</latitude></Location></Model></Placemark></Document></kml>")
    containers = scan_kml(track.encode(), "t.kml")
    problems = [p.problem.message for c in containers for p in c.placemarks if p.problem]
    assert problems == ["'abc 2 3' in gx:coord is not longitude latitude altitude",
                        "'1e999' in <longitude> is not a number"]


def test_not_well_formed_kml_is_refused_with_its_line():
    with pytest.raises(ImportDataError,
                       match=r"bad.kml: is not well-formed XML \(line 3, column 23: mismatched tag\)"):
        import_bytes(f"{HEAD}\n<Document><Placemark></Document></kml>".encode(), "bad.kml")


def test_unbound_prefixes_are_read():
    """Files in the wild use gx: without declaring it; the scan does not need namespaces."""
    text = f"{HEAD}<Document>{_placemark('a', _point('125,39'))}<gx:x/></Document></kml>"
    assert len(scan_kml(text.encode(), "a.kml")[0].placemarks) == 1
