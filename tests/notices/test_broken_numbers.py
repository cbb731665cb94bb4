"""Numbers broken by the medium they were pasted through are read right or refused, never moved.

Every digit run of every notice of the corpus (real NOTAMs of the archive, real warnings in
English, Chinese, Japanese and Korean) is cut at every place inside it, in each of the ways a
PDF, a web page, a chat or a fixed-width archive cuts text: a line break, a space, a
zero-width space, a soft hyphen, a hyphen and a line break. Each variant must give the areas of
the unbroken text (within 2 km) or be refused with a message; before this, 438 variants were
drawn elsewhere without a word (`OF 1⏎9-35.85N` at 9°35.85′N, `19-35. 85N` at 85°N,
`5. 4 SEA MILES` as 4 NM).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from shapely.geometry import shape

from geo.errors import NoticeParseError
from geo.notices import parse_notice

DATA = Path(__file__).resolve().parent.parent / "data" / "notices"
WARNINGS = yaml.safe_load((DATA / "warnings.yaml").read_text(encoding="utf-8"))
ARCHIVE = json.loads((DATA / "archive.json").read_text(encoding="utf-8"))
TEXTS = {**{name: item["text"] for name, item in WARNINGS.items()},
         **dict(zip(ARCHIVE["CODE"], ARCHIVE["RAWMESSAGE"], strict=True))}
BREAKS = {"line break": "\n", "space": " ", "zero-width space": "\u200b", "soft hyphen": "\u00ad",
          "hyphen and line break": "-\n"}
RUN = re.compile(r"[0-9][0-9.\-]*[0-9]")
TOLERANCE_DEG = 0.02  # about 2 km


def _areas(text: str) -> list | None:
    try:
        return [shape(item["geometry"]) for item in parse_notice(text)]
    except NoticeParseError:
        return None


def _variants(text: str):
    for run in RUN.finditer(text):
        for cut in range(run.start() + 1, run.end()):
            for kind, inserted in BREAKS.items():
                yield kind, cut, text[:cut] + inserted + text[cut:]


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_a_number_cut_anywhere_is_read_as_written_or_refused(name):
    text = TEXTS[name]
    clean = _areas(text)
    if not clean:
        pytest.skip("refused unbroken: nothing to compare")
    moved, counts = [], {"same": 0, "refused": 0}
    for kind, cut, variant in _variants(text):
        got = _areas(variant)
        if got is None:
            counts["refused"] += 1
        elif len(got) == len(clean) and all(a.hausdorff_distance(b) <= TOLERANCE_DEG
                                            for a, b in zip(got, clean, strict=True)):
            counts["same"] += 1
        else:
            moved.append(f"{kind} in {text[max(0, cut - 12):cut]!r}⏎{text[cut:cut + 12]!r}")
    assert moved == [], moved[:5]
    assert counts["same"] + counts["refused"] > 0


@pytest.mark.parametrize(("text", "token"), [
    ("WITHIN 5.4 SEA MILES RADIUS OF 1\n9-35.85N 110-56.18E.", "1\n9-35.85N"),
    ("WITHIN 5.4 SEA MILES RADIUS OF 19-35. 85N 110-56.18E.", "19-35. 85N"),
    ("WITHIN 5. 4 SEA MILES RADIUS OF 19-35.85N 110-56.18E.", "5. 4"),
    ("AREA BOUNDED BY 28-\n29.06N 122-10E, 28-40N 122-10E, 28-40N 122-40E, 28-29N 122-40E.", None),
])
def test_the_pasted_breaks_of_the_issue_are_refused_or_joined(text, token):
    """The four silently wrong readings of the paste test: refused naming the cut, or (a
    hyphen at a line's end, 28-⏎29.06N) joined, since it cannot be read otherwise."""
    if token is None:
        corners = [c for poly in [shape(item["geometry"]) for item in parse_notice(text)]
                   for c in poly.exterior.coords]
        assert any(lat == pytest.approx(28 + 29.06 / 60, abs=1e-6) for _, lat in corners)
        return
    with pytest.raises(NoticeParseError) as caught:
        parse_notice(text)
    assert caught.value.text[caught.value.start:caught.value.end] == token


def test_invisible_characters_inside_a_number_are_taken_out():
    text = "WITHIN 5.4 SEA MILES RADIUS OF 19\u200b-35.8\u00ad5N 110-56.1\u20608E."
    clean = _areas(text.replace("\u200b", "").replace("\u00ad", "").replace("\u2060", ""))
    got = _areas(text)
    assert got and clean and got[0].equals_exact(clean[0], 1e-9)


@pytest.mark.parametrize(("text", "token"), [
    # A3948/23 of the dev set has N384⏎3E10703 (joined); cut once more, a corner was left out
    ("E) AREA BOUNDED BY:N3829E10749-N3824E10810-N3840E10818-N3905E10713-N384\n3E107\n03,BACK TO START.",
     "N384"),
    # B0297/22 writes 43 49 48 S 172 …; cut after its first digit, it was read as 3°49′48″S
    ("E) AREA BOUNDED BY: 44 30 00 S 172 54 00 E\n4\n3 49 48 S 172 18 00 E\n"
     "44 28 48 S 173 00 00 E", "3 49 48 S"),
    ("E) AREA BOUNDED BY: 44 30 00 S 172 54 00 E\n4-\n3 49 48 S 172 18 00 E\n"
     "44 28 48 S 173 00 00 E", "3 49 48 S"),
])
def test_the_cuts_the_whole_dev_set_found_are_refused(text, token):
    """`bench_notices.py --breaks` on all 422 dev messages found these three ways of moving or
    dropping a corner (12 variants); they are refused, naming the piece."""
    with pytest.raises(NoticeParseError) as caught:
        parse_notice(text)
    assert token in caught.value.text[caught.value.start:caught.value.end]


def test_air_routes_and_measures_beside_positions_are_not_taken_for_pieces():
    text = ("E) AREA BOUNDED BY FLW COORD 091424N0893040E 115244N0885729E 114355N0881420E "
            "090542N0884756E\nATS ROUTES NOT AVBL:\n1.N571 BTN IDASO AND LAGOG\n"
            "ALTN RTE IDASO-DCT-1215N08913E-DCT-AMVUR 2.P574")
    assert len(parse_notice(text)) == 1
    assert len(parse_notice("E) WITHIN 1.5NM OF 36-04N 124-30E.")) == 1
