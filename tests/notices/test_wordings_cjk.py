"""Wordings of Japanese, Korean and Chinese warnings that were refused although a person reads
them without doubt (issue 19), each written here in the published layout of the JCG, KHOA and
MSA warnings: read as the text says, or refused where it is not one reading."""

from __future__ import annotations

import pytest
from shapely.geometry import shape

from geo.errors import NoticeParseError
from geo.notices import parse_notice, read_notices

BOUNDS = (124.5, 35 + 19 / 60, 124.9, 36 + 4 / 60)
JA = ("北緯36度04分 東経124度30分、北緯36度04分 東経124度54分、北緯35度19分 東経124度54分{}"
      "北緯35度19分 東経124度30分の各点を順次に結ぶ線により囲まれる海域")
KO = ("북위 36도 04분 동경 124도 30분, 북위 36도 04분 동경 124도 54분, 북위 35도 19분 동경 124도 54분 {} "
      "북위 35도 19분 동경 124도 30분을 연결한 해역")


@pytest.mark.parametrize("text", [JA.format("及び"), JA.format("並びに"), JA.format("と"),
                                  KO.format("그리고"), KO.format("및")])
def test_a_last_corner_joined_by_a_conjunction_is_a_corner(text):
    (feature,) = parse_notice(text)
    assert shape(feature["geometry"]).bounds == pytest.approx(BOUNDS)


def test_a_circle_and_a_sector_that_write_the_same_centre_twice_are_one_area():
    text = ("以31-12.18N 123-42.69E为圆心，半径3千米的圆形海域内和以31-12.18N 123-42.69E为圆心，"
            "方位162°-198°，半径5千米的扇形海域内")
    (feature,) = parse_notice(text)
    assert feature["properties"]["shape"] == "circle and sector"
    area = shape(feature["geometry"])
    def point(km_north: float):
        return shape({"type": "Point", "coordinates": [123.7115, 31.2030 + km_north / 111.2]})

    assert area.contains(point(2)) and area.contains(point(-4.5))  # the circle; the sector only
    assert not area.contains(point(4.5))  # north, beyond the circle
    with pytest.raises(NoticeParseError, match="exactly one centre, found 2"):
        parse_notice(text.replace("以31-12.18N 123-42.69E为圆心，方位", "以31-13.18N 123-42.69E为圆心，方位"))


@pytest.mark.parametrize("mark", ["〞", "″", "秒"])
def test_seconds_written_with_a_double_prime_quotation_mark(mark):
    text = (f"北緯35度12分25{mark} 東経124度30分10{mark}、北緯35度12分25{mark} 東経124度54分10{mark}、"
            "北緯34度19分 東経124度54分の各点を順次に結ぶ線により囲まれる海域")
    (feature,) = parse_notice(text)
    west, _, _, north = shape(feature["geometry"]).bounds
    assert (west, north) == pytest.approx((124 + 30 / 60 + 10 / 3600, 35 + 12 / 60 + 25 / 3600), abs=1e-6)


def test_corners_separated_by_blank_lines_are_one_area_and_lists_stay_apart():
    double_spaced = "36-04N 124-30E,\n\n36-04N 124-54E,\n\n35-19N 124-54E,\n\n35-19N 124-30E\n"
    (reading,) = read_notices(double_spaced)
    assert reading.error is None and len(reading.features) == 1
    assert shape(reading.features[0]["geometry"]).bounds == pytest.approx(BOUNDS)
    two = ("36-04N 124-30E, 36-04N 124-54E, 35-19N 124-54E\n\n"
           "33-16N 124-11E, 33-16N 125-09E, 32-22N 124-11E\n")
    assert [len(r.features) for r in read_notices(two)] == [1, 1]


@pytest.mark.parametrize(("directions", "bearings"), [
    ("正东方向至正南偏西6°", (90, 186)), ("北偏东30度至东偏南10度", (30, 100)),
    ("正西至北偏西20°", (270, 340)),
])
def test_a_sector_by_its_vertex_and_compass_directions(directions, bearings):
    """`正东方向至正南偏西6°` was drawn as a full circle, without a word."""
    vertex = "以31-12.18N 123-42.69E为顶点，{}，半径5千米的扇形海域"
    by_compass = shape(parse_notice(vertex.format(directions))[0]["geometry"])
    by_degrees = shape(parse_notice(vertex.format(f"方位{bearings[0]}°至{bearings[1]}°"))[0]["geometry"])
    assert by_compass.equals_exact(by_degrees, 1e-9)
    assert parse_notice(vertex.format(directions))[0]["properties"]["shape"] == "sector"


@pytest.mark.parametrize("text", ["以31-12.18N 123-42.69E为圆心，半径5千米的扇形海域",
                                  "以31-12.18N 123-42.69E为顶点，北偏南30度至正东，半径5千米的扇形海域"])
def test_a_sector_whose_bearings_cannot_be_read_is_refused_not_drawn_as_a_circle(text):
    with pytest.raises(NoticeParseError, match="sector|compass"):
        parse_notice(text)
