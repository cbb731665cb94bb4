"""Hostile input: markup stays text, names stay names, and random or broken files never crash."""

from __future__ import annotations

import json
import math
import os
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo import geojson
from geo.errors import ImportDataError
from geo.export import FORMATS, SUFFIXES, export_layers
from geo.importers.names import safe_layer_name
from geo.importers.options import ImportOptions
from geo.importers.reader import import_bytes, import_path
from geo.layers import popup, registry
from geo.map.explorer import make_map

from ..conftest import DATA

EXAMPLES = int(os.environ.get("GEO_FUZZ_EXAMPLES", "150"))  # raise it for a longer hunt
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
IMPORTED_POPUP = registry.user_spec("imported-x", "x").popup


class _Tags(HTMLParser):
    """Every tag and attribute in a piece of HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize("name", ["xss.csv", "xss.geojson"])
def test_popups_of_hostile_files_are_plain_tables(name):
    result = import_path(DATA / name)
    assert result.features
    for item in result.features:
        parser = _Tags()
        parser.feed(popup.render(IMPORTED_POPUP, item["properties"]))
        for tag, attrs in parser.tags:
            assert tag in {"div", "h4", "table", "tr", "th", "td", "a"}, tag
            if tag == "a":
                assert attrs["href"].startswith(("http://", "https://"))
                assert set(attrs) == {"href", "target", "rel"}
            else:
                assert set(attrs) <= {"class"}


def test_only_http_links_in_popups():
    html = popup.render(IMPORTED_POPUP, {"a": "javascript:alert(1)", "b": "https://example.org/x?a=1&b=2",
                          "c": "see http://a.example, then javascript:http://b.example",
                          "d": 'https://x.example/"onmouseover="alert(1)'})
    assert 'href="javascript' not in html and "javascript:alert(1)" in html
    assert 'href="https://example.org/x?a=1&amp;b=2"' in html
    assert 'href="http://a.example"' in html and 'href="http://b.example"' not in html
    assert 'onmouseover="' not in html


def test_the_map_html_carries_payloads_only_as_inert_text():
    layers = {}
    for name in ("xss.csv", "xss.geojson"):
        result = import_path(DATA / name)
        layers[safe_layer_name(name, layers)] = result.features
    html = make_map(layers, static_url=None).get_root().render()
    for payload in ("<script>window.__xss", "</script><script>", "<img src=x", "<svg onload",
                    "<b onmouseover"):
        assert payload not in html


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "shp"])
def test_hostile_features_export_to_every_format(tmp_path, fmt):
    result = import_path(DATA / "xss.csv")
    out = export_layers({result.layer: result.features}, fmt, tmp_path / f"x{SUFFIXES[fmt]}")
    assert out.exists()


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("../../etc/passwd.csv", "imported-passwd"),
        ("..\\..\\windows\\system.ini", "imported-system"),
        ("<img src=x onerror=alert(1)>.csv", "imported-img-src-x-onerror-alert-1"),
        ("événements 2024.kml", "imported-evenements-2024"),
        ("events.geojson", "imported-events"),
        ("tracks.csv", "imported-tracks"),
        ("...", "imported-data"),
        ("", "imported-data"),
        ("x" * 300 + ".csv", "imported-" + "x" * 48),
    ],
)
def test_layer_names_from_uploads_are_safe(filename, expected):
    assert safe_layer_name(filename) == expected
    assert not registry.is_builtin(safe_layer_name(filename))


def test_layer_names_are_unique():
    assert safe_layer_name("a.csv", taken=["imported-a", "imported-a-2"]) == "imported-a-3"


def _check(data: bytes, filename: str, **options) -> None:
    """Features or a report; never another exception; the features write as GeoJSON."""
    try:
        result = import_bytes(data, filename, ImportOptions(**options))
    except ImportDataError as exc:
        assert exc.problems and str(exc)
        return
    assert len(result.features) + len(result.skipped) == result.total
    assert result.summary().startswith(f"{result.total} ")
    geojson.dumps(result.features, result.layer)
    for item in result.features:
        for lon, lat in _coordinates(item["geometry"]):
            assert math.isfinite(lon) and abs(lon) <= 180 and abs(lat) <= 90


def _coordinates(geometry):
    if geometry["type"] == "GeometryCollection":
        for part in geometry["geometries"]:
            yield from _coordinates(part)
        return
    stack = [geometry["coordinates"]]
    while stack:
        value = stack.pop()
        if value and isinstance(value[0], int | float):
            yield value[0], value[1]
        else:
            stack.extend(value)


CSV_SEED = (DATA / "launches_cp1252.csv").read_bytes()
GEOJSON_SEED = (DATA / "zones.geojson").read_text(encoding="utf-8")
KML_SEED = (DATA / "sites.kml").read_text(encoding="utf-8")


def _mutate(seed, data):
    """The seed with a few random slices replaced, removed or truncated."""
    for _ in range(data.draw(st.integers(1, 4))):
        start = data.draw(st.integers(0, len(seed)))
        end = data.draw(st.integers(start, min(len(seed), start + 40)))
        piece = data.draw(st.binary(max_size=12) if isinstance(seed, bytes) else st.text(max_size=12))
        seed = seed[:start] + piece + seed[end:]
    return seed


CELLS = st.sampled_from(["39.5", "-125", "91", "1e999", "nan", "Unknown", "", "39°40′N", "36-04N",
                         "124-30E", "9-Apr-84", "31 Feb 2024", "05/06/2024", "12:29:00 AM", '"',
                         "\x00", "\ufeff", ";", "\t", "\r\n", "<script>", "POINT (1 2)"])


@FUZZ
@given(st.lists(st.lists(CELLS, min_size=1, max_size=6), min_size=1, max_size=8),
       st.sampled_from([",", ";", "\t"]), st.sampled_from(["utf-8", "cp1252", "utf-16"]))
def test_random_csv_tables(rows, delimiter, encoding):
    header = delimiter.join(["name", "lat", "lon", "date", "time", "wkt"])
    text = header + "\n" + "\n".join(delimiter.join(row) for row in rows)
    _check(text.encode(encoding, "replace"), "r.csv")


@FUZZ
@given(st.binary(max_size=400), st.sampled_from(["r.csv", "r.dat", "r.json", "r.kml"]))
def test_random_bytes(data, filename):
    _check(data, filename)


@FUZZ
@given(st.data())
def test_mutated_csv(data):
    _check(_mutate(CSV_SEED, data), "m.csv", kind=data.draw(st.sampled_from([None, "events"])))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20)
GEOMETRY = st.fixed_dictionaries({
    "type": st.sampled_from(["Point", "LineString", "Polygon", "MultiPolygon", "Nonsense"]),
    "coordinates": JSON_VALUES})


@FUZZ
@given(st.lists(st.fixed_dictionaries({"type": st.just("Feature"), "geometry": GEOMETRY | JSON_VALUES,
                                       "properties": JSON_VALUES}), max_size=5),
       st.sampled_from([None, "zones", "events"]))
def test_random_geojson_features(features, kind):
    text = json.dumps({"type": "FeatureCollection", "features": features})
    _check(text.encode(), "r.geojson", kind=kind)


@FUZZ
@given(st.data())
def test_mutated_geojson(data):
    _check(_mutate(GEOJSON_SEED, data).encode("utf-8", "surrogatepass"), "m.geojson")


@settings(max_examples=max(60, EXAMPLES // 3), deadline=None)
@given(st.data())
def test_mutated_kml(data):
    _check(_mutate(KML_SEED, data).encode("utf-8", "surrogatepass"), "m.kml")


@pytest.fixture(scope="module")
def gpkg_seed(tmp_path_factory) -> bytes:
    result = import_path(DATA / "zones.geojson")
    path = tmp_path_factory.mktemp("seed") / "zones.gpkg"
    export_layers({"zones": result.features}, "gpkg", path)
    return path.read_bytes()


@settings(max_examples=max(60, EXAMPLES // 3), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_truncated_and_mutated_gpkg(gpkg_seed, data):
    cut = data.draw(st.integers(0, len(gpkg_seed)))
    blob = gpkg_seed[:cut]
    if data.draw(st.booleans()) and blob:
        at = data.draw(st.integers(0, len(blob) - 1))
        blob = blob[:at] + bytes([data.draw(st.integers(0, 255))]) + blob[at + 1:]
    _check(blob, "m.gpkg")
