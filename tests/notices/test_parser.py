"""Tests for geo.notices: positions, corner lists, circles and numbered areas."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pyproj import Geod
from shapely.geometry import MultiPolygon, Polygon, shape

from geo.errors import NoticeParseError
from geo.notices import PROPERTY_NAMES, find_positions, parse_area, parse_notice, parse_position

GEOD = Geod(ellps="WGS84")


def dms(d: float, m: float = 0.0, s: float = 0.0) -> float:
    """Degrees, minutes and seconds -> decimal degrees."""
    return d + m / 60.0 + s / 3600.0


# --- single positions ----------------------------------------------------------------------

GOOD = [
    ("36-04N 124-30E", 124.5, dms(36, 4)),
    ("36–04N 124–30E", 124.5, dms(36, 4)),
    ("36-04.5N 124-30.0E", 124.5, dms(36, 4.5)),
    ("33 - 16N 124 - 11E", dms(124, 11), dms(33, 16)),
    ("35-44-06N 124-30-30E", dms(124, 30, 30), dms(35, 44, 6)),
    ("35-44-06.5N 124-30-30.25E", dms(124, 30, 30.25), dms(35, 44, 6.5)),
    ("3604N 12430E", 124.5, dms(36, 4)),
    ("3604N12430E", 124.5, dms(36, 4)),
    ("3604.5N 12430.5E", dms(124, 30.5), dms(36, 4.5)),
    ("360400N 1243000E", 124.5, dms(36, 4)),
    ("354406.5N 1243030E", dms(124, 30, 30), dms(35, 44, 6.5)),
    ("N360400E1243000", 124.5, dms(36, 4)),
    ("N3604E12430", 124.5, dms(36, 4)),
    ("N3604 E12430", 124.5, dms(36, 4)),
    ("N 36°04′ E 124°30′", 124.5, dms(36, 4)),
    ("36°04′N 124°30′E", 124.5, dms(36, 4)),
    ("36°04'N 124°30'E", 124.5, dms(36, 4)),
    ("36°04′N, 124°30′E", 124.5, dms(36, 4)),
    ("36°04'N/124°30'E", 124.5, dms(36, 4)),
    ("36°04.5′N 124°30′E", 124.5, dms(36, 4.5)),
    ("35°44′06″N 124°30′30″E", dms(124, 30, 30), dms(35, 44, 6)),
    ("35°44′06.5″N 124°30′30″E", dms(124, 30, 30), dms(35, 44, 6.5)),
    ("35°44'06''N 124°30'30''E", dms(124, 30, 30), dms(35, 44, 6)),
    ("35°44'06\"N 124°30'30\"E", dms(124, 30, 30), dms(35, 44, 6)),
    ("35° 44’06 “/ 124° 30’30”", dms(124, 30, 30), dms(35, 44, 6)),
    ("35º44’06”N 124º30’30”E", dms(124, 30, 30), dms(35, 44, 6)),
    ("36d04'N 124d30'E", 124.5, dms(36, 4)),
    ("36 deg 04 min N 124 deg 30 min E", 124.5, dms(36, 4)),
    ("36.0667N 124.5E", 124.5, 36.0667),
    ("36.0667 N 124.5 E", 124.5, 36.0667),
    ("36.0667°N 124.5°E", 124.5, 36.0667),
    ("36.0667, 124.5", 124.5, 36.0667),
    ("-36.0667, -124.5", -124.5, -36.0667),
    ("−36.0667, −124.5", -124.5, -36.0667),
    ("36N 124E", 124.0, 36.0),
    ("05-30S 010-15W", -dms(10, 15), -5.5),
    ("S0530W01015", -dms(10, 15), -5.5),
    ("  36-04N 124-30E  ", 124.5, dms(36, 4)),
]


@pytest.mark.parametrize(("text", "lon", "lat"), GOOD)
def test_parse_position_formats(text: str, lon: float, lat: float) -> None:
    got_lon, got_lat = parse_position(text)
    assert got_lon == pytest.approx(lon, abs=1e-6)
    assert got_lat == pytest.approx(lat, abs=1e-6)


BAD = [
    ("36-75N 124-30E", "minutes 75 out of range in '36-75N'", "36-75N"),
    ("36°61′N 124°30′E", "minutes 61 out of range", "36°61′N"),
    ("36°04′60″N 124°30′E", "seconds 60 out of range", "36°04′60″N"),
    ("36-04N 124-75.5E", "minutes 75.5 out of range", "124-75.5E"),
    ("36-075N 124-30E", "too many digits", "36-075N"),
    ("95-00N 124-00E", "latitude 95 out of range", "95-00N"),
    ("90-30N 124-00E", "latitude 90.5 out of range", "90-30N"),
    ("36-04N 190-00E", "longitude 190 out of range", "190-00E"),
    ("95.5, 124.5", "latitude 95.5 out of range", "95.5, 124.5"),
    ("36-04X 124-30E", "unknown hemisphere letter 'X'", "36-04X"),
    ("36°04′X 124°30′E", "unknown hemisphere letter 'X'", "36°04′X"),
    ("36-04n 124-30e", "hemisphere letter 'n' must be a capital", "36-04n"),
    ("36-04N", "has no longitude", "36-04N"),
    ("36-04N 35-19N 124-30E", "has no longitude", "36-04N"),
    ("36-04N; 124-30E", "has no longitude", "36-04N"),
    ("124-30E", "has no latitude", "124-30E"),
    ("124-30E 36-04N", "has no latitude", "124-30E"),
    ("36°04′ 124°30′E", "no hemisphere letter", "36°04′"),
    ("35° 44’06 “", "no hemisphere letter", "35° 44’06 “"),
    ("3604N 1243E", "cannot tell degrees from minutes", "1243E"),
    ("36045N 12430E", "cannot tell degrees from minutes", "36045N"),
    ("36.5-04N 124-30E", "only the last field may have decimals", "36.5-04N"),
    ("36°04.5′30″N 124°30′E", "only the last field may have decimals", "36°04.5′30″N"),
]


@pytest.mark.parametrize(("text", "fragment", "token"), BAD)
def test_find_positions_rejects(text: str, fragment: str, token: str) -> None:
    with pytest.raises(NoticeParseError) as info:
        find_positions(text)
    err = info.value
    assert fragment in str(err)
    assert err.text == text
    assert text[err.start : err.end] == token


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "no position found"),
        ("rocket launch", "no position found"),
        ("36-04N 124-30E 35-19N 124-30E", "expected one position, found 2"),
        ("36-04N 124-30E foo", "unexpected text 'foo'"),
    ],
)
def test_parse_position_wants_exactly_one(text: str, fragment: str) -> None:
    with pytest.raises(NoticeParseError, match=fragment):
        parse_position(text)


def test_find_positions_in_news_text_keeps_order_and_spans() -> None:
    text = (
        "The Unha-3 launched from Sohae (39.66, 124.705) on 2012-12-12; F-15E jets flew, "
        "20°C, a 90° turn, waves of 10-15m; debris fell near 33°16′N 124°11′E."
    )
    found = find_positions(text)
    assert [(round(lon, 6), round(lat, 6)) for lon, lat, _, _ in found] == [
        (124.705, 39.66),
        (round(dms(124, 11), 6), round(dms(33, 16), 6)),
    ]
    assert [text[s:e] for _, _, s, e in found] == ["39.66, 124.705", "33°16′N 124°11′E"]


def test_find_positions_ignores_text_without_coordinates() -> None:
    assert find_positions("North Korea launched a 1.5 tonne satellite; 20NM, 5KM, 070030Z.") == []


# --- published corner lists ----------------------------------------------------------------

PUBLISHED = [
    (
        "35°44′06″N 124°30′30″E; 35°44′07″N 124°54′23″E; "
        "34°58′36″N 124°32′32″E; 34°58′43″N 124°56′11″E",
        (dms(124, 30, 30), dms(34, 58, 36), dms(124, 56, 11), dms(35, 44, 7)),
    ),
    (
        "36°04′N 124°30′E; 36°04′N 124°54′E; 35°19′N 124°30′E; 35°19′N 124°54′E",
        (124.5, dms(35, 19), 124.9, dms(36, 4)),
    ),
    (
        "33°16′N 124°11′E; 33°16′N 125°09′E; 32°22′N 124°11′E; 32°21′N 125°08′E",
        (dms(124, 11), dms(32, 21), dms(125, 9), dms(33, 16)),
    ),
    (
        "19°44′N 123°53′E; 19°43′N 124°51′E; 17°01′N 123°52′E; 17°00′N 124°48′E",
        (dms(123, 52), 17.0, dms(124, 51), dms(19, 44)),
    ),
]


@pytest.mark.parametrize(("text", "bounds"), PUBLISHED)
def test_published_corner_lists(text: str, bounds: tuple[float, float, float, float]) -> None:
    area = parse_area(text)
    assert isinstance(area, Polygon)
    assert area.is_valid
    assert area.exterior.is_ccw
    assert len(area.exterior.coords) == 5  # four corners, closed
    assert area.bounds == pytest.approx(bounds, abs=1e-9)


@pytest.mark.parametrize(("text", "bounds"), PUBLISHED)
def test_published_corner_lists_as_features(
    text: str, bounds: tuple[float, float, float, float]
) -> None:
    (feature,) = parse_notice(text)
    assert feature["type"] == "Feature"
    props = feature["properties"]
    assert set(props) == set(PROPERTY_NAMES)
    assert {k: props[k] for k in ("area", "area_label", "raw_text", "geometry_method", "shape")} == {
        "area": None,
        "area_label": None,
        "raw_text": text,
        "geometry_method": "reported",
        "shape": "polygon",
    }
    assert props["language"] == "en" and props["notice_id"] is None
    geometry = feature["geometry"]
    assert geometry["type"] == "Polygon"
    ring = geometry["coordinates"][0]
    assert ring[0] == ring[-1]
    assert all(round(x, 6) == x and round(y, 6) == y for x, y in ring)
    polygon = shape(geometry)
    assert polygon.is_valid
    assert polygon.exterior.is_ccw
    assert polygon.bounds == pytest.approx(bounds, abs=1e-6)


@pytest.mark.parametrize("separator", ["; ", ", ", "\n", " - ", " TO ", " AND ", ",\n"])
def test_corner_separators(separator: str) -> None:
    corners = ["36-04N 124-30E", "36-04N 124-54E", "35-19N 124-30E", "35-19N 124-54E"]
    area = parse_area(separator.join(corners))
    assert area.bounds == pytest.approx((124.5, dms(35, 19), 124.9, dms(36, 4)))


def test_corners_given_in_ring_order_are_kept() -> None:
    # An L shape is not convex; sorting by angle would change it, the given ring is valid.
    text = (
        "10-00N 100-00E; 10-00N 102-00E; 11-00N 102-00E; 11-00N 101-00E; 12-00N 101-00E; "
        "12-00N 100-00E"
    )
    area = parse_area(text)
    assert area.area == pytest.approx(3.0)
    assert area.exterior.is_ccw


def test_repeated_closing_corner_is_dropped() -> None:
    text = "36-04N 124-30E; 36-04N 124-54E; 35-19N 124-54E; 35-19N 124-30E; 36-04N 124-30E"
    assert len(parse_area(text).exterior.coords) == 5


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("36-04N 124-30E; 35-19N 124-30E", "at least 3 distinct corners, found 2"),
        ("36-04N 124-30E; 36-04N 124-30E; 35-19N 124-30E", "at least 3 distinct corners"),
        ("10-00N 100-00E; 11-00N 100-00E; 12-00N 100-00E", "do not enclose an area"),
        ("10-00N 179-00E; 10-00N 179-00W; 11-00N 179-00W", "antimeridian"),
        ("nothing to see here", "no danger area found"),
    ],
)
def test_bad_areas(text: str, fragment: str) -> None:
    with pytest.raises(NoticeParseError, match=fragment):
        parse_area(text)


# --- circles -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lon", "lat", "metres"),
    [
        ("CIRCLE RADIUS 20NM CENTRED ON 36-04N 124-30E", 124.5, dms(36, 4), 20 * 1852.0),
        ("CIRCLE RADIUS 20NM CENTERED AT 36-04N 124-30E", 124.5, dms(36, 4), 20 * 1852.0),
        ("RADIUS 5KM CENTRED ON 39°39′N 124°42′E", 124.7, 39.65, 5000.0),
        ("within 20 nautical miles of 36.0667N 124.5E", 124.5, 36.0667, 20 * 1852.0),
        ("36-04N 124-30E RADIUS 500M", 124.5, dms(36, 4), 500.0),
        ("circle radius 2.5 km centred on 10-00S 010-00W", -10.0, -10.0, 2500.0),
    ],
)
def test_circle_is_geodesic(text: str, lon: float, lat: float, metres: float) -> None:
    area = parse_area(text)
    assert isinstance(area, Polygon)
    assert area.is_valid
    assert area.exterior.is_ccw
    coords = list(area.exterior.coords)
    assert len(coords) == 65  # 64 points, closed
    for x, y in coords:
        _, _, distance = GEOD.inv(lon, lat, x, y)
        assert distance == pytest.approx(metres, abs=1.0)
    (feature,) = parse_notice(text)
    assert feature["properties"]["raw_text"] == text
    for x, y in feature["geometry"]["coordinates"][0]:
        _, _, distance = GEOD.inv(lon, lat, x, y)
        assert distance == pytest.approx(metres, abs=1.0)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("CIRCLE RADIUS 20NM", "exactly one centre, found 0"),
        ("RADIUS 20NM CENTRED ON 36-04N 124-30E AND 35-19N 124-30E", "exactly one centre"),
        ("RADIUS 0NM CENTRED ON 36-04N 124-30E", "'RADIUS 0NM': radius out of range"),
        ("RADIUS 500NM CENTRED ON 89-00N 124-30E", "pole"),
        ("RADIUS 50NM CENTRED ON 10-00N 179-50E", "antimeridian"),
        ("RADIUS 5NM RADIUS 6NM CENTRED ON 36-04N 124-30E", "more than one radius"),
    ],
)
def test_bad_circles(text: str, fragment: str) -> None:
    with pytest.raises(NoticeParseError, match=fragment):
        parse_area(text)


# --- numbered areas ------------------------------------------------------------------------

TWO_AREAS = (
    "1. 36-04N 124-30E, 36-04N 124-54E, 35-19N 124-30E, 35-19N 124-54E "
    "2. 33-16N 124-11E TO 33-16N 125-09E TO 32-22N 124-11E TO 32-21N 125-08E"
)

NAVAREA = """NAVAREA XI 123/16
1. ROCKET LAUNCHING 2330Z TO 0430Z DAILY 07 THRU 14 FEB 16
   IN AREAS BOUNDED BY:
   A. 36-04N 124-30E, 36-04N 124-54E,
      35-19N 124-54E, 35-19N 124-30E.
   B. 33-16N 124-11E, 33-16N 125-09E,
      32-21N 125-08E, 32-22N 124-11E.
   C. CIRCLE RADIUS 20NM CENTRED ON 19-44N 123-53E.
2. CANCEL THIS MSG 141530Z FEB 16."""

AREA_WORDS = (
    "AREA 1: 36°04′N 124°30′E - 36°04′N 124°54′E - 35°19′N 124°30′E\n"
    "AREA 2: CIRCLE RADIUS 5KM CENTERED AT 33°16′N 124°11′E"
)


@pytest.mark.parametrize(
    ("text", "parts", "labels"),
    [
        (TWO_AREAS, 2, ["1", "2"]),
        (NAVAREA, 3, ["A", "B", "C"]),
        (AREA_WORDS, 2, ["1", "2"]),
    ],
)
def test_numbered_areas(text: str, parts: int, labels: list[str]) -> None:
    area = parse_area(text)
    assert isinstance(area, MultiPolygon)
    assert len(area.geoms) == parts
    assert all(p.is_valid and p.exterior.is_ccw for p in area.geoms)
    features = parse_notice(text)
    assert [f["properties"]["area_label"] for f in features] == labels
    assert [f["properties"]["area"] for f in features] == list(range(1, parts + 1))
    for feature, polygon in zip(features, area.geoms, strict=True):
        raw = feature["properties"]["raw_text"]
        assert raw in text
        assert feature["properties"]["area_label"] in raw[:8]  # "1.", "A." or "AREA 1:"
        assert not raw[0].isspace() and not raw[-1].isspace()
        assert shape(feature["geometry"]).equals_exact(polygon, 1e-6)


def test_numbered_raw_text_slices() -> None:
    first, second = parse_notice(TWO_AREAS)
    assert first["properties"]["raw_text"] == TWO_AREAS[: TWO_AREAS.index(" 2.")]
    assert second["properties"]["raw_text"] == TWO_AREAS[TWO_AREAS.index("2.") :]
    navarea = parse_notice(NAVAREA)
    assert navarea[0]["properties"]["raw_text"] == (
        "A. 36-04N 124-30E, 36-04N 124-54E,\n      35-19N 124-54E, 35-19N 124-30E"
    )
    assert navarea[2]["properties"]["raw_text"] == "C. CIRCLE RADIUS 20NM CENTRED ON 19-44N 123-53E"


def test_single_keyword_area_keeps_its_number() -> None:
    (feature,) = parse_notice("AREA 3 36-04N 124-30E, 36-04N 124-54E, 35-19N 124-30E")
    assert feature["properties"]["area"] is None  # a sequence starts at 1
    (feature,) = parse_notice("AREA 1: 36-04N 124-30E, 36-04N 124-54E, 35-19N 124-30E")
    assert feature["properties"]["area"] == 1


def test_a_position_in_another_sentence_is_not_a_corner() -> None:
    text = "LAUNCH SITE 39-39N 124-42E. " + TWO_AREAS
    assert [f["geometry"] for f in parse_notice(text)] == [f["geometry"] for f in parse_notice(TWO_AREAS)]


def test_notam_reads_item_e_only() -> None:
    text = (
        "Q) RKRR/QWMLW/IV/BO/W/000/999/3540N12440E050\n"
        "A) RKRR B) 1602070000 C) 1602071200\n"
        "E) ROCKET LAUNCH WI AREA N3604E12430 N3604E12454 N3519E12454 N3519E12430\n"
        "F) SFC G) UNL"
    )
    (feature,) = parse_notice(text)
    assert feature["properties"]["raw_text"] == "N3604E12430 N3604E12454 N3519E12454 N3519E12430"
    assert shape(feature["geometry"]).bounds == pytest.approx(
        (124.5, dms(35, 19), 124.9, dms(36, 4)), abs=1e-6
    )


def test_text_without_area_gives_no_features() -> None:
    assert parse_notice("North Korea announced a satellite launch window.") == []


# --- properties ----------------------------------------------------------------------------

LATS = st.floats(min_value=-89.99, max_value=89.99, allow_nan=False)
LONS = st.floats(min_value=-179.99, max_value=179.99, allow_nan=False)


def split_units(value: float, per_degree: int) -> tuple[int, int, int]:
    """|value| rounded to 1/per_degree of a degree -> (degrees, remainder, per_degree)."""
    total = round(abs(value) * per_degree)
    degrees, rest = divmod(total, per_degree)
    return degrees, rest, per_degree


def fmt_dms(value: float, axis: str) -> str:
    """35°44′06.25″N with seconds to 2 decimals."""
    d, rest, _ = split_units(value, 3600 * 100)
    m, s = divmod(rest, 60 * 100)
    return f"{d}°{m:02d}′{s / 100:05.2f}″{hemisphere(value, axis)}"


def fmt_hyphen(value: float, axis: str) -> str:
    """36-04.50N with minutes to 2 decimals."""
    d, rest, _ = split_units(value, 60 * 100)
    width = 2 if axis == "lat" else 3
    return f"{d:0{width}d}-{rest / 100:05.2f}{hemisphere(value, axis)}"


def fmt_compact(value: float, axis: str) -> str:
    """3604N / 12430E with whole minutes."""
    d, m, _ = split_units(value, 60)
    width = 2 if axis == "lat" else 3
    return f"{d:0{width}d}{m:02d}{hemisphere(value, axis)}"


def fmt_notam(value: float, axis: str) -> str:
    """N360400 / E1243000 with whole seconds."""
    d, rest, _ = split_units(value, 3600)
    m, s = divmod(rest, 60)
    width = 2 if axis == "lat" else 3
    return f"{hemisphere(value, axis)}{d:0{width}d}{m:02d}{s:02d}"


def fmt_decimal(value: float, axis: str) -> str:
    """36.066667N with 6 decimals."""
    return f"{abs(value):.6f}{hemisphere(value, axis)}"


def hemisphere(value: float, axis: str) -> str:
    """N/S or E/W for a signed value."""
    if axis == "lat":
        return "S" if value < 0 else "N"
    return "W" if value < 0 else "E"


NOTATIONS = [
    (lambda lat, lon: f"{fmt_dms(lat, 'lat')} {fmt_dms(lon, 'lon')}", 0.005 / 3600),
    (lambda lat, lon: f"{fmt_hyphen(lat, 'lat')} {fmt_hyphen(lon, 'lon')}", 0.005 / 60),
    (lambda lat, lon: f"{fmt_compact(lat, 'lat')} {fmt_compact(lon, 'lon')}", 0.5 / 60),
    (lambda lat, lon: f"{fmt_compact(lat, 'lat')}{fmt_compact(lon, 'lon')}", 0.5 / 60),
    (lambda lat, lon: f"{fmt_notam(lat, 'lat')}{fmt_notam(lon, 'lon')}", 0.5 / 3600),
    (lambda lat, lon: f"{fmt_decimal(lat, 'lat')} {fmt_decimal(lon, 'lon')}", 5e-7),
    (lambda lat, lon: f"{lat:.6f}, {lon:.6f}", 5e-7),
]


@settings(max_examples=300, deadline=None)
@given(lat=LATS, lon=LONS, notation=st.sampled_from(NOTATIONS))
def test_round_trip_every_notation(lat: float, lon: float, notation: tuple) -> None:
    write, tolerance = notation
    text = write(lat, lon)
    got_lon, got_lat = parse_position(text)
    assert abs(got_lat - lat) <= tolerance + 1e-9, text
    assert abs(got_lon - lon) <= tolerance + 1e-9, text


def corner_text(corners: list[tuple[float, float]], separator: str) -> str:
    """Corners as '36.066667N 124.500000E' joined by a separator."""
    return separator.join(
        f"{fmt_decimal(lat, 'lat')} {fmt_decimal(lon, 'lon')}" for lon, lat in corners
    )


def six(value: float) -> float:
    """The value as written with 6 decimals and read back."""
    return float(f"{value:.6f}")


SEPARATORS = st.sampled_from(["; ", ", ", "\n", " - ", " TO ", " AND "])


@settings(max_examples=200, deadline=None)
@given(
    lon=st.floats(-179.0, 178.0),
    lat=st.floats(-89.0, 88.0),
    width=st.floats(0.01, 1.0),
    height=st.floats(0.01, 1.0),
    order=st.permutations(range(4)),
    separator=SEPARATORS,
)
def test_shuffled_rectangle(
    lon: float, lat: float, width: float, height: float, order: list[int], separator: str
) -> None:
    x0, y0, x1, y1 = six(lon), six(lat), six(lon + width), six(lat + height)
    ring = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    check_shuffled(ring, order, separator)


@settings(max_examples=200, deadline=None)
@given(
    lon=st.floats(-170.0, 170.0),
    lat=st.floats(-80.0, 80.0),
    rx=st.floats(0.05, 2.0),
    ry=st.floats(0.05, 2.0),
    angles=st.lists(st.floats(0.0, 2 * math.pi), min_size=4, max_size=4, unique=True),
    order=st.permutations(range(4)),
    separator=SEPARATORS,
)
def test_shuffled_convex_quad(
    lon: float,
    lat: float,
    rx: float,
    ry: float,
    angles: list[float],
    order: list[int],
    separator: str,
) -> None:
    angles = sorted(angles)
    gaps = [b - a for a, b in zip(angles, angles[1:] + [angles[0] + 2 * math.pi], strict=True)]
    assume(min(gaps) > 0.3)  # clearly convex, not nearly degenerate
    ring = [(six(lon + rx * math.cos(a)), six(lat + ry * math.sin(a))) for a in angles]
    check_shuffled(ring, order, separator)


def check_shuffled(ring: list[tuple[float, float]], order: list[int], separator: str) -> None:
    """Corners in any order give the polygon of the ordered ring."""
    expected = Polygon(ring)
    assume(expected.is_valid and expected.area > 0)
    area = parse_area(corner_text([ring[i] for i in order], separator))
    assert isinstance(area, Polygon)
    assert area.is_valid
    assert area.exterior.is_ccw
    assert set(area.exterior.coords) == set(ring)
    assert area.area == pytest.approx(expected.area, rel=1e-9)


FRAGMENTS = [
    "36",
    "04",
    "124",
    "30",
    "12430",
    "3604",
    "N3604",
    "0",
    "5",
    "9",
    "90",
    "180",
    "1.",
    "2.",
    "A.",
    "B.",
    "AREA 1:",
    "-",
    ".",
    ",",
    ";",
    "/",
    " ",
    "\n",
    "N",
    "S",
    "E",
    "W",
    "X",
    "°",
    "′",
    "″",
    "'",
    '"',
    "’",
    "“",
    "d",
    "deg",
    "TO",
    "AND",
    "CIRCLE",
    "RADIUS 20NM",
    "within 5 km of",
    "Q)",
    "E)",
    "F)",
    "+",
]


@settings(max_examples=400, deadline=None)
@given(
    text=st.one_of(
        st.text(max_size=80),
        st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join),
    )
)
def test_random_text_raises_only_notice_errors(text: str) -> None:
    for read in (find_positions, parse_notice):
        try:
            read(text)
        except NoticeParseError as err:
            assert 0 <= err.start <= err.end <= len(text)
