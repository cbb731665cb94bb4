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
