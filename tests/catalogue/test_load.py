"""Bad seed files: every problem is reported with its file, record and field; nothing is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.build import build
from geo.catalogue import load_catalogue
from geo.cli import main
from geo.errors import DataError

from ..conftest import SEEDS


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def _edit(seeds: Path, file_name: str, old: str, new: str) -> None:
    path = seeds / file_name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {file_name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BAD = [
    # (file, old text, new text, expected fragments of one problem)
    ("sites.yaml", "  lat: 39.6601\n", "  lat: 139.6601\n",
     ["seeds/sites.yaml", "id 'sohae-lc1'", "field 'lat'", "between -90 and 90"]),
    ("sites.yaml", "  lon: 124.7363\n", "  lon: east\n",
     ["id 'sohae-lc2'", "field 'lon'", "must be a number"]),
    ("sites.yaml", "  timezone: Asia/Yakutsk\n", "  timezone: Asia/Nowhere\n",
     ["id 'vostochny'", "field 'timezone'", "not a known time zone"]),
    ("sites.yaml", "    - gcat-orgs\n", "    - no-such-source\n",
     ["id 'pyongyang'", "field 'sources'", "unknown source 'no-such-source'"]),
    ("sites.yaml", "  kind: city\n", "  kind: town\n",
     ["id 'pyongyang'", "field 'kind'", "must be one of"]),
    ("sites.yaml", "  country: KP\n", "  contry: KP\n",
     ["id 'sohae'", "field 'contry'", "unknown field"]),
    ("sites.yaml", "  name: Pyongyang\n", "  name: \"Pyong\\x07yang\"\n",
     ["id 'pyongyang'", "field 'name'", "control character"]),
    ("events.yaml", '  time_utc: "2023-11-21T13:42:28Z"\n', '  time_utc: "2023-11-31T13:42:28Z"\n',
     ["id '2023-11-21-malligyong-1'", "field 'time_utc'", "not a real date"]),
    ("events.yaml", '  time_utc: "2009-04-05T02:30:15Z"\n', '  time_utc: "5 April 2009"\n',
     ["id '2009-04-05-kwangmyongsong-2'", "field 'time_utc'", "YYYY-MM-DDTHH:MM:SSZ"]),
    ("events.yaml", '  time_local: "2016-02-07T09:00"\n', '  time_local: "2016-02-07T09:30"\n',
     ["id '2016-02-07-kwangmyongsong-4'", "field 'time_local'", "expected '2016-02-07T09:00'"]),
    ("events.yaml", "  site: tonghae\n", "  site: atlantis\n",
     ["id '1998-08-31-kwangmyongsong-1'", "field 'site'", "unknown site 'atlantis'"]),
    ("events.yaml", "  outcome: success\n", "  outcome: n/a\n",
     ["id '2012-12-12-kwangmyongsong-3-unit-2'", "field 'outcome'", "success or a failure"]),
    ("events.yaml", "  summary: >-\n    First North Korean", "  summary_: >-\n    First North Korean",
     ["id '1998-08-31-kwangmyongsong-1'", "field 'summary'", "is required"]),
    ("zones.yaml", "36°04′N 124°30′E; 36°04′N 124°54′E", "36°04′N 124°30′E; 36°04′X 124°54′E",
     ["id '2016-02-first-stage'", "field 'raw_text'", "cannot read the corners"]),
    ("zones.yaml", '  valid_to: "2016-02-14"\n', '  valid_to: "2016-02-01"\n',
     ["id '2016-02-first-stage'", "field 'valid_to'", "before valid_from"]),
    ("zones.yaml", "    from: seoul\n", "    from: atlantis\n",
     ["id '2012-04-13-first-stage-debris'", "field 'geometry'", "no anchor or site"]),
    ("zones.yaml", "  geometry_method: reported\n", "  geometry_method: guessed\n",
     ["id '2009-04-first-stage'", "field 'geometry_method'", "must be one of"]),
    ("events.yaml", "    ko: 광명성-1호 발사 (백두산-1호)\n", "    fr: Lancement de Kwangmyongsong-1\n",
     ["id '1998-08-31-kwangmyongsong-1'", "field 'names'", "language 'fr' is not one of"]),
    ("events.yaml", "    en: Kwangmyongsong-1 launch (Paektusan-1)\n", "",
     ["id '1998-08-31-kwangmyongsong-1'", "field 'names'", "at least 'en'"]),
    ("events.yaml", "  version_of: 2009-04-05-kwangmyongsong-2\n",
     "  version_of: 2009-04-06-nothing\n",
     ["id '2009-04-05-kwangmyongsong-2-kcna-time'", "field 'version_of'", "names no other record"]),
    ("events.yaml", "  version_of: 2023-05-30-malligyong-1\n  sources:\n    - kbs-2023-05-31\n",
     "  version_of: 2023-05-30-malligyong-1-japan-time\n  sources:\n    - kbs-2023-05-31\n",
     ["id '2023-05-30-malligyong-1-jcs-time'", "field 'version_of'", "is itself a version"]),
    ("zones.yaml", "  version_of: 2009-04-first-stage\n", "  version_of: 2016-02-first-stage\n",
     ["id '2009-04-first-stage-tongilnews'", "field 'version_of'", "zone of the same event"]),
    ("zones.yaml", "    radius_km: 15\n  note: >-\n    The circle holds both",
     "    radius_km: 0.5\n    points: []\n  note: >-\n    The circle holds both",
     ["id '2012-12-first-stage-salvage'", "field 'geometry'", "unknown key"]),
    ("zones.yaml", "      - {from: gunsan, azimuth_deg: 270, distance_km: 150}\n"
     "      - {from: gunsan, azimuth_deg: 270, distance_km: 100}\n",
     "      - {from: gunsan, azimuth_deg: 270, distance_km: 100}\n"
     "      - {from: gunsan, azimuth_deg: 270, distance_km: 150}\n",
     ["id '2012-04-13-mnd-fall-area'", "field 'geometry'", "simple polygon"]),
    ("sources.yaml", "  secondary: true\n", "  secondary: yes please\n",
     ["seeds/sources.yaml", "field 'secondary'", "true or false"]),
    ("zones.yaml", "  event_id: 2016-02-07-kwangmyongsong-4\n", "  event_id: 2016-02-08-nothing\n",
     ["id '2016-02-first-stage'", "field 'event_id'", "unknown event"]),
    ("sources.yaml", "  url: https://", "  url: javascript:alert(1)//",
     ["seeds/sources.yaml", "field 'url'", "http:// or https:// URL"]),
    ("sources.yaml", "  title: KCNA Report\n", "  title: KCNA report (headline not seen)\n",
     ["id 'kcna-2023-05-31'", "field 'title'", "placeholder", "headline_seen: false"]),
    ("sources.yaml", "  headline_seen: false\n", "  headline_seen: never\n",
     ["seeds/sources.yaml", "field 'headline_seen'", "true or false"]),
    ("events.yaml", "    cospar_id: 2012-072A\n", "    cospar_id: 2012-72A\n",
     ["id '2012-12-12-kwangmyongsong-3-unit-2'", "field 'satellite'", "COSPAR id"]),
    ("events.yaml", "    perigee_km: 499.7\n", "    perigee_km: 599.7\n",
     ["id '2012-12-12-kwangmyongsong-3-unit-2'", "field 'satellite'", "above apogee_km"]),
    ("events.yaml", "      decay_date: [newspim-2023-07-04-kms4]\n", "",
     ["id '2016-02-07-kwangmyongsong-4'", "field 'satellite'", "decay_date has no source"]),
    ("events.yaml", "      norad_id: [diver-osint-ctf-2024-satellite]\n",
     "      norad_id: [kcna-2023-05-31]\n",
     ["id '2023-11-21-malligyong-1'", "field 'satellite'", "'kcna-2023-05-31' is not among"]),
    ("events.yaml", "      cospar_id: [spacereview-4753]\n", "      cospar: [spacereview-4753]\n",
     ["id '2023-11-21-malligyong-1'", "field 'satellite'", "'cospar' is not one of"]),
    ("zones.yaml", "- id: 2016-02-fairing\n", "- id: 2016-02-first-stage\n",
     ["id '2016-02-first-stage'", "field 'id'", "duplicates the id"]),
]


@pytest.mark.parametrize(("file_name", "old", "new", "expected"), BAD,
                         ids=[f"{b[0]}:{b[3][-1]}" for b in BAD])
def test_bad_seed_is_reported_with_its_place(seeds, file_name, old, new, expected):
    _edit(seeds, file_name, old, new)
    with pytest.raises(DataError) as info:
        load_catalogue(seeds)
    messages = [str(problem) for problem in info.value.problems]
    assert any(all(part in message for part in expected) for message in messages), messages


def test_every_problem_is_reported_at_once(seeds, capsys):
    _edit(seeds, "sites.yaml", "  lat: 39.6601\n", "  lat: 139.6601\n")
    _edit(seeds, "events.yaml", "  site: tonghae\n", "  site: atlantis\n")
    assert main(["--seeds", str(seeds), "validate"]) == 1
    err = capsys.readouterr().err
    assert "field 'lat'" in err and "unknown site 'atlantis'" in err
    assert "2 problem(s); nothing was written" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("- id: [unclosed\n", "not valid YAML"),
        ("id: sohae\n", "must be a YAML list"),
        ("- just a string\n", "must be a mapping"),
        (b"\xff\xfe- id: x\n", "not UTF-8"),
    ],
)
def test_malformed_file_is_named(seeds, content, expected):
    path = seeds / "sites.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_catalogue(seeds)
    assert any("seeds/sites.yaml" in str(p) and expected in str(p) for p in info.value.problems)


def test_missing_file_is_named(seeds):
    (seeds / "zones.yaml").unlink()
    with pytest.raises(DataError, match="seeds/zones.yaml: file is missing"):
        load_catalogue(seeds)


def test_bad_seeds_leave_old_layers_untouched(seeds, tmp_path):
    out = tmp_path / "layers"
    build(out, seeds)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    _edit(seeds, "zones.yaml", "36°04′N 124°30′E;", "36°04′N 999°30′E;")
    assert main(["--seeds", str(seeds), "build", "--out", str(out)]) == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
