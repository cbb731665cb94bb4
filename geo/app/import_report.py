"""An import's report in the page's language: the summary line and the table of the rows left
out or repaired (geo.importers.result says them in English, for the command line).

What the rows themselves say (a reason, a column's name, the file's name) is the file's and the
reader's, and stays as written.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..i18n.catalogue import messages, plural, translate
from ..importers.result import ImportResult

UNITS = ("row", "feature")
"""The units an import counts in: rows of a table, features of a vector file."""


def summary_text(result: ImportResult, lang: str) -> str:
    """'245 rows: 231 imported, 14 skipped (14 missing coordinates)', in lang (in English, as
    ImportResult.summary() says it)."""
    unit = result.unit if result.unit in UNITS else "row"
    text = plural(lang, f"upload.summary_{unit}s", result.total, imported=len(result.features))
    if result.warnings:
        text += " " + plural(lang, "upload.summary_warnings", len(result.warnings))
    if result.skipped:
        counts = Counter(item.category for item in result.skipped)
        reasons = [_count(lang, category, n)
                   for category, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        text += ", " + translate(lang, "upload.summary_skipped", count=len(result.skipped),
                                 reasons=", ".join(reasons))
    return text


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


def _count(lang: str, category: str, count: int) -> str:
    key = "upload.count_" + category.replace(" ", "_")
    return plural(lang, key, count) if key in messages("en") else f"{count} {category}"
