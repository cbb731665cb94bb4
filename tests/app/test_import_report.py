"""An import's report in the tools panel: in English word for word what the command line says
(ImportResult.summary, Skipped.as_dict); in Korean, Korean but for the file's own words."""

from __future__ import annotations

import pytest

from geo.app.import_report import problem_name, problem_rows, summary_text
from geo.importers.result import CATEGORIES, ImportResult, Skipped

from ..browser.test_languages import HANGUL, LATIN_WORD


def _result(unit: str, total: int, imported: int, skipped: list[str], warnings: int) -> ImportResult:
    left_out = [Skipped(n + 2, "lat", c, "not a number: 'abc'") for n, c in enumerate(skipped)]
    repaired = [Skipped(n + 2, "geometry", "repaired", "ring closed") for n in range(warnings)]
    return ImportResult("x.csv", "imported-x", unit=unit, total=total, features=[{}] * imported,
                        skipped=left_out, warnings=repaired)


RESULTS = [
    ("row", 1, 1, [], 0),
    ("row", 245, 231, ["missing coordinates"] * 14, 0),
    ("feature", 2, 2, [], 1),
    ("feature", 9, 5, ["bad geometry", "bad geometry", "missing geometry", "wrong geometry type"], 3),
    ("row", 7, 0, [*CATEGORIES, "something new"], 0),  # every category, and one the catalogue lacks
]


@pytest.mark.parametrize("case", RESULTS)
def test_in_english_the_report_is_the_command_line_s(case):
    result = _result(*case)
    assert summary_text(result, "en") == result.summary()
    items = [*result.skipped, *result.warnings]
    assert problem_rows(result, "en") == [item.as_dict(result.unit) for item in items]


@pytest.mark.parametrize("case", RESULTS[:-1])
def test_in_korean_the_report_is_korean_but_the_file_s_words(case):
    result = _result(*case)
    text = summary_text(result, "ko")
    assert HANGUL.search(text) and LATIN_WORD.findall(text) == [], text
    for row in problem_rows(result, "ko"):
        assert all(HANGUL.search(head) for head in row)
        assert HANGUL.search(row["문제"]) and row["이유"] in ("not a number: 'abc'", "ring closed")


def test_every_kind_of_problem_has_its_korean_name():
    for category in [*CATEGORIES, "repaired"]:
        assert HANGUL.search(problem_name("ko", category)), category
    assert problem_name("ko", "something new") == "something new"  # as the reader said it
