"""geo.notices.areas: numbered areas, NOTAM items, and robustness on any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod
from shapely.geometry import MultiPolygon, shape

from geo.errors import NoticeParseError
from geo.notices import find_positions, parse_area, parse_notice

from .notation import dms

GEOD = Geod(ellps="WGS84")


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


# --- what is a corner and what is not -----------------------------------------------------------

ISSUE_NOTAM = """A0001/24 NOTAMN
Q) VYYF/QWMLW/IV/NBO/W/000/999/1701N09341E010
A) VYYF B) 2405270000 C) 2406032359
E) DUE TO AEROSPACE FLIGHT ACTIVITIES, THE FLIGHT SAFETY OF THE AIRCRAFT IN THE FOLLOWING
AREA MAY BE AFFECTED:
AREA: THE UNBURNED DEBRIS IS EXPECTED TO FALL IN THE N1701E09341, THE POSSIBLE FALLING AREA
WILL NOT EXCEED THE RANGE WITHIN THE N1636E09350-N1643E09317-N1736E09329-N1729E09403,
FOUR POINT CONNECTION RANGE.
F) GND G) UNL"""
"""Built on the fragments issue 14 quotes (the corners after N1636E09350 are made up)."""


def test_the_q_line_and_the_fall_point_are_not_corners() -> None:
    (feature,) = parse_notice(ISSUE_NOTAM)
    ring = feature["geometry"]["coordinates"][0]
    assert len(ring) == 5  # four corners, closed
    assert [93 + 41 / 60, 17 + 1 / 60] not in [[round(x, 4), round(y, 4)] for x, y in ring]
    assert feature["properties"]["expected_fall_point"] == pytest.approx([dms(93, 41), dms(17, 1)])
    assert feature["properties"]["raw_text"] == "N1636E09350-N1643E09317-N1736E09329-N1729E09403"


@pytest.mark.parametrize("text", [
    "UNBURNED DEBRIS IS EXPECTED TO FALL AT 0722N11101E WI 0807N11043E - 0804N11127E - "
    "0637N11121E - 0640N11036E - 0807N11043E DUE TO AEROSPACE FLT ACT.",
    "0807N11043E - 0804N11127E - 0637N11121E - 0640N11036E FOUR-POINT CONNECTION RANGE.\n"
    "THE UNBURNED DEBRIS IS EXPECTED TO FALL: 0722N11101E",
])
def test_a_fall_point_before_or_after_the_area(text: str) -> None:
    (feature,) = parse_notice(text)
    assert len(feature["geometry"]["coordinates"][0]) == 5
    assert feature["properties"]["expected_fall_point"] == pytest.approx([dms(111, 1), dms(7, 22)])


def test_route_waypoints_are_not_corners() -> None:
    text = ("AIRSPACE RESERVED WI AREA BOUNDED BY FLW COORD:\n104526N 0891249E\n122026N 0885249E\n"
            "121139N 0880937E\n103641N 0882951E\nDRG ABV ACT FLW ATS ROUTES ARE NOT AVBL:\n"
            "1.P761 NOT AVBL BTN LEGIN AND DUMAR\nALTN RTE IDASO-DCT-1242N08910E-DCT-LEGIN")
    (feature,) = parse_notice(text)
    assert len(feature["geometry"]["coordinates"][0]) == 5


def test_a_named_point_in_a_corner_list_is_refused() -> None:
    text = ("BOUNDED BY: LIANSHENGWEI VOR/DME-N220216E1130000-GURIN-N213000E1130000-\n"
            "N213000E1130830 - SIERA BACK TO START.")
    with pytest.raises(NoticeParseError, match="named point") as info:
        parse_notice(text)
    assert text[info.value.start : info.value.end] == "GURIN"


def test_a_lone_position_next_to_a_corner_list_is_refused() -> None:
    text = "N3604E12430-N3604E12454-N3519E12454 APPROX N3519E12430"
    with pytest.raises(NoticeParseError, match="may be a corner") as info:
        parse_notice(text)
    assert text[info.value.start : info.value.end] == "N3519E12430"


def test_a_corner_named_in_brackets_stays_a_corner() -> None:
    text = "175300N1075000E - 175800N1071600E - 185031N1072459E - 182028N1074053E\n (ASSAD) - 181017N1075242E"
    (feature,) = parse_notice(text)
    assert len(feature["geometry"]["coordinates"][0]) == 6


# --- several areas ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "labels"), [
    ("N3416E09837-N3444E09844-N3447E09824-N3419E09817,BACK TO START \n"
     "AND N3312E09829-N3344E09836-N3349E09810-N3316E09803,BACK TO START.", [None, None]),
    ("AREA1: N3416E09837-N3444E09844-N3447E09824 AREA2: N3312E09829-N3344E09836-N3349E09810",
     ["1", "2"]),
    ("A. N3416E09837-N3444E09844-N3447E09824\nB. N3312E09829-N3344E09836-N3349E09810", ["A", "B"]),
    ("1) N3416E09837-N3444E09844-N3447E09824\n2) N3312E09829-N3344E09836-N3349E09810", ["1", "2"]),
    ("(1) N3416E09837-N3444E09844-N3447E09824\n(2) N3312E09829-N3344E09836-N3349E09810", ["1", "2"]),
    ("1、N3416E09837、N3444E09844、N3447E09824；2、N3312E09829、N3344E09836、N3349E09810", ["1", "2"]),
    ("区域一：N3416E09837、N3444E09844、N3447E09824。区域二：N3312E09829、N3344E09836、N3349E09810",
     ["一", "二"]),
    ("UNBURNED DEBRIS IS EXP WI THE FLW AREA: N3416E09837, N3444E09844, N3447E09824\n"
     "UNBURNED DEBRIS IS EXP WI THE FLW AREA: N3312E09829, N3344E09836, N3349E09810", [None, None]),
    ("N3416E09837 - N3444E09844 - N3447E09824 (AREA 1).", ["1"]),
])
def test_several_areas_are_several_features(text: str, labels: list[str | None]) -> None:
    features = parse_notice(text)
    assert [f["properties"]["area_label"] for f in features] == labels
    numbers = [f["properties"]["area"] for f in features]
    assert numbers == ([1, 2] if len(labels) == 2 else [1 if labels[0] == "1" else None])
    shapes = [shape(f["geometry"]) for f in features]
    assert all(len(s.exterior.coords) == 4 or len(s.exterior.coords) == 5 for s in shapes)
    if len(shapes) == 2:
        assert not shapes[0].intersects(shapes[1])


def test_markers_that_label_corners_are_not_areas() -> None:
    text = "(1) 36-04N 124-30E (2) 36-04N 124-54E (3) 35-19N 124-54E (4) 35-19N 124-30E"
    (feature,) = parse_notice(text)
    assert len(feature["geometry"]["coordinates"][0]) == 5
    assert feature["properties"]["area_label"] is None


# --- the failures listed in issue 14, each a test -------------------------------------------------


def test_issue_spaced_dms_gives_the_philippine_sea_area() -> None:
    text = ("12 39 14N 119 41 06E -\n12 19 10N 119 22 37E -\n12 51 35N 118 45 33E -\n"
            "13 11 41N 119 04 01E -\n12 39 14N 119 41 06E")
    west, south, east, north = parse_area(text).bounds
    assert (west, south, east, north) == pytest.approx(
        (dms(118, 45, 33), dms(12, 19, 10), dms(119, 41, 6), dms(13, 11, 41)))


@pytest.mark.parametrize(("text", "south"), [
    ("44 30 00 S 173 21 36 E\n45 00 00 S 172 54 00 E\n45 00 00 S 172 18 00 E\n44 30 00 S 173 21 36 E",
     -45.0),
    ("S56 27 E075 07\nS56 27 E076 07\nS57 27 E076 07\nS57 27 E075 07", -dms(57, 27)),
    ("06 41S 089 16E\n06 41S 090 16E\n07 41S 090 16E\n07 41S 089 16E", -dms(7, 41)),
])
def test_issue_southern_forms_give_an_area(text: str, south: float) -> None:
    assert parse_area(text).bounds[1] == pytest.approx(south)


def test_issue_a_position_cut_by_the_wrap_is_joined() -> None:
    text = ("E) A TEMPORARY DANGER AREA ESTABLISHED BOUNDED BY:\n"
            "N363630E1223630-N363630E1231500-N351500E1231500-N351500E1205500-N36\n"
            "0600E1205500 BACK TO START. \nVERTICAL LIMITS:SFC-UNL.")
    assert len(parse_area(text).exterior.coords) == 6


def test_issue_several_areas_are_not_merged() -> None:
    text = ("N3416E09837-N3444E09844-N3447E09824-N3419E09817 BACK TO START \n"
            "AND N3312E09829-N3344E09836-N3349E09810-N3316E09803 BACK TO START.")
    area = parse_area(text)
    assert isinstance(area, MultiPolygon) and len(area.geoms) == 2


def test_issue_q_line_contradicting_the_corners_is_refused() -> None:
    text = ISSUE_NOTAM.replace("1701N09341E010", "2347S16430E090")
    with pytest.raises(NoticeParseError, match="contradicts itself") as info:
        parse_notice(text)
    assert "2347S16430E090" in text[info.value.start : info.value.end]


@pytest.mark.parametrize("text, token", [
    ("AREA WITHIN -5 NM RADIUS OF 39-40N 124-40E", "-5 NM"),
    ("CIRCLE 39-40N 124-40E -5 NM RADIUS", "-5 NM"),
    ("CIRCLE 39-40N 124-40E 5E2 NM RADIUS", "5E2 NM"),
    ("CIRCLE 39-40N 124-40E 0X5 KM RADIUS", "0X5 KM"),
])
def test_a_radius_glued_to_a_sign_or_to_letters_is_refused_not_read_from_its_last_digits(text, token):
    with pytest.raises(NoticeParseError) as caught:
        parse_notice(text)
    assert f"'{token}'" in caught.value.message
    assert caught.value.text[caught.value.start:caught.value.end] == token
