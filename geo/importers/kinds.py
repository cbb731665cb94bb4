"""What declaring the kind of an import checks: its rows are like one of the built-in layers."""

from __future__ import annotations

from ..layers import registry

KINDS = registry.IMPORT_KINDS
"""The kinds an import may declare: the names of the importable built-in layers."""


def allowed_geometry(kind: str | None) -> tuple[str, ...]:
    """The geometry types rows of this kind may have (each type and its Multi form); () is any."""
    if kind is None:
        return ()
    types = registry.BY_NAME[kind].geometry
    return tuple(dict.fromkeys([*types, *(t if t.startswith("Multi") else f"Multi{t}" for t in types)]))


def needs_date(kind: str | None) -> bool:
    """Whether rows of this kind must have a date (the layer is placed in time)."""
    return kind is not None and bool(registry.BY_NAME[kind].time_fields) \
        and not registry.BY_NAME[kind].follows


def names_places(kind: str | None) -> bool:
    """Whether rows of this kind are places, named by a 'site name' or 'facility' column."""
    return kind == registry.SITES.name


def requirement(kind: str) -> str:
    """What rows of this kind need, in words: 'a date', 'a point', 'a polygon'."""
    if needs_date(kind):
        return "a date"
    first = registry.BY_NAME[kind].geometry[0]
    return f"a {first.lower()}"
