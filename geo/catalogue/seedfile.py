"""Read a seeds YAML file into records that remember their line, or report why not."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem

MAX_SEED_BYTES = 5_000_000


@dataclass(frozen=True)
class Record:
    """One mapping from a seeds file, with where it stands."""

    file: str
    index: int
    line: int
    data: dict[str, Any]

    @property
    def label(self) -> str:
        """How messages name this record: its id when it has a usable one."""
        rid = self.data.get("id")
        name = f"id '{rid}'" if isinstance(rid, str) and rid else f"record {self.index + 1}"
        return f"{name} (line {self.line})"

    def problem(self, field: str, message: str) -> Problem:
        """A problem located at one field of this record."""
        return Problem(self.file, self.label, field, message)


_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster


class _Loader(_BASE):
    """SafeLoader that keeps timestamps and dates as the strings they were written as."""


# Dates stay strings: the catalogue validates their form itself, and "2023-09" must not differ
# in type from "2023-09-13".
_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_records(path: Path, display: str) -> tuple[list[Record], list[Problem]]:
    """Records of a YAML file holding a list of mappings; problems instead of exceptions."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [], [Problem(display, "", "", f"cannot read file: {exc.strerror or exc}")]
    if len(raw) > MAX_SEED_BYTES:
        return [], [Problem(display, "", "", f"file is larger than {MAX_SEED_BYTES} bytes")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [], [Problem(display, "", "", f"not UTF-8 text (byte {exc.start})")]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        return [], [Problem(display, _yaml_where(exc), "", f"not valid YAML: {_yaml_reason(exc)}")]
    if node is None:
        return [], []
    if not isinstance(node, yaml.SequenceNode):
        return [], [Problem(display, "", "", "must be a YAML list of records ('- id: ...')")]
    records: list[Record] = []
    problems: list[Problem] = []
    for index, item in enumerate(node.value):
        line = item.start_mark.line + 1
        try:
            data = _Loader("").construct_document(item)
        except yaml.YAMLError as exc:
            problems.append(Problem(display, f"record {index + 1} (line {line})", "",
                                    f"not valid YAML: {_yaml_reason(exc)}"))
            continue
        if not isinstance(data, dict):
            problems.append(Problem(display, f"record {index + 1} (line {line})", "",
                                    "must be a mapping of field: value"))
            continue
        if not all(isinstance(key, str) for key in data):
            problems.append(Problem(display, f"record {index + 1} (line {line})", "",
                                    "field names must be text"))
            continue
        records.append(Record(display, index, line, data))
    return records, problems


def _yaml_where(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    return f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""


def _yaml_reason(exc: yaml.YAMLError) -> str:
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return str(reason)
