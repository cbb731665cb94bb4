"""geo.notices.shapes through the parser: corner lists, circles and their refusals."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pyproj import Geod
from shapely.geometry import Point, Polygon, shape

from geo.errors import NoticeParseError
from geo.notices import PROPERTY_NAMES, parse_area, parse_notice
from geo.physics import geodesy

from .notation import dms, fmt_decimal

GEOD = Geod(ellps="WGS84")


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
        ("10-00N 001-00E; 10-00N 179-00E; 11-00N 090-00W", "more than 180° of longitude"),
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
        ("RADIUS 5NM RADIUS 6NM CENTRED ON 36-04N 124-30E", "more than one radius"),
    ],
)
def test_bad_circles(text: str, fragment: str) -> None:
    with pytest.raises(NoticeParseError, match=fragment):
        parse_area(text)



# --- properties ----------------------------------------------------------------------------

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




# --- units, sectors, annuli -------------------------------------------------------------------

CENTRE = (dms(110, 56.18), dms(19, 35.85))


@pytest.mark.parametrize(("text", "metres"), [
    ("WITHIN 5.4 SEA MILES RADIUS OF 19-35.85N 110-56.18E", 5.4 * 1852),
    ("WITHIN 5.4 NAUTICAL MILES OF 19-35.85N 110-56.18E", 5.4 * 1852),
    ("WI 5.4NM OF 19-35.85N 110-56.18E", 5.4 * 1852),
    ("19-35.85N 110-56.18E RADIUS 10 KM", 10_000.0),
    ("在以19-35.85N 110-56.18E为中心，5.4海里为半径的圆形区域内", 5.4 * 1852),
    ("以19-35.85N 110-56.18E为中心，半径3千米的圆形区域", 3000.0),
    ("以19-35.85N 110-56.18E为圆心、半径3公里", 3000.0),
    ("북위 19도 35.85분 동경 110도 56.18분 중심 반경 5.4해리", 5.4 * 1852),
    ("北緯19度35.85分 東経110度56.18分を中心とする半径5.4海里", 5.4 * 1852),
    ("北緯19度35.85分 東経110度56.18分を中心とする半径3キロメートル", 3000.0),
])
def test_radius_units_in_every_language(text: str, metres: float) -> None:
    (feature,) = parse_notice(text)
    assert feature["properties"]["shape"] == "circle"
    for x, y in feature["geometry"]["coordinates"][0]:
        assert GEOD.inv(*CENTRE, x, y)[2] == pytest.approx(metres, abs=1.0)


def test_a_bare_mile_is_refused() -> None:
    with pytest.raises(NoticeParseError, match="nautical or statute"):
        parse_notice("WITHIN 5 MILES OF 19-35.85N 110-56.18E")


def test_the_msa_circle_and_sector() -> None:
    text = ("AREA CENTERED OF 31-12.18N123-42.69E RADIUS 3KM AND COVERING BEARINGS FROM 162 DEGREE "
            "TO 198 DEGREE RADIUS 5KM")
    (feature,) = parse_notice(text)
    assert feature["properties"]["shape"] == "circle and sector"
    centre = (dms(123, 42.69), dms(31, 12.18))
    polygon = shape(feature["geometry"])
    for bearing, inside in ((180, 4900), (180, 5100), (90, 2900), (90, 3100), (165, 4900), (200, 4000)):
        lon, lat, _ = GEOD.fwd(*centre, bearing, inside)
        expected = inside < (5000 if 162 <= bearing <= 198 else 3000)
        assert polygon.contains(Point(lon, lat)) == expected, (bearing, inside)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("36-04N 124-30E RADIUS 20NM BEARINGS 090 TO 180", 90, 180),
    ("CENTRE 36-04N 124-30E, RADIUS 20NM, BTN BRG 350 AND 010 TRUE", 350, 10),
    ("以36-04N 124-30E为中心，方位090度至180度、半径20海里的扇形区域", 90, 180),
    ("북위 36도 04분 동경 124도 30분, 방위 090도에서 180도, 반경 20해리", 90, 180),
])
def test_sectors_run_clockwise(text: str, start: float, end: float) -> None:
    (feature,) = parse_notice(text)
    assert feature["properties"]["shape"] == "sector"
    polygon = shape(feature["geometry"])
    centre = (124.5, dms(36, 4))
    sweep = (end - start) % 360
    for offset in range(0, 360, 5):
        if min(offset, abs(offset - sweep)) < 3:
            continue  # on an edge
        bearing = (start + offset) % 360
        lon, lat, _ = GEOD.fwd(*centre, bearing, 10 * 1852)
        assert polygon.contains(Point(lon, lat)) == (0 < offset < sweep), bearing
    assert geodesy.area_km2(polygon) == pytest.approx(
        math.pi * (20 * 1.852) ** 2 * sweep / 360, rel=0.01)


@pytest.mark.parametrize("text", [
    "BETWEEN 5NM AND 20NM OF 36-04N 124-30E",
    "36-04N 124-30E INNER RADIUS 5NM OUTER RADIUS 20NM",
    "36-04N 124-30E RADIUS 5 TO 20NM",
    "以36-04N 124-30E为中心，半径5至20海里的环形区域",
])
def test_annulus(text: str) -> None:
    (feature,) = parse_notice(text)
    assert feature["properties"]["shape"] == "annulus"
    outer, inner = feature["geometry"]["coordinates"]
    centre = (124.5, dms(36, 4))
    assert all(GEOD.inv(*centre, x, y)[2] == pytest.approx(20 * 1852, abs=1) for x, y in outer)
    assert all(GEOD.inv(*centre, x, y)[2] == pytest.approx(5 * 1852, abs=1) for x, y in inner)
    assert not shape(feature["geometry"]).contains(Point(centre))


def test_an_annular_sector() -> None:
    (feature,) = parse_notice("BETWEEN 5NM AND 20NM OF 36-04N 124-30E BEARINGS 000 TO 090")
    assert feature["properties"]["shape"] == "annular sector"
    polygon = shape(feature["geometry"])
    centre = (124.5, dms(36, 4))
    for bearing, distance, inside in ((45, 10, True), (45, 3, False), (135, 10, False), (45, 25, False)):
        lon, lat, _ = GEOD.fwd(*centre, bearing, distance * 1852)
        assert polygon.contains(Point(lon, lat)) == inside


@pytest.mark.parametrize(("text", "fragment"), [
    ("BETWEEN 20NM AND 5NM OF 36-04N 124-30E", "inner radius must be smaller"),
    ("36-04N 124-30E BEARINGS 090 TO 180", "bearings with no radius"),
    ("36-04N 124-30E RADIUS 20NM BEARINGS 090 TO 400", "between 0 and 360"),
    ("36-04N 124-30E RADIUS 20NM BEARINGS 090 TO 090", "enclose no sector"),
    ("36-04N 124-30E RADIUS 2000NM", "radius out of range"),
])
def test_bad_sectors_and_annuli(text: str, fragment: str) -> None:
    with pytest.raises(NoticeParseError, match=fragment):
        parse_notice(text)


# --- the order of corners ---------------------------------------------------------------------

ZIGZAG = "36-04N 124-30E, 36-04N 124-54E, 35-19N 124-30E, 35-19N 124-54E"
"""The order of the 2016 news reports: NW, NE, SW, SE, which crosses itself."""


def test_corners_in_no_stated_order_are_joined_the_one_simple_way() -> None:
    area = parse_area(ZIGZAG)
    assert area.is_valid and area.bounds == pytest.approx((124.5, dms(35, 19), 124.9, dms(36, 4)))


@pytest.mark.parametrize("closing", [" BACK TO START", ", FOUR-POINT CONNECTION RANGE", "诸点连线"])
def test_a_stated_order_that_crosses_itself_is_refused(closing: str) -> None:
    text = ZIGZAG + closing
    with pytest.raises(NoticeParseError, match="cross themselves in the order the notice gives") as info:
        parse_notice(text)
    assert text[info.value.start : info.value.end] in ZIGZAG


def test_a_closed_ring_states_its_order() -> None:
    with pytest.raises(NoticeParseError, match="cross themselves"):
        parse_notice(ZIGZAG + ", 36-04N 124-30E")


def test_corners_that_can_be_joined_several_ways_are_refused() -> None:
    # the fifth corner lies inside the four others: several simple rings pass through them all
    text = "10-00N 100-00E, 12-00N 102-00E, 10-00N 102-00E, 11-00N 101-00E, 12-00N 100-00E"
    with pytest.raises(NoticeParseError, match="more than one other way"):
        parse_notice(text)


def test_an_implausibly_large_area_is_refused_at_its_corner() -> None:
    text = "N3604E12430-N3604E12454-N3519E12454-N1400E00600 BACK TO START"
    with pytest.raises(NoticeParseError, match="implausibly large") as info:
        parse_notice(text)
    assert text[info.value.start : info.value.end] == "N1400E00600"


def test_the_longest_corridor_of_the_archive_is_accepted() -> None:
    """A1210/22: 2,000 km from 100°E to 121°E."""
    text = ("N412436E1002400-N400112E1061536-N373600E1161912-N362848E1205848-N353336E1202924-"
            "N364648E1152924-N390524E1060600-N403112E1001048 BACK TO START")
    assert shape(parse_notice(text)[0]["geometry"]).bounds[2] > 120.9


def test_a_circle_and_a_sector_written_as_a_sector() -> None:
    text = "CIRCLE CENTERED AT N3526E12030 RADIUS 10KM, SECTOR FROM 090 DEG TO 180 DEG RADIUS 20KM"
    (feature,) = parse_notice(text)
    assert feature["properties"]["shape"] == "circle and sector"


def test_areas_come_in_the_order_of_the_text() -> None:
    text = "THE AREA WITHIN 10KM OF N3526E12030 AND THE AREA BOUNDED BY N3604E12430-N3604E12454-N3519E12454"
    assert [f["properties"]["shape"] for f in parse_notice(text)] == ["circle", "polygon"]
    assert [f["properties"]["area"] for f in parse_notice(text)] == [1, 2]


def test_a_sector_of_airspace_is_not_a_pair_of_bearings() -> None:
    (feature,) = parse_notice("AIRSPACE SECTOR 3 TO 5 CLOSED. N3604E12430-N3604E12454-N3519E12454")
    assert feature["properties"]["shape"] == "polygon"
