"""seeds/model.yaml: each problem named with its file, record and field; nothing is built."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.build import render_layers
from geo.catalogue import load_catalogue
from geo.cli import main
from geo.errors import DataError

from ..conftest import SEEDS


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


BAD = [
    ("      breakup_s: [130, 140]\n", "      breakup_s: [140, 130]\n",
     ["seeds/model.yaml", "id '2012-04-12-kwangmyongsong-3'", "field 'versions'", "low end"]),
    ("      fell_in: 2023-05-31-salvage-area\n", "      fell_in: 2012-04-13-first-stage-debris\n",
     ["id '2023-05-30-malligyong-1'", "field 'versions'", "same launch"]),
    ("  fell_in: 2023-05-31-salvage-area\n", "  fell_in: 2012-04-13-first-stage-debris\n",
     ["id '2023-05-30-malligyong-1'", "field 'fell_in'", "same launch"]),
    ("- id: 2023-08-23-malligyong-1\n", "- id: 2023-11-21-malligyong-1\n",
     ["field 'id'", "failed launch"]),
    ("  thrust_to_weight: [1.15, 1.8]\n", "",
     ["id '2024-05-27-malligyong-1-1'", "field 'thrust_to_weight'", "required to fly"]),
    ("        - kbs-2024-05-28-nll\n", "        - no-such-source\n",
     ["field 'sources'", "unknown source"]),
    ("  vertical_s: [8, 14]\n", "  vertical_s: eight\n", ["field 'vertical_s'", "range [low, high]"]),
    ("      breakup_at_burnout: true\n", "",
     ["id '2023-05-30-malligyong-1'", "field 'versions'", "breakup_s or breakup_at_burnout"]),
    ("    - id: us\n", "    - id: mnd\n", ["field 'versions'", "same id"]),
    ("    - id: mbc\n      label: MBC (South Korean government)\n",
     "    - id: mbc\n      labl: MBC (South Korean government)\n",
     ["field 'versions'", "unknown key 'labl'"]),
]


@pytest.mark.parametrize(("old", "new", "fragments"), BAD)
def test_a_bad_model_file_is_named_in_one_line(seeds, capsys, old, new, fragments):
    path = seeds / "model.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_catalogue(seeds)
    assert any(all(f in str(p) for f in fragments) for p in info.value.problems), info.value.problems
    assert main(["--seeds", str(seeds), "build", "--out", str(seeds.parent / "out")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and all("\n" not in str(p) for p in info.value.problems)
    assert not (seeds.parent / "out").exists()


def test_no_model_file_no_footprints(seeds):
    (seeds / "model.yaml").unlink()
    texts = render_layers(seeds)
    assert '"Feature"' not in texts["footprints.geojson"]
    assert '"Feature"' not in texts["scenarios.geojson"]
    assert texts["tracks.geojson"].count('"Feature"') == 8  # seven from Sohae, 2009 from Tonghae
