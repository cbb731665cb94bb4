"""The names a figure prints for features and places: the catalogue's `names` in the figure's
language, English where it has none; and the short labels of the features that matter."""

from __future__ import annotations

import re
from typing import Any

from ..layers import registry
from . import words

_DATED = re.compile(r"^(?:(?:January|February|March|April|May|June|July|August|September|October|"
                    r"November|December) )?\d{4}:? ")
_METHOD = re.compile(r" \((?:digitised|reported|derived)[^)]*\)$")


def local_name(item: dict[str, Any], lang: str) -> str:
    """A feature's or place's name in lang, from its `names`; its English name or `name` else."""
    props = item.get("properties", item)
    names = props.get("names") or {}
    return str(names.get(lang) or names.get("en") or props.get("name") or item.get("id") or "")


def event_title(event: dict[str, Any] | None, lang: str) -> str:
    """The figure's default title: the event's name (in Korean: its payload's launch and outcome)."""
    if event is None:
        return words.text(lang, "default_title")
    props = event.get("properties") or {}
    if lang == "ko" and props.get("kind") == "launch" and props.get("payload"):
        outcome = words.label("ko", str(props.get("outcome")))
        return f"{props['payload']} 발사 ({outcome})"
    return local_name(event, lang)


def feature_label(layer: str, feature: dict[str, Any], lang: str) -> str | None:
    """The label of a feature that matters in a figure (a site, an area, a path), or None."""
    props = feature.get("properties") or {}
    kind = str(props.get("kind") or "")
    if layer == registry.SITES.name:
        return local_name(feature, lang)
    if layer == registry.ZONES.name:
        what = words.label(lang, kind.replace("_", " "))
        if lang == "en" and kind in ("debris_area", "salvage_area"):  # the catalogue's words: where
            told = _DATED.sub("", _METHOD.sub("", str(props.get("name") or "")))  # debris fell
            return told or what
        stage = props.get("stage")
        return f"{words.label(lang, str(stage))} {what}" if stage else what
    if layer == registry.TRACKS.name:
        return words.text(lang, "flight_path")
    if layer == registry.SCENARIOS.name and props.get("breakup_s") is not None:
        return words.text(lang, "scenario", s=props["breakup_s"])
    if layer == registry.FOOTPRINTS.name:
        return words.text(lang, "footprint")
    if not registry.is_builtin(layer):
        return str(props.get("name") or "") or None
    return None


def catalogue_city_names(available: dict[str, list[dict[str, Any]]], lang: str) -> dict[str, str]:
    """The catalogue's own names in lang of its cities, by English name (a place of the basemap
    with that English name is named so: 평양, 서울 in a Korean figure)."""
    out = {}
    for site in available.get(registry.SITES.name, []):
        props = site.get("properties") or {}
        names = props.get("names") or {}
        if props.get("kind") == "city" and names.get(lang) and names.get("en"):
            out[str(names["en"])] = str(names[lang])
    return out
