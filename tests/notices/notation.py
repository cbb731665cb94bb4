"""Writing positions the ways notices do, for the property tests of geo.notices."""

from __future__ import annotations

from collections.abc import Callable


def dms(d: float, m: float = 0.0, s: float = 0.0) -> float:
    """Degrees, minutes and seconds -> decimal degrees."""
    return d + m / 60.0 + s / 3600.0


def split_units(value: float, per_degree: int) -> tuple[int, int, int]:
    """|value| rounded to 1/per_degree of a degree -> (degrees, remainder, per_degree)."""
    total = round(abs(value) * per_degree)
    degrees, rest = divmod(total, per_degree)
    return degrees, rest, per_degree


def fmt_dms(value: float, axis: str) -> str:
    """35°44′06.25″N with seconds to 2 decimals."""
    d, rest, _ = split_units(value, 3600 * 100)
    m, s = divmod(rest, 60 * 100)
    return f"{d}°{m:02d}′{s / 100:05.2f}″{hemisphere(value, axis)}"


def fmt_hyphen(value: float, axis: str) -> str:
    """36-04.50N with minutes to 2 decimals."""
    d, rest, _ = split_units(value, 60 * 100)
    width = 2 if axis == "lat" else 3
    return f"{d:0{width}d}-{rest / 100:05.2f}{hemisphere(value, axis)}"


def fmt_compact(value: float, axis: str) -> str:
    """3604N / 12430E with whole minutes."""
    d, m, _ = split_units(value, 60)
    width = 2 if axis == "lat" else 3
    return f"{d:0{width}d}{m:02d}{hemisphere(value, axis)}"


def fmt_notam(value: float, axis: str) -> str:
    """N360400 / E1243000 with whole seconds."""
    d, rest, _ = split_units(value, 3600)
    m, s = divmod(rest, 60)
    width = 2 if axis == "lat" else 3
    return f"{hemisphere(value, axis)}{d:0{width}d}{m:02d}{s:02d}"


def fmt_spaced(value: float, axis: str) -> str:
    """12 39 14N / 119 41 06E: degrees, minutes, seconds separated by spaces."""
    d, rest, _ = split_units(value, 3600)
    m, s = divmod(rest, 60)
    width = 2 if axis == "lat" else 3
    return f"{d:0{width}d} {m:02d} {s:02d}{hemisphere(value, axis)}"


def fmt_spaced_minutes(value: float, axis: str) -> str:
    """06 41S / 089 16E: degrees and minutes separated by a space."""
    d, m, _ = split_units(value, 60)
    width = 2 if axis == "lat" else 3
    return f"{d:0{width}d} {m:02d}{hemisphere(value, axis)}"


def fmt_prefixed(value: float, axis: str) -> str:
    """S 09 52 / E 088 44: the letter, then degrees and minutes separated by spaces."""
    d, m, _ = split_units(value, 60)
    width = 2 if axis == "lat" else 3
    return f"{hemisphere(value, axis)} {d:0{width}d} {m:02d}"


def fmt_cjk(value: float, axis: str, words: dict[str, str]) -> str:
    """北緯36度04分 / 동경 124도 30분 with whole minutes, in the words given."""
    d, m, _ = split_units(value, 60)
    word = words[hemisphere(value, axis)]
    degree, minute = ("度", "分") if word[0] in "北南東西" else ("도", "분")
    space = "" if degree == "度" else " "
    return f"{word}{space}{d}{degree}{space}{m:02d}{minute}"


JAPANESE = {"N": "北緯", "S": "南緯", "E": "東経", "W": "西経"}
KOREAN = {"N": "북위", "S": "남위", "E": "동경", "W": "서경"}


def fmt_decimal(value: float, axis: str) -> str:
    """36.066667N with 6 decimals."""
    return f"{abs(value):.6f}{hemisphere(value, axis)}"


def hemisphere(value: float, axis: str) -> str:
    """N/S or E/W for a signed value."""
    if axis == "lat":
        return "S" if value < 0 else "N"
    return "W" if value < 0 else "E"


Notation = tuple[Callable[[float, float], str], float]
NOTATIONS: list[Notation] = [
    (lambda lat, lon: f"{fmt_dms(lat, 'lat')} {fmt_dms(lon, 'lon')}", 0.005 / 3600),
    (lambda lat, lon: f"{fmt_hyphen(lat, 'lat')} {fmt_hyphen(lon, 'lon')}", 0.005 / 60),
    (lambda lat, lon: f"{fmt_compact(lat, 'lat')} {fmt_compact(lon, 'lon')}", 0.5 / 60),
    (lambda lat, lon: f"{fmt_compact(lat, 'lat')}{fmt_compact(lon, 'lon')}", 0.5 / 60),
    (lambda lat, lon: f"{fmt_notam(lat, 'lat')}{fmt_notam(lon, 'lon')}", 0.5 / 3600),
    (lambda lat, lon: f"{fmt_decimal(lat, 'lat')} {fmt_decimal(lon, 'lon')}", 5e-7),
    (lambda lat, lon: f"{lat:.6f}, {lon:.6f}", 5e-7),
    (lambda lat, lon: f"{fmt_spaced(lat, 'lat')} {fmt_spaced(lon, 'lon')}", 0.5 / 3600),
    (lambda lat, lon: f"{fmt_spaced_minutes(lat, 'lat')} {fmt_spaced_minutes(lon, 'lon')}", 0.5 / 60),
    (lambda lat, lon: f"{fmt_prefixed(lat, 'lat')} {fmt_prefixed(lon, 'lon')}", 0.5 / 60),
    (lambda lat, lon: f"{fmt_cjk(lat, 'lat', JAPANESE)} {fmt_cjk(lon, 'lon', JAPANESE)}", 0.5 / 60),
    (lambda lat, lon: f"{fmt_cjk(lat, 'lat', KOREAN)} {fmt_cjk(lon, 'lon', KOREAN)}", 0.5 / 60),
]
"""Each way of writing a position, and how far from the true value it may be read."""
