"""The sources of what a figure draws: each cited source once, the most cited first; short
for the footer ('KCNA 2024-05-27'), in full for the list beside the figure."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

Layers = dict[str, list[dict[str, Any]]]
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9&.\- ]{1,11})\)")


def cited(layers: Layers) -> list[dict[str, Any]]:
    """Every source the drawn features cite, once, by how many features cite it, then first use."""
    found: dict[str, dict[str, Any]] = {}
    counts: Counter[str] = Counter()
    for features in layers.values():
        for feature in features:
            for source in (feature.get("properties") or {}).get("sources") or []:
                key = str(source.get("id") or source.get("url") or source.get("title"))
                found.setdefault(key, source)
                counts[key] += 1
    order = list(found)
    return [found[k] for k in sorted(order, key=lambda k: (-counts[k], order.index(k)))]


def short(source: dict[str, Any]) -> str:
    """A source as the footer names it: its publisher (by its acronym when it has one) and date."""
    publisher = str(source.get("publisher") or source.get("title") or "").split(", via ")[0]
    publisher = publisher.replace("(secondary)", "").strip()
    acronym = _ACRONYM.search(publisher)
    if acronym:
        publisher = acronym.group(1)
    date = str(source.get("date") or "").strip()
    return f"{publisher} {date}".strip()


def full_list(sources: list[dict[str, Any]], title: str) -> str:
    """Every source in full, one a paragraph: publisher, title, date, address."""
    lines = [f"Sources of the figure: {title}", ""]
    for source in sources:
        text = f"{source.get('publisher', '')}: {source.get('title', '')} ({source.get('date', '')})"
        lines.append(text + (f"\n  {source['url']}" if source.get("url") else ""))
    return "\n".join(lines) + "\n"
