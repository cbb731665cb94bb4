"""The paste box's reading: every notice of the text, its areas named and numbered in it."""

from __future__ import annotations

from geo.notices.pasted import read_pasted


def _notam(notice_id: str, lon: int) -> str:
    return (f"{notice_id} NOTAMN\n"
            "Q) ZSHA/QRDCA/IV/BO/W/000/999/2800N12200E050\n"
            "A) ZSHA B) 2305300120 C) 2305300203\n"
            f"E) A TEMPORARY RESTRICTED AREA BOUNDED BY: N2830E{lon}00-N2830E{lon + 1}00-"
            f"N2800E{lon + 1}00-N2800E{lon}00 BACK TO START.\n")


def test_each_notice_numbers_its_own_areas():
    pasted = read_pasted(_notam("A1090/23", 122) + "\n" + _notam("A2201/23", 123))
    assert pasted.problems == []
    assert [f["properties"]["name"] for f in pasted.features] == ["A1090/23 area 1",
                                                                  "A2201/23 area 1"]
    ids = [f["id"] for f in pasted.features]
    assert len(set(ids)) == 2 and all(i.startswith("pasted-") for i in ids)


def test_an_area_keeps_its_id_when_the_text_around_it_changes():
    """Ids were positions ("pasted-area-2"): after a new paste, an open list or a link
    opened whichever area now stood second."""
    first = read_pasted(_notam("A1090/23", 122) + "\n" + _notam("A2201/23", 123))
    second = read_pasted(_notam("A2201/23", 123))
    assert second.features[0]["id"] == first.features[1]["id"]
    assert first.features[0]["id"] not in {f["id"] for f in second.features}


def test_text_without_a_notice_id_numbers_its_areas_in_the_text():
    pasted = read_pasted("1. 36-04N 124-30E, 36-04N 124-54E, 35-19N 124-54E, 35-19N 124-30E\n"
                         "2. 33-16N 124-11E, 33-16N 125-09E, 32-22N 124-11E, 32-21N 125-08E")
    assert [f["properties"]["name"] for f in pasted.features] == ["Pasted area 1", "Pasted area 2"]
