"""Read a seeds YAML file into records that remember their line, or report why not."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, shown

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
MAX_DEPTH = 32  # seeds nest a few levels; libyaml's composer recurses (and crashes) on deep nesting


class _Loader(_BASE):
    """SafeLoader that reads only plain YAML 1.2 values: no dates, no YAML 1.1 surprises.

    Dates stay strings (the catalogue validates their form itself, and "2023-09" must not differ
    in type from "2023-09-13"); `yes`, `no`, `on`, `off` stay words, `1:30` (YAML 1.1's base 60,
    which reads as 90) and `0o17`, `0x1F`, `1_000`, `.nan`, `.inf` stay text that the field checks
    then refuse by name. Numbers are ASCII digits only.
    """


_Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]{0,299})$", "-+0123456789"),
    ("tag:yaml.org,2002:float",
     r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(?=[eE]))(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    _Loader.add_implicit_resolver(_tag, re.compile(_pattern, re.ASCII), list(_first))


def _refuse_aliases_and_depth(text: str) -> None:
    """Refuse aliases (`*name`: a few hundred bytes can expand to gigabytes) and deep nesting."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise _Located(event.start_mark,
                           f"aliases (*{shown(event.anchor, 30)[1:-1]}) are not allowed in seeds: "
                           "write the value out")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Located(event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


class _Located(yaml.YAMLError):
    """A refusal of ours, placed like YAML's own errors."""

    def __init__(self, mark: Any, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


def _refuse_duplicate_keys(node: yaml.Node) -> None:
    """Walk the (alias-free, shallow) node tree; a key twice in one mapping is an error."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:  # YAML would keep the last one silently
                        raise _Located(key.start_mark,
                                       f"the key {shown(key.value, 40)} appears twice in one record")
                    seen.add(key.value)
                stack.extend((key, value))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


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
        _refuse_aliases_and_depth(text)
        node = yaml.compose(text, Loader=_Loader)
        if node is not None:
            _refuse_duplicate_keys(node)
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
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
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


def _yaml_reason(exc: Exception) -> str:
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return str(reason)[:200]
