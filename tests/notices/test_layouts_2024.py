"""Layouts of the NOTAMs of 2024-2026 and wordings the 2020-2023 set lacks, written here in the
published layout (ICAO Doc 8126): each read as the text says, or refused naming the words."""

from __future__ import annotations

import pytest
from shapely.geometry import shape

from geo.errors import NoticeParseError
from geo.notices import parse_notice

HEAD = "A1234/24 NOTAMN\nQ) RPHI/QRDCA/IV/BO/W/000/999/1500N12400E999\nA) RPHI B) 2405270800 C) 2405271200\n"


def _one(text: str):
    features = parse_notice(text)
    assert len(features) == 1
    return shape(features[0]["geometry"])


def test_a_bracketed_remark_inside_a_corner_list_does_not_cut_it():
    """It used to end the list: one such notice was drawn as a triangle, not its four corners."""
    area = _one(HEAD + "E) AREA BOUNDED BY: S02 25 E120 38 (ON FIR BOUNDARY), S02 25 E121 38, "
                       "S03 25 E121 38, S03 25 E120 38 BACK TO START.")
    assert len(area.exterior.coords) == 5
    assert area.bounds == pytest.approx((120 + 38 / 60, -3 - 25 / 60, 121 + 38 / 60, -2 - 25 / 60))


def test_an_area_that_follows_the_fir_boundary_is_refused_naming_the_words():
    text = (HEAD + "E) AREA BOUNDED BY: N1500E12000-N1500E12100 THENCE ALONG FIR BOUNDARY TO "
                   "N1400E12100-N1400E12000 BACK TO START.")
    with pytest.raises(NoticeParseError) as caught:
        parse_notice(text)
    assert caught.value.text[caught.value.start:caught.value.end] == "THENCE ALONG FIR BOUNDARY"
    assert "boundary's points are not in the text" in caught.value.message


@pytest.mark.parametrize(("clause", "bounds"), [
    ("ONLY INCLUDING THE PORTION WEST OF LONGITUDE 124DEG", (123.0, 36.0, 124.0, 38.0)),
    ("EXCLUDING THE PART NORTH OF 37N", (123.0, 36.0, 125.0, 37.0)),
    ("ONLY INCLUDING THE PORTION EAST OF 124.5E", (124.5, 36.0, 125.0, 38.0)),
])
def test_a_clause_that_keeps_a_portion_is_applied(clause, bounds):
    """The 2020-2023 set's A2767/22 says ONLY INCLUDING THE PORTION WEST OF LONGITUDE 124DEG; the
    whole area used to be drawn (as the other viewer still draws it)."""
    area = _one(HEAD + "E) AREA BOUNDED BY: N3800E12300-N3800E12500-N3600E12500-N3600E12300 BACK TO "
                       f"START ({clause}).")
    assert area.bounds == pytest.approx(bounds)


def test_a_clause_that_cannot_be_applied_is_refused():
    text = (HEAD + "E) AREA BOUNDED BY: N3800E12300-N3800E12500-N3600E12500-N3600E12300 BACK TO START "
                   "EXCLUDING THE AREA WITHIN 5NM OF N3700E12400.")
    with pytest.raises(NoticeParseError) as caught:
        parse_notice(text)
    assert "cannot apply" in caught.value.message


def test_debris_areas_wider_than_4000_km_are_drawn():
    """South Pacific re-entry areas are over 4,000 km across; they used to be refused."""
    area = _one(HEAD + "E) AREA BOUNDED BY: S3000W16000-S3000W12000-S6000W12000-S6000W16000 BACK TO START.")
    assert area.bounds == pytest.approx((-160.0, -60.0, -120.0, -30.0))


NZ_HEAD = "A0456/25 NOTAMN\nQ) NZZO/QWMLW/IV/BO/W/000/999/\nA) NZZO B) 2501100000 C) 2501102359\n"


def _parts(feature) -> list:
    geometry = shape(feature["geometry"])
    return list(getattr(geometry, "geoms", [geometry]))


def test_an_area_across_the_antimeridian_is_split_there():
    """Corners at 175°E and 175°W: the area is the 10° between them, not the 350° the other way
    (RFC 7946: split into parts within ±180°). It used to be refused."""
    features = parse_notice(NZ_HEAD + "E) AREA BOUNDED BY: S3000E17500-S3000W17500-S3500W17500-"
                                      "S3500E17500 BACK TO START.")
    parts = _parts(features[0])
    assert features[0]["geometry"]["type"] == "MultiPolygon"
    assert sorted(p.bounds for p in parts) == pytest.approx([(-180, -35, -175, -30), (175, -35, 180, -30)])
    from geo.physics import geodesy
    whole = sum(geodesy.area_km2(p) for p in parts)
    assert whole == pytest.approx(sum(geodesy.area_km2(p) for p in parts[:1]) * 2, rel=1e-6)
    assert 500_000 < whole < 600_000  # 10° by 5° at 30-35°S, not 350° by 5°


def test_a_circle_across_the_antimeridian_is_split_there():
    features = parse_notice(NZ_HEAD + "E) WITHIN 50NM OF S3000E17930.")
    parts = _parts(features[0])
    assert len(parts) == 2
    assert min(p.bounds[0] for p in parts) == -180 and max(p.bounds[2] for p in parts) == 180
    east = next(p for p in parts if p.bounds[0] > 0)
    assert east.bounds[0] == pytest.approx(179.5 - 50 * 1852 / (111_320 * 0.866), abs=0.02)


def test_a_clause_is_applied_across_the_antimeridian():
    features = parse_notice(NZ_HEAD + "E) AREA BOUNDED BY: S3000E17500-S3000W17500-S3500W17500-"
                                      "S3500E17500 BACK TO START (ONLY INCLUDING THE PORTION EAST OF 178W).")
    assert [p.bounds for p in _parts(features[0])] == pytest.approx([(-178, -35, -175, -30)])


def test_corners_all_round_the_globe_are_refused():
    with pytest.raises(NoticeParseError, match="more than 180° of longitude"):
        parse_notice(NZ_HEAD + "E) AREA BOUNDED BY: S3000E00100-S3000E17900-S3500W09000-S3500W00100.")


def test_a_position_with_spaced_numbers_ended_by_a_full_stop():
    """`S03 25 E120 38.` ends the sentence; the stop was taken for the start of a decimal."""
    area = _one(HEAD + "E) AREA BOUNDED BY: S02 25 E120 38, S02 25 E121 38, S03 25 E121 38, "
                       "S03 25 E120 38.")
    assert area.bounds == pytest.approx((120 + 38 / 60, -3 - 25 / 60, 121 + 38 / 60, -2 - 25 / 60))
    decimal = _one(HEAD + "E) AREA BOUNDED BY: S02 25 E120 38.5, S02 25 E121 38, S03 25 E121 38.")
    assert decimal.bounds[0] == pytest.approx(120 + 38.5 / 60)


@pytest.mark.parametrize("body", [
    "E) REF NOTAM A1200/24. ROCKET LAUNCH. AREA BOUNDED BY: 123000N1203000E-123000N1213000E-"
    "113000N1213000E-113000N1203000E.",
    "D) 2130-0230\nE) AREA BOUNDED BY: 123000N1203000E-123000N1213000E-113000N1213000E-"
    "113000N1203000E.",
    "E) AREA BOUNDED BY: N123000E1203000 N123000E1213000 N113000E1213000 N113000E1203000BACK TO START",
    "E) AREA BOUNDED BY: N123000E1203000 N123000E1213000 N113000E1213000 N11\n3000E1203000.",
])
def test_the_2024_layouts_read_as_written(body):
    """A NOTAM number in E), a D) line before E), a position glued to the next word, a position
    wrapped and then ended by a full stop."""
    assert _one(HEAD + body).bounds == pytest.approx((120.5, 11.5, 121.5, 12.5))
