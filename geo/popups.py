"""Popup and tooltip HTML for features: every value escaped, only http(s) URLs become links."""

from __future__ import annotations

import math
import numbers
import re
from html import escape
from typing import Any

_RAW_LABELS = {"reported": "Notice text", "digitised": "Described as",
               "derived": "Model assumptions"}
_HTTP_URL = re.compile(r"^https?://", re.IGNORECASE)  # the same rule as popups.js
# URLs inside free text, written out character by character so that popups.js can use the very
# same pattern: the browser must link exactly what this links, in any Unicode text.
# - whitespace is spelt out: Python's \s (str.isspace) has \x1c-\x1f and \x85, JavaScript's
#   \s has \ufeff instead;
# - a URL glued to an ASCII letter, digit or one of _+.:/- is not linked. Not \w, which is Unicode:
#   letters and digits follow the Unicode version of the running Python (14.0 for 3.11, newer in
#   3.12+) and of the browser (newer still), so they could never agree on every character. A URL
#   right after a non-ASCII letter or digit ("网址http://x.cn") is therefore a link;
# - "http" is matched in ASCII upper or lower case only, not with re.IGNORECASE, which lets the
#   long s "ſ" stand for "s" ("httpſ://" is no URL to a browser).
_SPACE = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_URL = re.compile(r"(?<![0-9A-Za-z_+.:/-])[Hh][Tt][Tt][Pp][Ss]?://[^" + _SPACE + r"<>\"'`]+")


def safe_link(url: Any, label: str) -> str:
    """An <a> opening in a new tab when url is http(s); otherwise the label and URL as text."""
    text = escape(label)
    if isinstance(url, str) and _HTTP_URL.match(url.strip()):
        href = escape(url.strip(), quote=True)
        return f'<a href="{href}" target="_blank" rel="noopener noreferrer">{text}</a>'
    return text + (f" ({escape(str(url))})" if url else "")


def _row(label: str, value: Any) -> str:
    if value in (None, "", []):
        return ""
    return f"<tr><th>{escape(label)}</th><td>{escape(str(value))}</td></tr>"


def _sources(sources: Any) -> str:
    items = []
    for src in sources if isinstance(sources, list) else []:
        if not isinstance(src, dict):
            continue
        label = f"{src.get('title', 'source')}: {src.get('publisher', '')}, {src.get('date', '')}"
        item = safe_link(src.get("url"), label)
        if src.get("quote"):
            item += f'<blockquote>“{escape(str(src["quote"]))}”</blockquote>'
        items.append(f"<li>{item}</li>")
    return f'<div class="geo-sources"><b>Sources</b><ol>{"".join(items)}</ol></div>' if items else ""


def _time_utc(props: dict[str, Any]) -> str:
    value = str(props.get("time_utc") or "")
    if "T" in value:
        value = value.replace("T", " ").replace("Z", " UTC")
    elif value:
        value += " (date only)"
    return ("about " if props.get("time_approximate") else "") + value


def event_popup(props: dict[str, Any]) -> str:
    """Name, UTC and local time, site, vehicle → payload, outcome, what happened, sources."""
    launch = ""
    if props.get("vehicle") or props.get("payload"):
        launch = f"{props.get('vehicle') or '?'} → {props.get('payload') or '?'}"
    rows = "".join([
        _row("UTC", _time_utc(props)),
        _row("Local", (props.get("time_local") or "").replace("T", " ")),
        _row("Site", props.get("site_name")),
        _row("Vehicle → payload", launch),
        _row("Outcome", props.get("outcome") if props.get("outcome") != "n/a" else None),
    ])
    return (f'<div class="geo-popup"><h4>{escape(str(props.get("name", "")))}</h4>'
            f"<table>{rows}</table><p>{escape(str(props.get('summary') or ''))}</p>"
            f"{_sources(props.get('sources'))}</div>")


def zone_popup(props: dict[str, Any]) -> str:
    """Name, kind, method and confidence, validity window, issuer, the raw notice text, sources."""
    window = " to ".join(str(v) for v in (props.get("valid_from"), props.get("valid_to")) if v)
    if props.get("validity_note"):
        window = f"{window} ({props['validity_note']})" if window else str(props["validity_note"])
    rows = "".join([
        _row("Kind", str(props.get("kind", "")).replace("_", " ")),
        _row("Stage", props.get("stage")),
        _row("Event", props.get("event_name")),
        _row("Geometry", props.get("geometry_method")),
        _row("How drawn", props.get("geometry_note")),
        _row("Confidence", props.get("confidence")),
        _row("Valid", window),
        _row("Issuer", props.get("issuer")),
        _row("Area", f"{int(props['area_km2'] + 0.5):,} km²" if props.get("area_km2") else None),
    ])
    raw = escape(str(props.get("raw_text") or ""))
    return (f'<div class="geo-popup"><h4>{escape(str(props.get("name", "")))}</h4>'
            f"<table>{rows}</table><p><b>{_RAW_LABELS.get(str(props.get('geometry_method')), 'Notice text')}"
            f"</b></p><pre>{raw}</pre>"
            f"{_sources(props.get('sources'))}</div>")


def site_popup(props: dict[str, Any], events_here: list[dict[str, Any]] | None = None) -> str:
    """Name (and Korean or Russian name), kind, precision, description, events here, sources."""
    raw_names = props.get("names")
    names: dict[str, Any] = raw_names if isinstance(raw_names, dict) else {}
    local = ", ".join(str(v) for k, v in names.items() if k != "en")
    rows = "".join([
        _row("Kind", str(props.get("kind", "")).replace("_", " ")),
        _row("Local name", local),
        _row("Country", props.get("country")),
        _row("Position", f"within {props['precision_m']:g} m" if props.get("precision_m") else None),
    ])
    here = "".join(
        f"<li>{escape(str(e.get('date', '')))}: {escape(str(e.get('name', '')))}</li>"
        for e in events_here or [])
    here_html = f"<p><b>Events here</b></p><ul>{here}</ul>" if here else ""
    return (f'<div class="geo-popup"><h4>{escape(str(props.get("name", "")))}</h4>'
            f"<table>{rows}</table><p>{escape(str(props.get('description') or ''))}</p>"
            f"{here_html}{_sources(props.get('sources'))}</div>")


def track_popup(props: dict[str, Any]) -> str:
    """Name, azimuth, inclination with its formula, how the path ends, how it was drawn, sources."""
    azimuth, inclination = props.get("azimuth_deg"), props.get("inclination_deg")
    rows = "".join([
        _row("Event", props.get("event_name")),
        _row("Outcome", props.get("outcome")),
        _row("Launch azimuth", f"{azimuth}°" if azimuth is not None else None),
        _row("Inclination", f"{inclination}°" if inclination is not None else None),
        _row("Length", f"{props['length_km']:,} km" if props.get("length_km") else None),
        _row("Geometry", props.get("geometry_method")),
        _row("Confidence", props.get("confidence")),
    ])
    formula = ("Inclination from cos i = cos φ · sin A, with φ the pad's latitude and A the launch "
               "azimuth: the orbit a rocket would reach flying that azimuth without turning.")
    return (f'<div class="geo-popup"><h4>{escape(str(props.get("name", "")))}</h4>'
            f"<table>{rows}</table><p><i>{escape(formula)}</i></p>"
            f"<p><b>How it ends</b> {escape(str(props.get('end_reason') or ''))}</p>"
            f"<p><b>How drawn</b> {escape(str(props.get('geometry_note') or ''))}</p>"
            f"{_sources(props.get('sources'))}</div>")


def linked_text(value: Any) -> str:
    """Escaped text in which each http(s) URL is a link; javascript: and other schemes stay text."""
    text, out, last = str(value), [], 0
    for match in _URL.finditer(text):
        url = match.group().rstrip(".,;:!?)]}'")
        out += [escape(text[last:match.start()]), safe_link(url, url)]
        last = match.start() + len(url)
    return "".join(out) + escape(text[last:])


def generic_rows(props: dict[str, Any]) -> list[list[str]]:
    """The [field, value] texts a generic popup lists, in order: no "_" fields, no blank values.

    A list rather than a dict, so that the browser keeps the order (a JavaScript object puts
    integer-like keys such as "1" and "10" first)."""
    return [[str(key), str(value)] for key, value in props.items()
            if not str(key).startswith("_") and value not in (None, "", [])]


def generic_popup(props: dict[str, Any]) -> str:
    """Every field of an imported feature as an escaped table; only http(s) URLs are links.

    popups.js builds the same HTML from generic_rows(props) with geoPopups.generic(rows)."""
    rows = "".join(f"<tr><th>{escape(key)}</th><td>{linked_text(value)}</td></tr>"
                   for key, value in generic_rows(props))
    return f'<div class="geo-popup"><table>{rows}</table></div>'


def _js_number(value: Any) -> str:
    """A number (int, float or any numbers.Real) as JavaScript's String(n) writes it after JSON."""
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float: JSON.parse makes it Infinity
        number = math.inf if value > 0 else -math.inf
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number == 0:
        return "0"
    # repr gives the shortest digits that read back as the same float, as JavaScript does.
    mantissa, _, exponent = repr(abs(number)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    n = len(whole) + int(exponent or 0) - (len(whole + fraction) - len(digits))
    digits, sign = digits.rstrip("0"), "-" if number < 0 else ""
    k = len(digits)  # the number is 0.digits × 10^n, as in ECMA-262 Number::toString
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * -n + digits
    power = f"e{'+' if n > 0 else '-'}{abs(n - 1)}"
    return sign + (digits if k == 1 else digits[0] + "." + digits[1:]) + power


def tooltip(props: dict[str, Any]) -> str:
    """The hover text of a feature: its name, escaped; geoPopups.tooltip(props) gives the same.

    A string name is itself and a missing or null name is "None", as str() has it; but so that
    the browser, which only sees the properties after JSON, can give the same text: True and
    False are "True" and "False", a number is written as JavaScript writes it (1.0 is "1",
    1e-05 is "0.00001"; ints up to 2**53 as str() writes them) and any other name (a list, an
    object) gives an empty tooltip."""
    name = props.get("name")
    if isinstance(name, str):
        text = name
    elif name is None or isinstance(name, bool):
        text = str(name)
    elif isinstance(name, numbers.Real):
        text = _js_number(name)
    else:
        text = ""
    return escape(text)
