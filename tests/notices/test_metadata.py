"""What a notice says about itself: id, type, issuer, validity, schedule, limits, language."""

from __future__ import annotations

import pytest

from geo.notices import PROPERTY_NAMES, parse_notice
from geo.notices.features import __doc__ as FEATURES_DOC
from geo.notices.languages import language
from geo.notices.navwarn import read_header
from geo.notices.notam import is_notam, read_notam
from geo.notices.validity import notam_time, text_validity, year_of

AREA = "36-04N 124-30E, 36-04N 124-54E, 35-19N 124-54E, 35-19N 124-30E"

NOTAMR = """F3826/21 NOTAMR F3813/21
Q) YMMM/QWMLW/IV/BO/W/000/999/0750S09033E050
A) YMMM
B) 2112300000 C) 2201030400 EST
D) DAILY 0000/0400
E) THE FLIGHT SAFETY OF THE AIRCRAFT IN THE FOLLOWING AREA MAY BE AFFECTED:
081822S 0901706E
082306S 0903824E
073011S 0902313E
072526S 0902902E
F) SFC G) FL490"""


def test_a_notams_items_are_properties() -> None:
    (feature,) = parse_notice(NOTAMR)
    props = feature["properties"]
    assert {k: props[k] for k in ("notice_id", "notice_type", "replaces", "cancels", "issuer", "fir",
                                  "valid_from", "valid_to", "schedule", "lower_limit", "upper_limit",
                                  "language")} == {
        "notice_id": "F3826/21", "notice_type": "replace", "replaces": "F3813/21", "cancels": None,
        "issuer": "YMMM", "fir": "YMMM", "valid_from": "2021-12-30T00:00:00Z",
        "valid_to": "2022-01-03T04:00:00Z", "schedule": "DAILY 0000/0400", "lower_limit": "SFC",
        "upper_limit": "FL490", "language": "en"}


def test_every_property_is_documented() -> None:
    for name in PROPERTY_NAMES:
        assert f"    {name}" in FEATURES_DOC or f", {name}" in FEATURES_DOC, name


def test_the_q_line() -> None:
    notam = read_notam(NOTAMR)
    assert notam.q is not None
    assert (notam.q.fir, notam.q.radius_nm) == ("YMMM", 50)
    assert (notam.q.lon, notam.q.lat) == pytest.approx((90 + 33 / 60, -(7 + 50 / 60)))
    assert NOTAMR[slice(*notam.body)].startswith("THE FLIGHT SAFETY")
    assert NOTAMR[slice(*notam.body)].rstrip().endswith("0902902E")


def test_a_notam_with_several_locations_takes_them_as_issuer() -> None:
    text = NOTAMR.replace("Q) YMMM/", "Q) ZXXX/").replace("A) YMMM", "A) ZLHW ZWUQ")
    props = parse_notice(text)[0]["properties"]
    assert (props["issuer"], props["fir"]) == ("ZLHW ZWUQ", "ZLHW ZWUQ")


@pytest.mark.parametrize(("text", "expected"), [
    ("A1500/21 NOTAMN\nQ) ZSHA/QRDCA", True),
    ("(A1500/21 NOTAMN", True),
    ("Q) RKRR/QWMLW/IV/BO/W/000/999/3540N12440E050", True),
    ("NAVAREA XI 123/16\n1. ROCKET LAUNCHING", False),
])
def test_is_notam(text: str, expected: bool) -> None:
    assert is_notam(text) is expected


@pytest.mark.parametrize(("value", "iso"), [
    ("2107110600", "2021-07-11T06:00:00Z"),
    ("2201030400 EST", "2022-01-03T04:00:00Z"),
    ("2112312400", "2022-01-01T00:00:00Z"),
    ("2102301200", None),  # 30 February
    ("PERM", None),
    (None, None),
])
def test_notam_times(value: str | None, iso: str | None) -> None:
    assert notam_time(value) == iso


@pytest.mark.parametrize(("text", "year", "window"), [
    ("ROCKET LAUNCHING FROM 1830 UTC TO 2030 UTC DAILY FROM 9 TO 10 OCT", 2023,
     ("2023-10-09T18:30:00Z", "2023-10-10T20:30:00Z", "daily 18:30-20:30 UTC")),
    ("ROCKET LAUNCHING FROM 1830 UTC TO 2030 UTC DAILY FROM 9 TO 10 OCT", None,
     (None, None, "daily 18:30-20:30 UTC")),
    ("ROCKET LAUNCHING 2330Z TO 0430Z DAILY 07 THRU 14 FEB 16", None,
     ("2016-02-07T23:30:00Z", "2016-02-15T04:30:00Z", "daily 23:30-04:30 UTC")),
    ("SATELLITE LAUNCH 270000Z MAY TO 040000Z JUN.", 2024,
     ("2024-05-27T00:00:00Z", "2024-06-04T00:00:00Z", None)),
    ("LAUNCH 302200Z DEC TO 020400Z JAN 24", None,
     ("2023-12-30T22:00:00Z", "2024-01-02T04:00:00Z", None)),
    ("LAUNCH 302200Z DEC TO 020400Z JAN", 2023,
     ("2023-12-30T22:00:00Z", "2024-01-02T04:00:00Z", None)),
    ("FROM 2336 UTC 26 FEB 2022 TO 0005 UTC 27 FEB 2022.", None,
     ("2022-02-26T23:36:00Z", "2022-02-27T00:05:00Z", None)),
    ("ON 25-30 JUN 2022 FROM 1400UTC-2000UTC DAILY(ESTIMATED)", None,
     ("2022-06-25T14:00:00Z", "2022-06-30T20:00:00Z", "daily 14:00-20:00 UTC")),
    ("CANCEL THIS MSG 141530Z FEB 16.", None, (None, "2016-02-14T15:30:00Z", None)),
    ("2024年5月27日0800时至1200时", 2024, (None, None, None)),
])
def test_validity_from_the_text(text: str, year: int | None,
                                window: tuple[str | None, str | None, str | None]) -> None:
    found = text_validity(text, year)
    assert (found.valid_from, found.valid_to, found.schedule) == window


def test_a_warnings_header_gives_id_issuer_year_and_what_it_cancels() -> None:
    text = f"NAVAREA XI 123/16\nDPRK. SATELLITE LAUNCHING 072330Z FEB TO 140430Z FEB.\n{AREA}\n" \
           "CANCEL NAVAREA XI 120/16."
    header = read_header(text)
    assert (header.notice_id, header.issuer, header.cancels) == \
        ("NAVAREA XI 123/16", "NAVAREA XI", "NAVAREA XI 120/16")
    assert year_of(header.notice_id) == 2016
    (feature,) = parse_notice(text)
    props = feature["properties"]
    assert (props["notice_type"], props["cancels"], props["valid_from"], props["valid_to"]) == \
        ("new", "NAVAREA XI 120/16", "2016-02-07T23:30:00Z", "2016-02-14T04:30:00Z")


@pytest.mark.parametrize(("text", "notice_id", "issuer"), [
    ("HYDROPAC 1234/23 (22). WESTERN NORTH PACIFIC.", "HYDROPAC 1234/23", "HYDROPAC"),
    ("SHANGHAI NAV WARN 0456/23\nROCKET", "SHANGHAI NAV WARN 0456/23", "SHANGHAI"),
    ("沪航警0456/23", "沪航警0456/23", "沪"),
    ("항행경보 제123호", "항행경보 제123호", "항행경보"),
    ("ROCKET LAUNCH IN AREA", None, None),
])
def test_warning_ids(text: str, notice_id: str | None, issuer: str | None) -> None:
    header = read_header(text)
    assert (header.notice_id, header.issuer) == (notice_id, issuer)


@pytest.mark.parametrize(("text", "code"), [
    (AREA, "en"),
    ("在以19-35.85N 110-56.18E为中心", "zh"),
    ("北緯36度04分 東経124度30分", "ja"),
    ("次の各点を結ぶ線", "ja"),
    ("북위 36도 04분", "ko"),
    ("北纬36度04分 東經124度30分", "zh"),  # 經 is traditional Chinese, not Japanese
])
def test_language(text: str, code: str) -> None:
    assert language(text) == code


def test_items_named_in_the_text_of_e_are_not_items() -> None:
    text = NOTAMR.replace("D) DAILY 0000/0400\n", "").replace(
        "E) THE FLIGHT SAFETY", "E) ROUTES A) W1 AND D) Q1 CLOSED. THE FLIGHT SAFETY")
    notam = read_notam(text)
    assert notam.schedule is None and notam.locations == "YMMM"
    assert text[slice(*notam.body)].startswith("ROUTES A) W1 AND D) Q1")
    assert len(parse_notice(text)) == 1


def test_a_notam_without_item_e_never_reads_its_q_line() -> None:
    text = "A0001/24 NOTAMN\nQ) ZSHA/QRDCA/IV/BO/W/000/999/3943N10456E012\nA) ZSHA B) 2405270000"
    notam = read_notam(text)
    assert "3943N" not in text[slice(*notam.body)]
    assert parse_notice(text) == []
