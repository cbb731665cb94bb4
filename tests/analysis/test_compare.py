"""A pasted notice compared with the catalogue: overlaps, distances from the pads, the match."""

from __future__ import annotations

import pytest

from geo.analysis.compare import MATCH_IOU, compare_notice
from geo.notices.pasted import read_pasted

# The February 2016 first-stage area as the notice gave it (the catalogue's reported corners).
FEB_2016 = "1. 36-04N 124-30E, 36-04N 124-54E, 35-19N 124-54E, 35-19N 124-30E"
# A strip that touches the same area's western edge and lies mostly outside it.
GRAZING = "1. 35-50N 124-00E, 35-50N 124-32E, 35-40N 124-32E, 35-40N 124-00E"
# Off Hainan: no announced area of the catalogue is near it.
FAR = "1. 19-35N 110-56E, 19-35N 111-20E, 19-10N 111-20E, 19-10N 110-56E"


def _compare(text: str, layers: dict) -> dict:
    pasted = read_pasted(text)
    assert not pasted.problems
    return compare_notice(pasted.features, layers).to_json()


def test_the_same_areas_are_the_best_match(layers):
    result = _compare(FEB_2016, layers)
    assert result["best"].startswith("Best match: the announced areas of Kwangmyongsong-4 launch")
    (area,) = result["areas"]
    top = area["overlaps"][0]
    assert top["name"] == "February 2016 first-stage danger area" and top["iou"] == "1.00"
    pads = {pad["name"]: pad for pad in area["pads"]}
    assert pads["Sohae pad LC1 (original pad)"]["distance"] == "440 km"
    assert pads["Sohae pad LC1 (original pad)"]["bearing"] == "180°"


def test_a_grazing_overlap_is_no_match(layers):
    result = _compare(GRAZING, layers)
    (area,) = result["areas"]
    assert area["overlaps"], "it does touch announced areas"
    assert float(area["overlaps"][0]["iou"]) < MATCH_IOU
    assert result["best"].startswith("No launch's announced areas match these; the closest are")
    assert f"a match needs {MATCH_IOU:.2f}" in result["best"]


def test_an_area_far_from_all_is_said_to_overlap_none(layers):
    result = _compare(FAR, layers)
    assert result["best"] == "No announced area of the catalogue overlaps these areas."
    assert result["areas"][0]["overlaps"] == []


@pytest.mark.parametrize("text", [FEB_2016, FAR])
def test_every_area_gets_the_distance_from_every_north_korean_pad(layers, text):
    (area,) = _compare(text, layers)["areas"]
    assert {pad["name"] for pad in area["pads"]} >= {"Sohae pad LC1 (original pad)",
                                                     "Sohae pad LC2 (coastal pad)"}
