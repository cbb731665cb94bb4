"""When a Chinese, Japanese or Korean warning is in force, read into UTC.

The warnings of China's MSA, Japan's JCG and Korea's KHOA write their windows as dates and
hours in words, in a time zone named somewhere in the text:

    北京时间2024年5月27日22时至5月28日2时            (UTC+8)
    2024年5月27日 00時00分から 同日 04時00分まで（日本時間）   (UTC+9)
    2024년 5월 27일 00시 00분부터 04시 00분까지 (한국시간)    (UTC+9)
    2023年11月21日0800时至1200时(UTC)

The window is read only when the text names one time zone (北京时间, 日本時間/JST,
한국시간/KST, or UTC, 世界时, 協定世界時, 국제표준시): a window whose zone is not written, or with
two different zones, is not converted, and the note says so (never a guess: Chinese warnings
are mostly in Beijing time, but not all). A year not written comes from the notice's id
(`沪航警0123/24`), else nothing is read. `24时` is the next day's 0 o'clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

_DATE = (r"(?:(?P<y{n}>[0-9]{{4}})\s*[年년]\s*)?(?:(?P<mo{n}>[0-9]{{1,2}})\s*[月월]\s*)?"
         r"(?P<d{n}>[0-9]{{1,2}})\s*[日일]")
_TIME = (r"(?:(?P<hm{n}>[0-9]{{4}})\s*[时時시]|(?P<h{n}>[0-9]{{1,2}})\s*(?:[:：]\s*(?P<m{n}>[0-9]{{2}})"
         r"|[时時시](?:\s*(?P<mi{n}>[0-9]{{1,2}})\s*[分분])?))")
_WINDOW = re.compile(
    r"(?<![0-9])" + _DATE.format(n=1) + r"[\s,，、]*" + _TIME.format(n=1)
    + r"\s*(?:起|부터)?\s*(?:至|到|から|～|~|－|-|—|에서)?\s*(?:同月|同日|当日)?\s*"
    + r"(?:" + _DATE.format(n=2) + r"[\s,，、]*)?" + _TIME.format(n=2) + r"\s*(?:まで|까지|止)?"
)
_ZONES = (
    (re.compile(r"北京时间|北京時間"), 8, "北京时间 (UTC+8)"),
    (re.compile(r"日本時間|日本標準時|(?<![A-Za-z])JST(?![A-Za-z])"), 9, "日本時間 (UTC+9)"),
    (re.compile(r"한국\s*(?:표준)?시간?|(?<![A-Za-z])KST(?![A-Za-z])"), 9, "한국시간 (UTC+9)"),
    (re.compile(r"(?<![A-Za-z])UTC(?![A-Za-z])|协调世界时|協定世界時|世界时|世界時|국제표준시"), 0, "UTC"),
)
_CJK_DATE = re.compile(r"[0-9]{1,2}\s*[月월]\s*[0-9]{1,2}\s*[日일]")


@dataclass(frozen=True)
class CjkWindow:
    """The window in UTC (or None), and what was done, in words, for the card."""

    valid_from: str | None
    valid_to: str | None
    note: str


def cjk_window(text: str, year: int | None) -> CjkWindow | None:
    """The first window written with CJK dates, or None when the text has none."""
    m = _WINDOW.search(text)
    if m is None:
        if _CJK_DATE.search(text):
            return CjkWindow(None, None, "not read: dates in a form this parser does not read")
        return None
    zones = {(offset, name) for pattern, offset, name in _ZONES if pattern.search(text)}
    if len(zones) != 1:
        said = "no time zone is written" if not zones else \
            "it names " + " and ".join(sorted(name for _, name in zones))
        return CjkWindow(None, None, f"not read: {said}")
    ((offset, zone),) = zones
    y1 = int(m["y1"]) if m["y1"] else year
    if y1 is None:
        return CjkWindow(None, None, "not read: no year in the text or the notice's id")
    if m["mo1"] is None:
        return CjkWindow(None, None, "not read: the first date has no month")
    start = _moment(y1, int(m["mo1"]), int(m["d1"]), *_hour(m, 1))
    mo2 = int(m["mo2"]) if m["mo2"] else int(m["mo1"])
    d2 = int(m["d2"]) if m["d2"] else int(m["d1"])
    y2 = int(m["y2"]) if m["y2"] else y1 + (mo2 < int(m["mo1"]))  # 12月31日至1月2日
    end = _moment(y2, mo2, d2, *_hour(m, 2))
    if start is None or end is None or end < start:
        return CjkWindow(None, None, f"not read: '{m.group().strip()}' is not a possible window")
    shift = timedelta(hours=offset)
    converted = "" if offset == 0 else f", {zone} converted"
    return CjkWindow(_iso(start - shift), _iso(end - shift), f"read from the text{converted}")


def _hour(m: re.Match[str], n: int) -> tuple[int, int]:
    if m[f"hm{n}"]:
        digits = m[f"hm{n}"]
        return int(digits[:2]), int(digits[2:])
    minute = m[f"m{n}"] or m[f"mi{n}"]
    return int(m[f"h{n}"]), int(minute) if minute else 0


def _moment(year: int, month: int, day: int, hour: int, minute: int) -> datetime | None:
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return None
    try:
        return datetime(year, month, day, tzinfo=UTC) + timedelta(hours=hour, minutes=minute)
    except ValueError:
        return None


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
