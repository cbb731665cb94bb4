"""The map's place labels and search entries: cities (GeoNames), seas and straits.

Read from geo/data/places.json, made by scripts/make_places.py, where each place says where its
name and position come from. Labels only: no place is a feature of the map's layers.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

PLACES_PATH = Path(__file__).resolve().parent.parent / "data" / "places.json"
BROWSER_FIELDS = ("id", "name", "names", "kind", "lat", "lon", "zoom")


@functools.cache
def places() -> tuple[dict[str, Any], ...]:
    """Every place, the fields the browser draws and searches (larger places first)."""
    data = json.loads(PLACES_PATH.read_text(encoding="utf-8"))
    return tuple({key: place[key] for key in BROWSER_FIELDS if key in place} for place in data["places"])
