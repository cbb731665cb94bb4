"""An import's report in the tools panel and on the command line: in English as the command line
always said it (ImportResult.summary, Skipped.as_dict); in Korean, Korean but for the file's own words."""

from __future__ import annotations

import pytest

from geo.app.import_report import problem_name, problem_rows
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
ENGLISH = [  # as the command line has always printed them
    "1 row: 1 imported",
    "245 rows: 231 imported, 14 skipped (14 missing coordinates)",
    "2 features: 2 imported (1 with a warning)",
    "9 features: 5 imported (3 with warnings), 4 skipped (2 bad geometries, 1 missing geometry, "
    "1 wrong geometry type)",
    "7 rows: 0 imported, 11 skipped (1 bad coordinates, 1 bad date, 1 bad geometry, 1 bad time, "
    "1 coordinates out of range, 1 malformed row, 1 missing coordinates, 1 missing date, "
    "1 missing geometry, 1 something new, 1 wrong geometry type)",
]


@pytest.mark.parametrize(("case", "english"), zip(RESULTS, ENGLISH, strict=True))
def test_in_english_the_report_is_the_command_line_s(case, english):
    result = _result(*case)
    assert result.summary() == result.summary("en") == english
    items = [*result.skipped, *result.warnings]
    assert problem_rows(result, "en") == [item.as_dict(result.unit) for item in items]


@pytest.mark.parametrize("case", RESULTS[:-1])
def test_in_korean_the_report_is_korean_but_the_file_s_words(case):
    result = _result(*case)
    text = result.summary("ko")
    assert HANGUL.search(text) and LATIN_WORD.findall(text) == [], text
    for row in problem_rows(result, "ko"):
        assert all(HANGUL.search(head) for head in row)
        assert HANGUL.search(row["문제"]) and row["이유"] in ("not a number: 'abc'", "ring closed")


def test_every_kind_of_problem_has_its_korean_name():
    for category in [*CATEGORIES, "repaired"]:
        assert HANGUL.search(problem_name("ko", category)), category
    assert problem_name("ko", "something new") == "something new"  # as the reader said it
