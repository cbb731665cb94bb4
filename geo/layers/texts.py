"""The words the registry declares for people to read, gathered for translation: layer titles,
legend labels, popup labels and notes, timeline lanes; and the values of its choice fields
(kinds, outcomes, methods…), which the explorer shows translated. Their English is the
registry's; the message catalogues (geo/i18n) hold the other languages'."""

from __future__ import annotations

from .registry import BUILTIN, EVENT_GROUPS, USER_NAMESPACES, USER_TITLES, user_spec
from .spec import LayerSpec


def _texts_of(spec: LayerSpec) -> set[str]:
    found = {row.label for row in spec.legend}
    found.update(row.label for row in spec.popup.rows)
    for block in spec.popup.blocks:
        found.update(text for text in (block.label, block.text) if text)
        found.update(block.labels.values())
    return found


def texts() -> set[str]:
    """Every text of the registry shown in the explorer, in English."""
    found = {spec.title for spec in BUILTIN} | set(USER_TITLES.values())
    found.update(group for group, _, _ in EVENT_GROUPS)
    for spec in (*BUILTIN, *(user_spec(f"{ns}-x", "x") for ns in USER_NAMESPACES)):
        found |= _texts_of(spec)
    return {text for text in found if text}


def choice_values() -> set[str]:
    """Every value a choice field of the catalogue's layers may take."""
    return {value for spec in BUILTIN for prop in spec.properties for value in prop.choices}
