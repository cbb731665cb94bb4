"""seeds/model.yaml: how each failed launch from Sohae ended and the assumptions of its fall model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .catalogue import DEFAULT_SEEDS, Catalogue
from .checks import FieldError
from .errors import DataError, Problem
from .schema import FOOTPRINT_FIELDS, MODEL_FIELDS
from .seedfile import Record, load_records

MODEL_FILE = "model.yaml"
SOHAE_SITES = ("sohae", "sohae-lc1", "sohae-lc2")

Model = dict[str, dict[str, Any]]
"""Model records by launch event id."""


def load_model(cat: Catalogue, seeds_dir: Path = DEFAULT_SEEDS) -> Model:
    """Validated model records by event id; DataError listing every problem. No file: no records."""
    path = Path(seeds_dir) / MODEL_FILE
    if not path.is_file():
        return {}
    records, problems = load_records(path, f"seeds/{MODEL_FILE}")
    model: Model = {}
    for record in records:
        clean = _fields(record, problems)
        if clean is not None and _consistent(record, clean, cat, problems):
            if clean["id"] in model:
                problems.append(record.problem("id", "names a launch already described above"))
                continue
            model[clean["id"]] = clean
    if problems:
        raise DataError(problems)
    return model


def has_footprint(record: dict[str, Any]) -> bool:
    """True when the record carries the break-up time that a fall model needs."""
    return "breakup_s" in record or bool(record.get("breakup_at_burnout"))


def _fields(record: Record, problems: list[Problem]) -> dict[str, Any] | None:
    clean: dict[str, Any] = {}
    before = len(problems)
    for name in record.data:
        if name not in MODEL_FIELDS:
            problems.append(record.problem(name, f"unknown field; allowed: {', '.join(MODEL_FIELDS)}"))
    for name, spec in MODEL_FIELDS.items():
        value = record.data.get(name)
        if value is None:
            if spec.required:
                problems.append(record.problem(name, "is required"))
            continue
        try:
            clean[name] = spec.check(value)
        except FieldError as exc:
            problems.append(record.problem(name, str(exc)))
    return clean if len(problems) == before else None


def _consistent(record: Record, rec: dict[str, Any], cat: Catalogue, problems: list[Problem]) -> bool:
    before = len(problems)
    event = cat.events.get(rec["id"])
    if event is None:
        problems.append(record.problem("id", f"names no event of events.yaml: '{rec['id']}'"))
    elif event["kind"] != "launch" or event.get("site") not in SOHAE_SITES:
        problems.append(record.problem("id", "must name a launch from Sohae"))
    elif event["outcome"] != "failure":
        problems.append(record.problem("id", "must name a failed launch"))
    zone = cat.zones.get(rec.get("fell_in", ""))
    if "fell_in" in rec and (zone is None or zone["event_id"] != rec["id"]):
        problems.append(record.problem("fell_in", "must name a zone of the same launch"))
    for citation in rec["sources"]:
        if citation["source"] not in cat.sources:
            problems.append(record.problem("sources", f"cites unknown source '{citation['source']}'"))
    if "breakup_s" in rec and rec.get("breakup_at_burnout"):
        problems.append(record.problem("breakup_s", "give breakup_s or breakup_at_burnout, not both"))
    if has_footprint(rec):
        for name in FOOTPRINT_FIELDS:
            if name not in rec:
                problems.append(record.problem(name, "is required for a debris footprint"))
    return len(problems) == before
