"""Every word a figure prints, in English and Korean: one key per text, the same keys in both.

The registry's legend labels and layer titles are English; their Korean is here, by the English
text (a test checks that every label of the registry has one). Names of features and places come
from the catalogue's `names` (geo.figure.names), English where a Korean one is missing.
"""

from __future__ import annotations

from datetime import date

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "default_title": "North Korea's satellite launches",
        "launch_title": "{name}",
        "utc": "UTC",
        "sources": "Sources",
        "more_sources": "… and {count} more ({where})",
        "full_list_file": "full list: {file}",
        "full_list_meta": "full list in this file's description",
        "credit": "Data: North Korea launch map and the sources named. Basemap: Natural Earth. "
                  "Place names: GeoNames, IHO S-23.",
        "digitised": "dashed outline: digitised, drawn from a description or a map, not from "
                     "published coordinates",
        "derived": "derived: computed by this project from the sources, not reported",
        "outside": "Beyond the map: {parts}",
        "north": "N",
        "projection": "Lambert conformal conic, standard parallels {lat1:.1f}° and {lat2:.1f}°N, "
                      "central meridian {lon0:.1f}°E; scale bar true at the map's centre",
        "pad": "launch pad",
        "flight_path": "flight path",
        "footprint": "modelled debris footprint",
        "scenario": "break-up T+{s} s",
    },
    "ko": {
        "default_title": "북한의 위성 발사",
        "launch_title": "{name}",
        "utc": "협정세계시",
        "sources": "출처",
        "more_sources": "… 외 {count}건 ({where})",
        "full_list_file": "전체 목록: {file}",
        "full_list_meta": "전체 목록은 파일 설명에",
        "credit": "자료: North Korea launch map 및 표기된 출처. 배경지도: Natural Earth. "
                  "지명: GeoNames, IHO S-23.",
        "digitised": "점선 윤곽: 좌표가 아닌 설명이나 지도를 보고 그린 것(디지타이즈)",
        "derived": "도출: 출처를 바탕으로 이 프로젝트가 계산한 것으로, 보도된 것이 아님",
        "outside": "지도 밖: {parts}",
        "north": "북",
        "projection": "람베르트 정각원추도법, 표준위선 북위 {lat1:.1f}°·{lat2:.1f}°, "
                      "중앙경선 동경 {lon0:.1f}°; 축척은 지도 중심 기준",
        "pad": "발사대",
        "flight_path": "비행 경로",
        "footprint": "모델 추정 잔해 낙하 범위",
        "scenario": "T+{s}초 분리 가정",
    },
}

KO_LABELS: dict[str, str] = {
    # layer titles
    "Sites": "장소",
    "Events": "사건",
    "Danger and debris zones": "위험 구역과 잔해 구역",
    "Flight paths (derived)": "비행 경로 (도출)",
    "Debris footprints (modelled)": "잔해 낙하 범위 (모델)",
    "Break-up scenarios (modelled)": "분리 시나리오 (모델)",
    # legend rows
    "launch site": "발사장",
    "launch pad": "발사대",
    "city": "도시",
    "control center": "관제소",
    "border station": "국경역",
    "launch: success": "발사: 성공",
    "launch: failure": "발사: 실패",
    "programme: engine test, launch preparation, construction, salvage, plan, claim, "
    "institutional, satellite test, orbit": "계획: 엔진 시험, 발사 준비, 건설, 인양, 계획, 주장, 기관, "
                                            "위성 시험, 궤도",
    "diplomacy: journey, meeting, visit, treaty": "외교: 이동, 회담, 방문, 조약",
    "danger area": "위험 구역",
    "debris area": "잔해 낙하 구역",
    "salvage area": "인양 구역",
    "reported geometry": "보도된 좌표",
    "digitised geometry": "디지타이즈한 윤곽",
    "flight path: reached orbit": "비행 경로: 궤도 진입",
    "flight path: failed": "비행 경로: 실패",
    "modelled: where debris consistent with one account could fall": "모델: 한 설명에 부합하는 잔해가 "
                                                                     "떨어질 수 있는 곳",
    "modelled: fall point if it broke up at T+60/90/120 s": "모델: T+60/90/120초에 분리됐다면 낙하 지점",
    # zone stages
    "first stage": "1단",
    "second stage": "2단",
    "fairing": "페어링",
    # outcomes
    "success": "성공",
    "failure": "실패",
}

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def text(lang: str, key: str, **values: object) -> str:
    """The text of key in lang, with its values filled in."""
    return TEXTS[lang][key].format(**values)


def label(lang: str, english: str) -> str:
    """A registry label or title in lang (English when no Korean is known)."""
    return KO_LABELS.get(english, english) if lang == "ko" else english


def day(lang: str, value: date) -> str:
    """A date as a newspaper writes it: '27 May 2024', '2024년 5월 27일'."""
    if lang == "ko":
        return f"{value.year}년 {value.month}월 {value.day}일"
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def date_range(lang: str, start: date, end: date) -> str:
    """A date range in words, in UTC; one day when start is end."""
    tail = f" ({text(lang, 'utc')})"
    if start == end:
        return day(lang, start) + tail
    return f"{day(lang, start)} – {day(lang, end)}{tail}"
