"""What each kind of seed record may hold: its fields, their checks, which are required."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from . import checks
from .checks import FieldError
from .times import PRECISIONS

SITE_KINDS = ("launch_site", "launch_pad", "city", "control_center", "border_station")
EVENT_KINDS = ("launch", "salvage", "journey", "meeting", "institutional")
ZONE_KINDS = ("danger_area", "debris_area", "salvage_area")
OUTCOMES = ("success", "failure", "n/a")
METHODS = ("reported", "digitised", "derived")
CONFIDENCES = ("high", "medium", "low")
LANGUAGES = ("en", "ko", "ru")


@dataclass(frozen=True)
class Field:
    """A field's check and whether a record must have it."""

    check: Callable[[Any], Any]
    required: bool = False


def _names(value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or "en" not in value:
        raise FieldError("must be a mapping of language to name with at least 'en'")
    clean = {}
    for lang, name in value.items():
        if lang not in LANGUAGES:
            raise FieldError(f"language {lang!r:.20} is not one of {', '.join(LANGUAGES)}")
        clean[lang] = checks.text(name, 200)
    return {lang: clean[lang] for lang in LANGUAGES if lang in clean}


def _citations(value: Any) -> list[dict[str, str]]:
    """A list of source ids or {source: id, quote: text}; ids are resolved later."""
    if not isinstance(value, list) or not value:
        raise FieldError("must list at least one source id from sources.yaml")
    cited = []
    for item in value:
        if isinstance(item, str):
            cited.append({"source": checks.identifier(item)})
        elif isinstance(item, dict) and set(item) <= {"source", "quote"} and "source" in item:
            entry = {"source": checks.identifier(item["source"])}
            if "quote" in item:
                entry["quote"] = checks.text(item["quote"], 600)
            cited.append(entry)
        else:
            raise FieldError("each source must be an id or a mapping with 'source' and 'quote'")
    return cited


def _construction(value: Any) -> dict[str, Any]:
    """How a digitised zone is drawn: from a point, along an azimuth, a circle of a radius."""
    if not isinstance(value, dict):
        raise FieldError("must be a mapping with from, azimuth_deg, distance_km, radius_km")
    allowed = {"from", "azimuth_deg", "distance_km", "radius_km"}
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise FieldError(f"unknown key {unknown[0]!r:.30}; allowed: {', '.join(sorted(allowed))}")
    missing = sorted(allowed - set(value))
    if missing:
        raise FieldError(f"lacks {', '.join(missing)}")
    return {
        "from": checks.identifier(value["from"]),
        "azimuth_deg": checks.number(value["azimuth_deg"], 0, 360),
        "distance_km": checks.number(value["distance_km"], 0, 20000),
        "radius_km": checks.number(value["radius_km"], 0, 2000, positive=True),
    }


_text = checks.text
_id = checks.identifier

SOURCE_FIELDS = {
    "id": Field(_id, True),
    "title": Field(partial(_text, max_len=300), True),
    "publisher": Field(partial(_text, max_len=200), True),
    "date": Field(checks.partial_date, True),
    "url": Field(checks.url, True),
    "accessed": Field(checks.full_date),
    "quote": Field(partial(_text, max_len=600)),
    "supports": Field(partial(_text, max_len=600)),
}

ANCHOR_FIELDS = {
    "id": Field(_id, True),
    "name": Field(partial(_text, max_len=200), True),
    "lat": Field(checks.latitude, True),
    "lon": Field(checks.longitude, True),
    "precision_m": Field(partial(checks.number, low=0, high=1e6, positive=True), True),
    "sources": Field(_citations, True),
}

SITE_FIELDS = {
    "id": Field(_id, True),
    "name": Field(partial(_text, max_len=200), True),
    "kind": Field(partial(checks.one_of, choices=SITE_KINDS), True),
    "country": Field(checks.country, True),
    "names": Field(_names, True),
    "lat": Field(checks.latitude, True),
    "lon": Field(checks.longitude, True),
    "precision_m": Field(partial(checks.number, low=0, high=1e6, positive=True), True),
    "timezone": Field(checks.timezone, True),
    "parent": Field(_id),
    "description": Field(_text, True),
    "sources": Field(_citations, True),
}

EVENT_FIELDS = {
    "id": Field(_id, True),
    "name": Field(partial(_text, max_len=200), True),
    "kind": Field(partial(checks.one_of, choices=EVENT_KINDS), True),
    "time_utc": Field(lambda value: value, True),  # checked with time_precision
    "time_precision": Field(partial(checks.one_of, choices=PRECISIONS), True),
    "time_approximate": Field(checks.boolean),
    "time_local": Field(lambda value: value),  # checked against time_utc and the site's zone
    "site": Field(_id),
    "zone": Field(_id),
    "vehicle": Field(partial(_text, max_len=200)),
    "payload": Field(partial(_text, max_len=200)),
    "outcome": Field(partial(checks.one_of, choices=OUTCOMES), True),
    "summary": Field(_text, True),
    "sources": Field(_citations, True),
}

ZONE_FIELDS = {
    "id": Field(_id, True),
    "name": Field(partial(_text, max_len=200), True),
    "kind": Field(partial(checks.one_of, choices=ZONE_KINDS), True),
    "stage": Field(partial(_text, max_len=100)),
    "event_id": Field(_id, True),
    "issuer": Field(partial(_text, max_len=200), True),
    "valid_from": Field(checks.full_date),
    "valid_to": Field(checks.full_date),
    "validity_note": Field(partial(_text, max_len=400)),
    "geometry_method": Field(partial(checks.one_of, choices=METHODS[:2]), True),
    "confidence": Field(partial(checks.one_of, choices=CONFIDENCES), True),
    "raw_text": Field(_text, True),
    "geometry": Field(_construction),
    "sources": Field(_citations, True),
}


def _range(value: Any, low: float, high: float) -> tuple[float, float]:
    """[low, high] of an assumption: two numbers in order, within the field's bounds."""
    if not isinstance(value, list) or len(value) != 2:
        raise FieldError(f"must be a range [low, high] of two numbers (got {value!r:.60})")
    lo, hi = (checks.number(item, low, high) for item in value)
    if lo > hi:
        raise FieldError(f"low end {lo:g} is above the high end {hi:g}")
    return lo, hi


MODEL_FIELDS = {
    "id": Field(_id, True),  # the launch's event id
    "ending": Field(partial(_text, max_len=600), True),
    "fell_in": Field(_id),
    "breakup_s": Field(partial(_range, low=1, high=600)),
    "breakup_at_burnout": Field(checks.boolean),
    "thrust_to_weight": Field(partial(_range, low=1.01, high=5)),
    "propellant_fraction": Field(partial(_range, low=0.3, high=0.95)),
    "vertical_s": Field(partial(_range, low=1, high=60)),
    "burnout_angle_deg": Field(partial(_range, low=5, high=85)),
    "piece_ballistic_coefficient": Field(partial(_range, low=10, high=50_000)),
    "breakup_speed_ms": Field(partial(_range, low=0, high=1_000)),
    "stage_ballistic_coefficient": Field(partial(checks.number, low=10, high=50_000)),
    "assumptions": Field(_text),
    "sources": Field(_citations, True),
}
FOOTPRINT_FIELDS = ("thrust_to_weight", "propellant_fraction", "vertical_s", "burnout_angle_deg",
                    "piece_ballistic_coefficient", "breakup_speed_ms",
                    "stage_ballistic_coefficient", "assumptions")
