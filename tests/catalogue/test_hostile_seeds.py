"""Hostile seed files: refused by name, quickly, never expanded, crashed on or read as something else."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo.catalogue import load_catalogue
from geo.errors import DataError

from ..conftest import ROOT, SEEDS

SITE = """
- id: hostile-site
  name: Hostile site
  kind: city
  country: KP
  names:
    en: Hostile site
  lat: {lat}
  lon: 125.0
  precision_m: 1000
  timezone: Asia/Pyongyang
  description: A site written to test the loader.
  sources:
    - {source}
"""


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def _first_source(seeds: Path) -> str:
    for line in (seeds / "sources.yaml").read_text(encoding="utf-8").splitlines():
        if line.startswith("- id: "):
            return line[len("- id: "):].strip()
    raise AssertionError("sources.yaml has no record")


def _append_site(seeds: Path, text: str) -> None:
    with (seeds / "sites.yaml").open("a", encoding="utf-8") as handle:
        handle.write(text)


def _problems(seeds: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_catalogue(seeds)
    return [str(problem) for problem in info.value.problems]


def test_the_template_itself_is_valid(seeds):
    _append_site(seeds, SITE.format(lat="39.0", source=_first_source(seeds)))
    load_catalogue(seeds)


BILLION_LAUGHS = """
- id: laughs
  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
  i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
  lat: *i
"""


def test_aliases_are_refused_before_anything_expands(seeds):
    _append_site(seeds, BILLION_LAUGHS)
    started = time.monotonic()
    problems = _problems(seeds)
    assert time.monotonic() - started < 5
    assert any("seeds/sites.yaml" in p and "aliases" in p and "line" in p for p in problems), problems
    assert all(len(p) < 400 for p in problems)


def test_a_key_written_twice_is_refused(seeds):
    text = SITE.format(lat="39.0", source=_first_source(seeds)).replace("  lon: 125.0\n",
                                                                        "  lon: 125.0\n  lon: 126.0\n")
    _append_site(seeds, text)
    assert any("'lon' appears twice" in p for p in _problems(seeds))


@pytest.mark.parametrize(
    ("lat", "expected"),
    [
        ("1:30", "must be a number (got '1:30')"),  # YAML 1.1 base 60 would read 90
        ("yes", "must be a number (got 'yes')"),  # YAML 1.1 would read true
        (".nan", "must be a number (got '.nan')"),
        ("0x1F", "must be a number (got '0x1F')"),
        ("1_0", "must be a number (got '1_0')"),
        ("٣٩.٠", "must be a number"),  # Arabic-Indic digits are no number here
        ("３９.０", "must be a number"),  # nor full-width ones
        ("1" * 200, "between -90 and 90 (got an integer of about 200 digits)"),
        ("1" * 310, "must be a number"),  # past float's range: read as the text it is
        ("1" * 5000, "must be a number"),  # too long to be read as a number at all
    ],
    ids=["base-60", "yes", "nan", "hex", "underscore", "arabic-indic", "full-width", "200-digits",
         "310-digits", "5000-digits"],
)
def test_numbers_are_plain_ascii_yaml_12(seeds, lat, expected):
    _append_site(seeds, SITE.format(lat=lat, source=_first_source(seeds)))
    problems = _problems(seeds)
    assert any("id 'hostile-site'" in p and "field 'lat'" in p and expected in p for p in problems), problems


def test_a_time_in_other_digits_is_refused(seeds):
    path = seeds / "events.yaml"
    text = path.read_text(encoding="utf-8")
    old = 'time_utc: "1998-08-31T03:07Z"'
    assert old in text
    path.write_text(text.replace(old, 'time_utc: "١٩٩٨-08-31T03:07Z"', 1), encoding="utf-8")
    assert any("field 'time_utc'" in p and "YYYY-MM-DDTHH:MMZ" in p for p in _problems(seeds))


def test_an_unclosed_ipv6_url_is_named(seeds):
    path = seeds / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    first_url = next(line for line in text.splitlines() if line.strip().startswith("url: "))
    path.write_text(text.replace(first_url, first_url.split("url: ")[0] + 'url: "http://[::1"', 1),
                    encoding="utf-8")
    assert any("field 'url'" in p and "not a valid URL" in p for p in _problems(seeds))


def test_deep_nesting_is_refused_not_crashed_on(seeds):
    _append_site(seeds, "- id: deep\n  lat: " + "[" * 100_000 + "]" * 100_000 + "\n")
    run = subprocess.run([sys.executable, "-m", "geo", "--seeds", str(seeds), "validate"],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert run.returncode == 1, run.stderr[-500:]
    assert "nested more than" in run.stderr and "Traceback" not in run.stderr
