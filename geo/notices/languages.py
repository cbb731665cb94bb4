"""The words of notices in English, Chinese, Japanese and Korean, and which language a text is in.

Everything the other modules match that is a word rather than a number lives here:
hemisphere words (北緯/北纬/북위…), length units (NM, sea miles, 海里, 해리, km, 千米…),
the words that introduce a radius or bearings, the phrases that close a corner list
("BACK TO START", "FOUR-POINT CONNECTION", 诸点连线, 順次に結ぶ, 연결한) and the phrases that
announce an expected fall point rather than a corner.

Patterns are written with explicit ASCII classes: in Python's `re`, `\\w` and `\\b` treat CJK
characters as letters, so `\\b36-04N` would never match in `以36-04N为中心`.
"""

from __future__ import annotations

import re

LANGUAGES = ("en", "zh", "ja", "ko")

HEMISPHERE_WORDS = {
    "北緯": "N", "北纬": "N", "북위": "N", "위도": "N",
    "南緯": "S", "南纬": "S", "남위": "S",
    "東経": "E", "东经": "E", "東經": "E", "동경": "E", "경도": "E",
    "西経": "W", "西经": "W", "西經": "W", "서경": "W",
}
"""CJK words for a hemisphere, written before the number. 위도/경도 ("latitude", "longitude")
name no hemisphere; like letterless degree pairs they are read as north and east."""

HEMISPHERE_WORD = "|".join(sorted(HEMISPHERE_WORDS, key=len, reverse=True))
DEGREE_MARKS = "°º˚度도"
MINUTE_MARKS = "′'’‘´分분"
SECOND_MARKS = "″”“\"〞〟秒초"

METRES_PER_NM = 1852.0
_UNITS = (
    # (pattern, metres per unit); longer words first, matched case-insensitively
    (r"nautical\s*miles?|sea\s*miles?|n\.\s?m\.|nmi|nm|海里|浬|해리|カイリ", METRES_PER_NM),
    (r"kilomet(?:er|re)s?|kms?|千米|公里|킬로미터|キロメートル|キロ|㎞", 1000.0),
    (r"met(?:er|re)s?|m|米|미터|メートル", 1.0),
    (r"statute\s*miles?|miles?|mi", 0.0),  # 0: refused, a mile could be nautical or statute
)
UNIT = "|".join(f"(?:{pattern})" for pattern, _ in _UNITS)
_UNIT_RES = tuple((re.compile(pattern, re.IGNORECASE), metres) for pattern, metres in _UNITS)

CORNER_SEPARATORS = re.compile(
    r"(?:[\s,;:/、，；.\-–—~()（）]|(?<![A-Za-z])(?i:TO|AND|THEN|THENCE)(?![A-Za-z])"
    r"|\([A-Z0-9 ]{1,12}\)|至|到|和|及び|および|並びに|ならびに|及|与|與|と|그리고|및|과|와)*"
)
"""What may stand between two corners of one list: punctuation, TO, AND, 和, 及び, 並びに, と,
그리고, 및, a corner's name in brackets (`(ASSAD)`). Anything else ends the list."""

RADIUS_BEFORE = r"半径|반경|반지름"
"""CJK words written before the radius: 半径5.4海里, 반경 5.4해리."""
RADIUS_AFTER = r"(?:为|為|의|인)?\s*(?:半径|반경|반지름)"
"""CJK words written after it: 5.4海里为半径."""

CLOSER = re.compile(
    r"B\s?A\s?C\s?K\s+TO\s+(?:THE\s+)?S\s?T\s?A\s?R\s?T(?:ING\s+POINT)?"
    r"|(?<![A-Za-z])TO\s+(?:THE\s+)?(?:POINT\s+OF\s+)?(?:ORIGIN|BEGINNING|START(?:ING\s+POINT)?)(?![A-Za-z])"
    r"|(?<![A-Za-z])(?:[A-Z]+[- ])?POINTS?\s+CONNECTION(?:\s+RANGE)?(?![A-Za-z])"
    r"|(?:诸|諸|各|四|三|五|六|七|八|多)?点(?:依次)?连线|連線|(?:を)?順次(?:に)?結(?:ぶ|んだ)|연결(?:한|하는|선)",
    re.IGNORECASE,
)
"""Words that close a corner list and say its corners are joined in the order given."""

JOINING = re.compile(r"(?<![A-Za-z])(?:LINE\s+)?JOINING(?![A-Za-z])|CONNECTING|连线|結ぶ|연결",
                     re.IGNORECASE)
"""Words before or after a corner list saying it is joined in order."""

FALL_POINT = re.compile(
    r"(?:EXPECTED|EXP|PREDICTED|ESTIMATED)\s+TO\s+FALL(?:\s+(?:IN|AT|NEAR|AROUND|WI|WITHIN|ON))?"
    r"(?:\s+THE)?(?:\s+(?:POINT|POSITION|LOCATION))?\s*[:,]?\s*$"
    r"|(?:IMPACT|FALL|AIM)\s+POINT\s*(?:AT|IS)?\s*[:,]?\s*$"
    r"|(?:预计|預計)?(?:落点|落點)(?:为|為|在)?\s*[:,]?\s*$|落下予想(?:地点|位置)\s*[:,]?\s*$"
    r"|낙하\s*예상\s*(?:지점|위치)\s*[:,]?\s*$",
    re.IGNORECASE,
)
"""A phrase that, right before a position, makes it a stated fall point, not a corner."""

MONTHS = {"JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6, "JUL": 7, "AUG": 8,
          "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12}

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_JAPANESE_KANJI = re.compile(r"[経]")  # 經 and 緯 are traditional Chinese too
_HAN = re.compile(r"[\u4e00-\u9fff]")


def unit_metres(word: str) -> float:
    """Metres in one length unit as written; 0.0 for a mile, which is refused."""
    for pattern, metres in _UNIT_RES:
        if pattern.fullmatch(word.strip()):
            return metres
    raise ValueError(f"unknown unit {word!r}")


def language(text: str) -> str:
    """'ko', 'ja', 'zh' or 'en': the script that dominates the notice's words."""
    if _HANGUL.search(text):
        return "ko"
    if _KANA.search(text) or _JAPANESE_KANJI.search(text):
        return "ja"
    if _HAN.search(text):
        return "zh"
    return "en"
