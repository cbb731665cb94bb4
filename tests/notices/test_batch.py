"""Many notices at once: splitting, reading each, linking replacements and cancellations."""

from __future__ import annotations

import pytest

from geo.errors import NoticeParseError
from geo.notices import parse_notices, read_notice_list, read_notices, split_notices

CORNERS = "N3604E12430-N3604E12454-N3519E12454-N3519E12430 BACK TO START."
OTHER = "N3316E12411-N3316E12509-N3221E12508-N3222E12411 BACK TO START."


def notam(header: str, corners: str = CORNERS, b: str = "2405270000", c: str = "2405280000") -> str:
    return (f"{header}\nQ) ZSHA/QRDCA/IV/BO/W/000/999/3540N12440E100\nA) ZSHA B) {b} C) {c}\n"
            f"E) A TEMPORARY DANGER AREA ESTABLISHED BOUNDED BY:\n{corners}\nF) SFC G) UNL")


def test_notams_are_split_at_their_ids_even_with_blank_lines_inside() -> None:
    first = notam("A0001/24 NOTAMN").replace("E) A TEMPORARY", "\nE) A TEMPORARY")
    second = notam("A0002/24 NOTAMN", OTHER)
    text = first + "\n" + second
    spans = split_notices(text)
    assert [text[a:b].split()[0] for a, b in spans] == ["A0001/24", "A0002/24"]
    assert [f["properties"]["notice_id"] for f in parse_notices(text)] == ["A0001/24", "A0002/24"]


def test_warnings_are_split_at_their_headers() -> None:
    text = (f"NAVAREA XI 123/24\nDPRK. 270000Z MAY TO 040000Z JUN.\n{CORNERS}\n"
            f"NAVAREA XI 124/24\nDPRK. 270000Z MAY TO 040000Z JUN.\n{OTHER}\n")
    features = parse_notices(text)
    assert [f["properties"]["notice_id"] for f in features] == ["NAVAREA XI 123/24", "NAVAREA XI 124/24"]
    assert features[0]["properties"]["valid_from"] == "2024-05-27T00:00:00Z"


def test_text_without_ids_is_split_at_blank_lines_and_a_title_joins_the_next() -> None:
    text = f"DPRK SATELLITE LAUNCH\n\n{CORNERS}\n\n\n{OTHER}\n"
    spans = split_notices(text)
    assert len(spans) == 2
    assert text[slice(*spans[0])].startswith("DPRK SATELLITE LAUNCH")
    assert len(parse_notices(text)) == 2


def test_a_replaced_notice_is_not_drawn_twice() -> None:
    text = "\n".join([notam("A0001/24 NOTAMN"), notam("A0002/24 NOTAMR A0001/24", OTHER)])
    readings = read_notices(text)
    assert [r.replaced_by for r in readings] == ["A0002/24", None]
    drawn = parse_notices(text)
    assert [f["properties"]["notice_id"] for f in drawn] == ["A0002/24"]
    assert drawn[0]["properties"]["replaces"] == "A0001/24"


def test_a_replacement_listed_first_still_hides_the_old_notice() -> None:
    text = "\n".join([notam("A0002/24 NOTAMR A0001/24", OTHER), notam("A0001/24 NOTAMN")])
    assert [f["properties"]["notice_id"] for f in parse_notices(text)] == ["A0002/24"]


def test_a_cancelled_notice_is_drawn_once_and_says_by_whom() -> None:
    cancel = ("A0003/24 NOTAMC A0001/24\nQ) ZSHA/QRDCA/IV/BO/W/000/999/3540N12440E100\nA) ZSHA "
              "B) 2405271200\nE) REF NOTAM CANCELLED")
    text = "\n".join([notam("A0001/24 NOTAMN"), cancel])
    readings = read_notices(text)
    assert readings[0].cancelled_by == "A0003/24"
    assert readings[1].features == [] and readings[1].error is None
    (feature,) = parse_notices(text)
    assert feature["properties"]["cancelled_by"] == "A0003/24"


def test_a_warning_cancelling_another() -> None:
    text = (f"NAVAREA XI 123/24\n{CORNERS}\n"
            f"NAVAREA XI 124/24\nCANCEL NAVAREA XI 123/24.\n{OTHER}\n")
    first, second = parse_notices(text)
    assert first["properties"]["cancelled_by"] == "NAVAREA XI 124/24"
    assert second["properties"]["cancels"] == "NAVAREA XI 123/24"


def test_a_notice_repeated_word_for_word_is_read_once() -> None:
    text = notam("A0001/24 NOTAMN") + "\n" + notam("A0001/24 NOTAMN")
    readings = read_notices(text)
    assert readings[1].repeats == 1
    assert len(parse_notices(text)) == 1


def test_a_refused_notice_points_into_the_whole_text() -> None:
    bad = notam("A0002/24 NOTAMN", CORNERS.replace("N3519E12454", "N3519X12454"))
    text = notam("A0001/24 NOTAMN") + "\n" + bad
    readings = read_notices(text)
    assert readings[0].error is None and readings[1].error is not None
    err = readings[1].error
    assert err.text == text and text[err.start : err.end] == "N3519"
    assert text.index("N3519X") == err.start
    with pytest.raises(NoticeParseError) as info:
        parse_notices(text)
    assert info.value.start == err.start


def test_a_list_of_notices() -> None:
    readings = read_notice_list([notam("A0001/24 NOTAMN"), "nothing here", "36-04N"])
    assert [len(r.features) for r in readings] == [1, 0, 0]
    assert readings[2].error is not None and readings[2].error.text == "36-04N"


def test_notices_not_reached_in_the_time_budget_are_refused_each_in_words(monkeypatch):
    """Issue 27: one paste must not hold the server; past the budget the rest is refused."""
    from geo.notices import limits, read_notices

    text = "\n\n".join(f"{36 - k % 3}-04N 124-30E, 36-04N 124-54E, 35-19N 124-54E" for k in range(6))
    assert all(r.error is None for r in read_notices(text))
    monkeypatch.setattr(limits, "NOTICES_SECONDS", -1.0)  # spent before the first
    readings = read_notices(text)
    assert len(readings) == 6 and all(r.features == [] for r in readings)
    assert all("s a text of notices may take ran out" in r.error.message for r in readings)
