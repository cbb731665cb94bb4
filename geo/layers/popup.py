"""A layer's popup spec rendered as HTML on the server (details panel, KML descriptions).

geo/map/static/geo/popups.js renders the same spec in the browser; a browser test checks
that both give the same HTML for every feature. Every value is escaped; only http(s) URLs
become links. Numbers are written by the spec's formatters (fixed decimals, rounded half
away from zero, as JavaScript's toFixed and toLocaleString round), never by str().
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from html import escape
from typing import Any

from .spec import Block, Popup, Row

Props = Mapping[str, Any]
Related = Callable[[str, str, str], list[Props]]
"""related(layer, via, id): the features of layer whose property via is id."""

_HTTP_URL = re.compile(r"^[Hh][Tt][Tt][Pp][Ss]?://")  # ASCII letters only, as popups.js
# URLs inside free text, written out character by character so that popups.js uses the very
# same pattern: whitespace spelt out (Python's \s and JavaScript's differ), a URL glued to an
# ASCII letter, digit or one of _+.:/- is not linked, and "http" in ASCII case only.
_SPACE = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_URL = re.compile(r"(?<![0-9A-Za-z_+.:/-])[Hh][Tt][Tt][Pp][Ss]?://[^" + _SPACE + r"<>\"'`]+")
_URL_END = ".,;:!?)]}'"


def render(popup: Popup, props: Props, related: Related | None = None, *, card: bool = False,
           rows: list[list[str]] | None = None) -> str:
    """The popup's HTML: title, table of rows, blocks. card: only the parts marked for the card.

    rows: the [field, text] pairs an every_field block lists (default: generic_rows(props)).
    A popup of every field reads the fields as text, as the browser gets them."""
    if popup.every_field:
        rows = generic_rows(props) if rows is None else rows
        props = dict(rows)
    title = props.get(popup.title)
    head = f"<h4>{escape(text_of(title))}</h4>" if not blank(title) else ""
    cells = "".join(_row(row, props) for row in popup.rows if row.card or not card)
    table = f"<table>{cells}</table>" if cells else ""
    blocks = "".join(_block(block, props, related, rows) for block in popup.blocks
                     if block.card or not card)
    return f'<div class="geo-popup">{head}{table}{blocks}</div>'


def related_in(layers: Mapping[str, list[dict[str, Any]]]) -> Related:
    """related() over these layers: the matching features' properties, in the layer's order."""
    def find(layer: str, via: str, value: str) -> list[Props]:
        return [f.get("properties") or {} for f in layers.get(layer, [])
                if (f.get("properties") or {}).get(via) == value]
    return find


def blank(value: Any) -> bool:
    """Whether a value counts as missing: None, "" or an empty list."""
    return value is None or value == "" or (isinstance(value, list | tuple) and len(value) == 0)


def text_of(value: Any) -> str:
    """A value as text: strings as they are, numbers to at most 6 decimals, lists joined."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return _fixed(value, 6, strip=True)
    if isinstance(value, list | tuple):
        return "; ".join(text_of(item) for item in value)
    if value is None:
        return ""
    return "…"  # a mapping: shown by its own formatter, never as Python's repr


def _fixed(value: float, decimals: int, *, grouping: bool = False, strip: bool = False) -> str:
    """value with that many decimals, rounded half away from zero (as JavaScript's toFixed),
    with thousands commas when grouping, trailing zeros dropped when strip."""
    if not math.isfinite(value) or abs(value) >= 1e15:
        return "…"
    exact = Decimal(abs(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    whole, _, frac = f"{exact:.{decimals}f}".partition(".")
    if grouping:
        whole = f"{int(whole):,}"
    if strip:
        frac = frac.rstrip("0")
    out = f"{whole}.{frac}" if frac else whole
    return "-" + out if value < 0 and any(c in "123456789" for c in out) else out


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _utc(values: list[Any]) -> str | None:
    when, approximate = values[0], values[1] if len(values) > 1 else None
    if blank(when):
        return None
    text = str(when)
    text = text.replace("T", " ").replace("Z", " UTC") if "T" in text else text + " (date only)"
    return ("about " if approximate is True else "") + text


def _window(values: list[Any]) -> str | None:
    start, end, note = (values + [None, None, None])[:3]
    window = " to ".join(str(v) for v in (start, end) if not blank(v))
    if not blank(note):
        return f"{window} ({note})" if window else str(note)
    return window or None


def _with_number(unit: str, decimals: int = 0, prefix: str = "") -> Callable[[list[Any]], str | None]:
    def format_(values: list[Any]) -> str | None:
        number = _number(values[0])
        if number is None:
            return None if blank(values[0]) else text_of(values[0])
        return f"{prefix}{_fixed(number, decimals, grouping=True)}{unit}"
    return format_


def _names(values: list[Any]) -> str | None:
    names = values[0]
    if not isinstance(names, Mapping):
        return None if blank(names) else text_of(names)
    return ", ".join(text_of(name) for lang, name in names.items() if lang != "en") or None


def _arrow(values: list[Any]) -> str | None:
    if all(blank(v) for v in values):
        return None
    return " → ".join("?" if blank(v) else text_of(v) for v in values)


FORMATTERS: dict[str, Callable[[list[Any]], str | None]] = {
    "text": lambda values: None if blank(values[0]) else text_of(values[0]),
    "words": lambda values: None if blank(values[0]) else text_of(values[0]).replace("_", " "),
    "utc": _utc,
    "local": lambda values: None if blank(values[0]) else text_of(values[0]).replace("T", " "),
    "arrow": _arrow,
    "window": _window,
    "km2": _with_number(" km²"),
    "km": _with_number(" km"),
    "degrees": _with_number("°", 1),
    "names": _names,
    "within_m": _with_number(" m", prefix="within "),
}


def _row(row: Row, props: Props) -> str:
    value = FORMATTERS[row.format]([props.get(name) for name in row.fields])
    if value is None or value == "" or value in row.hide:
        return ""
    return f"<tr><th>{escape(row.label)}</th><td>{escape(value)}</td></tr>"


def _block(block: Block, props: Props, related: Related | None,
           rows: list[list[str]] | None) -> str:
    value = props.get(block.field) if block.field else None
    if block.kind == "text":
        if blank(value):
            return ""
        label = f"<b>{escape(block.label)}</b> " if block.label else ""
        return f"<p>{label}{escape(text_of(value))}</p>"
    if block.kind == "pre":
        if blank(value):
            return ""
        key = props.get(block.label_field) if block.label_field else None
        label = block.labels.get(text_of(key), block.label) if key is not None else block.label
        return f"<p><b>{escape(label)}</b></p><pre>{escape(text_of(value))}</pre>"
    if block.kind == "note":
        return f"<p><i>{escape(block.text)}</i></p>"
    if block.kind == "sources":
        return sources_html(value)
    if block.kind == "related":
        return _related(block, props, related)
    return every_field_html(rows if rows is not None else generic_rows(props))


def _related(block: Block, props: Props, related: Related | None) -> str:
    if related is None:
        return ""
    items = "".join(
        "<li>" + escape(": ".join(text_of(other.get(name)) for name in block.show)) + "</li>"
        for other in related(block.layer, block.via, text_of(props.get("id"))))
    return f"<p><b>{escape(block.label)}</b></p><ul>{items}</ul>" if items else ""


def sources_html(sources: Any) -> str:
    """The sources as a numbered list of links (title: publisher, date) with their quotes."""
    items = []
    for src in sources if isinstance(sources, list | tuple) else []:
        if not isinstance(src, Mapping):
            continue
        label = (f"{text_of(src.get('title', 'source'))}: {text_of(src.get('publisher', ''))}, "
                 f"{text_of(src.get('date', ''))}")
        item = safe_link(src.get("url"), label)
        if not blank(src.get("quote")):
            item += f"<blockquote>“{escape(text_of(src['quote']))}”</blockquote>"
        items.append(f"<li>{item}</li>")
    return f'<div class="geo-sources"><b>Sources</b><ol>{"".join(items)}</ol></div>' if items else ""


def every_field_html(rows: list[list[str]]) -> str:
    """Every [field, text] pair as an escaped table in which http(s) URLs are links."""
    cells = "".join(f"<tr><th>{escape(key)}</th><td>{linked_text(value)}</td></tr>"
                    for key, value in rows)
    return f"<table>{cells}</table>"


def generic_rows(props: Props) -> list[list[str]]:
    """The [field, text] pairs of an imported feature, in order: no "_" fields, no blank values.

    A list rather than a mapping, so that the browser keeps the order (a JavaScript object
    puts integer-like keys such as "1" and "10" first)."""
    return [[str(key), str(value)] for key, value in props.items()
            if not str(key).startswith("_") and not blank(value)]


def safe_link(url: Any, label: str) -> str:
    """An <a> opening in a new tab when url is http(s); otherwise the label and URL as text."""
    text = escape(label)
    if isinstance(url, str) and _HTTP_URL.match(url.strip(_SPACE_CHARS)):
        href = escape(url.strip(_SPACE_CHARS), quote=True)
        return f'<a href="{href}" target="_blank" rel="noopener noreferrer">{text}</a>'
    return text + (f" ({escape(text_of(url))})" if not blank(url) else "")


def linked_text(value: Any) -> str:
    """Escaped text in which each http(s) URL is a link; javascript: and other schemes stay text."""
    text, out, last = str(value), [], 0
    for match in _URL.finditer(text):
        url = match.group().rstrip(_URL_END)
        out += [escape(text[last:match.start()]), safe_link(url, url)]
        last = match.start() + len(url)
    return "".join(out) + escape(text[last:])


_SPACE_CHARS = "".join(chr(c) for c in (*range(0x09, 0x0E), *range(0x1C, 0x21), 0x85, 0xA0, 0x1680,
                                        *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F,
                                        0x3000))
"""The characters of _SPACE, for str.strip: what popups.js strips from both ends of a URL."""
