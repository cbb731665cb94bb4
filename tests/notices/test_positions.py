"""geo.notices.positions: every way a notice writes a position, and what it refuses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod

from geo.errors import NoticeParseError
from geo.notices import find_positions, parse_position

from .notation import NOTATIONS, dms

GEOD = Geod(ellps="WGS84")


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
    # degrees, minutes, seconds separated by spaces (issue 14: once read as 14N 6E)
    ("12 39 14N 119 41 06E", dms(119, 41, 6), dms(12, 39, 14)),
    ("44 30 00 S 173 21 36 E", dms(173, 21, 36), -dms(44, 30)),
    ("06 41S 089 16E", dms(89, 16), -dms(6, 41)),
    ("32 38S 083 10E", dms(83, 10), -dms(32, 38)),
    ("49 58 S  094 43 E", dms(94, 43), -dms(49, 58)),
    ("12 39 14N, 119 41 06E", dms(119, 41, 6), dms(12, 39, 14)),
    ("12 39 14.5N 119 41 06.25E", dms(119, 41, 6.25), dms(12, 39, 14.5)),
    # the letter first, numbers separated by spaces
    ("S56 27 E075 07", dms(75, 7), -dms(56, 27)),
    ("S 09 52 E 088 44", dms(88, 44), -dms(9, 52)),
    ("S 05 48  E 089 23", dms(89, 23), -dms(5, 48)),
    ("S40 53 00 E 094 23 00", dms(94, 23), -dms(40, 53)),
    ("S23 03 E086 38", dms(86, 38), -dms(23, 3)),
    ("N 36 04 W 124 30", -124.5, dms(36, 4)),
    # NOTAM forms
    ("S243343 E0861428", dms(86, 14, 28), -dms(24, 33, 43)),
    ("3800S   09300E", 93.0, -38.0),
    ("N1701E09340E", dms(93, 40), dms(17, 1)),
    ("0250N0904\n3E", dms(90, 43), dms(2, 50)),
    ("N36\n0600E1205500", dms(120, 55), dms(36, 6)),
    ("N181352E\n0935859", dms(93, 58, 59), dms(18, 13, 52)),
    ("191117S\n1593524E", dms(159, 35, 24), -dms(19, 11, 17)),
    # China MSA: hyphenated with decimal minutes, glued to Chinese text
    ("19-35.85N 110-56.18E", dms(110, 56.18), dms(19, 35.85)),
    ("31-12.18N123-42.69E", dms(123, 42.69), dms(31, 12.18)),
    ("N 39°24′35″、E 119°13′44″", dms(119, 13, 44), dms(39, 24, 35)),
    ("３６－０４Ｎ　１２４－３０Ｅ", 124.5, dms(36, 4)),
    # Chinese, Japanese and Korean words
    ("北緯36度04分 東経124度30分", 124.5, dms(36, 4)),
    ("北纬19度35.85分 东经110度56.18分", dms(110, 56.18), dms(19, 35.85)),
    ("南緯5度30分、西経10度15分", -dms(10, 15), -5.5),
    ("북위 36도 04분 동경 124도 30분", 124.5, dms(36, 4)),
    ("북위 35도 44분 06초 동경 124도 30분 30초", dms(124, 30, 30), dms(35, 44, 6)),
    ("위도 36도 04분, 경도 124도 30분", 124.5, dms(36, 4)),
    ("北纬36°04′ 东经124°30′", 124.5, dms(36, 4)),
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
    # numbers separated by spaces that could be read two ways
    ("5 12 39N 119 41E", "can be read two ways", "5 12 39N 119 41E"),
    ("12 39N 119E", "can be read two ways", "12 39N 119E"),
    ("AREA 2 36 04N 124 30E", "can be read two ways", "2 36 04N 124 30E"),
    ("12 39 14N 5 119 41 06E", "has no longitude", "12 39 14N"),
    ("95 30N 124 30E", "latitude 95.5 out of range", "95 30N"),
    ("12 61 14N 119 41 06E", "minutes 61 out of range", "12 61 14N"),
    ("S 09 52 E 088 44 10 20", "too many numbers", "E 088 44 10"),
    ("N1701E09340W", "two hemisphere letters", "E09340W"),
    ("北緯36度04分S 東経124度30分", "name different hemispheres", "北緯36度04分S"),
    ("36-04N\nSOME WORDS 124-30E", "has no longitude", "36-04N"),
    ("12 39\n14N 119 41 06E", "a break between digits: one number or two?", "39\n14N"),
    ("12\n39 14N 119 41E", "may be the end of a position cut by a line break", "39 14N 119 41E"),
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


def test_the_spaced_position_of_issue_14_is_never_read_as_14n_6e() -> None:
    """B1126/21 wrote 12 39 14N 119 41 06E; the old parser drew 14°N 6°E, in the wrong ocean."""
    text = "AEROSPACE FLT ACT WILL TAKE PLACE WI:\n12 39 14N 119 41 06E -\n12 19 10N 119 22 37E -"
    (first, second) = find_positions(text)
    assert first[:2] == pytest.approx((dms(119, 41, 6), dms(12, 39, 14)))
    assert text[first[2] : first[3]] == "12 39 14N 119 41 06E"
    assert second[:2] == pytest.approx((dms(119, 22, 37), dms(12, 19, 10)))


def test_a_position_cut_by_the_line_wrap_keeps_its_span_in_the_original() -> None:
    text = "BOUNDED BY:\nN363630E1223630-N351500E1205500-N36\n0600E1205500 BACK TO START."
    *_, (lon, lat, start, end) = find_positions(text)
    assert (lon, lat) == pytest.approx((dms(120, 55), dms(36, 6)))
    assert text[start:end] == "N36\n0600E1205500"


def test_pieces_that_are_whole_positions_are_not_joined() -> None:
    text = "N3604E12430\nN3519E12454"
    assert [text[s:e] for _, _, s, e in find_positions(text)] == ["N3604E12430", "N3519E12454"]


def test_find_positions_ignores_text_without_coordinates() -> None:
    assert find_positions("North Korea launched a 1.5 tonne satellite; 20NM, 5KM, 070030Z.") == []



# --- properties ----------------------------------------------------------------------------

LATS = st.floats(min_value=-89.99, max_value=89.99, allow_nan=False)
LONS = st.floats(min_value=-179.99, max_value=179.99, allow_nan=False)



@settings(max_examples=300, deadline=None)
@given(lat=LATS, lon=LONS, notation=st.sampled_from(NOTATIONS))
def test_round_trip_every_notation(lat: float, lon: float, notation: tuple) -> None:
    write, tolerance = notation
    text = write(lat, lon)
    got_lon, got_lat = parse_position(text)
    assert abs(got_lat - lat) <= tolerance + 1e-9, text
    assert abs(got_lon - lon) <= tolerance + 1e-9, text



@settings(max_examples=300, deadline=None)
@given(lat=LATS, lon=LONS, notation=st.sampled_from(NOTATIONS),
       before=st.sampled_from(["", "AREA ", "1. ", "5 ", "AREA 2 ", "以", "TEL 27 ", "RADIUS 20 "]),
       after=st.sampled_from(["", " -", ".", "为中心", " 5", " RADIUS 5NM", "\n"]))
def test_text_around_a_position_never_changes_its_reading(
    lat: float, lon: float, notation: tuple, before: str, after: str
) -> None:
    """Whatever stands next to a position, it is read as written or the text is refused."""
    write, tolerance = notation
    text = before + write(lat, lon) + after
    try:
        found = find_positions(text)
    except NoticeParseError as err:
        assert 0 <= err.start <= err.end <= len(text)
        return
    assert len(found) == 1, text
    got_lon, got_lat, _, _ = found[0]
    assert abs(got_lat - lat) <= tolerance + 1e-9, text
    assert abs(got_lon - lon) <= tolerance + 1e-9, text
