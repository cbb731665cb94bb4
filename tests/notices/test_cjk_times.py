"""Validity windows of Chinese, Japanese and Korean warnings, read into UTC from the one time
zone the text names, and the card's note saying whether and how (issue 19)."""

from __future__ import annotations

import pytest

from geo.notices import parse_notice

AREA_ZH = "在31-12.18N 123-42.69E、31-12.18N 124-12.69E、30-42.18N 124-12.69E三点连线海域"
AREA_JA = ("北緯36度04分 東経124度30分、北緯36度04分 東経124度54分、北緯35度19分 東経124度54分"
           "の各点を順次に結ぶ線により囲まれる海域")
AREA_KO = ("북위 36도 04분 동경 124도 30분, 북위 36도 04분 동경 124도 54분, 북위 35도 19분 동경 124도 54분"
           "을 연결한 해역")


@pytest.mark.parametrize(("text", "start", "end", "note"), [
    (f"北京时间2024年5月27日22时至5月28日2时，{AREA_ZH}进行航天发射。",
     "2024-05-27T14:00:00Z", "2024-05-27T18:00:00Z", "read from the text, 北京时间 (UTC+8) converted"),
    (f"2024年12月31日22时至1月1日24时（北京时间），{AREA_ZH}。",
     "2024-12-31T14:00:00Z", "2025-01-01T16:00:00Z", "北京时间 (UTC+8) converted"),
    (f"2024年5月27日 00時00分から 同日 04時00分まで（日本時間） {AREA_JA}",
     "2024-05-26T15:00:00Z", "2024-05-26T19:00:00Z", "日本時間 (UTC+9) converted"),
    (f"2024년 5월 27일 00시 00분부터 04시 00분까지 (한국시간) {AREA_KO}",
     "2024-05-26T15:00:00Z", "2024-05-26T19:00:00Z", "한국시간 (UTC+9) converted"),
    (f"2023年11月21日0800时至1200时(UTC)，{AREA_ZH}。",
     "2023-11-21T08:00:00Z", "2023-11-21T12:00:00Z", "read from the text"),
])
def test_a_window_in_the_zone_the_text_names_is_read_into_utc(text, start, end, note):
    props = parse_notice(text)[0]["properties"]
    assert (props["valid_from"], props["valid_to"]) == (start, end)
    assert note in props["validity_note"]


@pytest.mark.parametrize(("text", "why"), [
    (f"2023年11月21日0800时至1200时，{AREA_ZH}。", "no time zone is written"),
    (f"2023年11月21日0800时至1200时(UTC)北京时间，{AREA_ZH}。", "it names"),
    (f"5月27日22时至24时 北京时间，{AREA_ZH}。", "no year"),
    (f"北京时间2024年5月28日22时至5月27日2时，{AREA_ZH}。", "not a possible window"),
])
def test_a_window_that_cannot_be_converted_is_not_read_and_the_note_says_why(text, why):
    props = parse_notice(text)[0]["properties"]
    assert props["valid_from"] is None and props["valid_to"] is None
    assert props["validity_note"].startswith("not read") and why in props["validity_note"]


def test_a_notam_says_its_window_comes_from_b_and_c():
    text = ("A1234/24 NOTAMN\nQ) ZSHA/QRDCA/IV/BO/W/000/999/3100N12400E050\nA) ZSHA "
            "B) 2405270800 C) 2405271200 EST\nE) AREA BOUNDED BY: N3100E12300-N3100E12400-"
            "N3000E12400 BACK TO START.")
    props = parse_notice(text)[0]["properties"]
    assert props["valid_from"] == "2024-05-27T08:00:00Z"
    assert props["validity_note"] == "from B) and C), C) estimated"
