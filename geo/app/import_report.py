"""An import's table of the rows left out or repaired, headed in the page's language (its summary
line is ImportResult.summary's, in that language too).

What the rows themselves say (a reason, a column's name, the file's name) is the file's and the
reader's, and stays as written.
"""

from __future__ import annotations

from typing import Any

from ..i18n.catalogue import messages, translate
from ..importers.result import UNITS, ImportResult


def problem_rows(result: ImportResult, lang: str) -> list[dict[str, Any]]:
    """The rows skipped or kept with a warning, as a table headed in lang: where, which column,
    the kind of problem (in lang) and the reason (as the reader gives it)."""
    unit = result.unit if result.unit in UNITS else "row"
    heads = {name: translate(lang, f"upload.col_{name}") for name in (unit, "column", "problem", "reason")}
    return [{heads[unit]: item.row, heads["column"]: item.column,
             heads["problem"]: problem_name(lang, item.category), heads["reason"]: item.reason}
            for item in [*result.skipped, *result.warnings]]


def problem_name(lang: str, category: str) -> str:
    """A kind of problem ('missing coordinates') in lang; as it is when the catalogue lacks it."""
    key = "upload.problem_" + category.replace(" ", "_")
    return translate(lang, key) if key in messages("en") else category
