"""geo figure: the file the suffix names, the list of sources beside it, one-line errors."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from geo.cli import main

EVENT = "2024-05-27-malligyong-1-1"


def test_svg_with_its_list_of_sources(tmp_path, capsys):
    out = tmp_path / "fig.svg"
    assert main(["figure", "--event", EVENT, "-o", str(out)]) == 0
    root = ET.parse(out).getroot()
    assert any("".join(t.itertext()) == "Malligyong-1-1 launch (new-type carrier rocket)"
               for t in root.iter("{http://www.w3.org/2000/svg}text"))
    side = tmp_path / "fig.sources.txt"
    assert "KCNA Report on Accident in Launch of Military Reconnaissance Satellite" in side.read_text()
    printed = capsys.readouterr().out
    assert f"wrote {out} (svg, page landscape" in printed and "fig.sources.txt" in printed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fig.sources.txt", "fig.svg"]  # no temp left


def test_png_options(tmp_path, capsys):
    out = tmp_path / "fig.png"
    assert main(["figure", "--event", EVENT, "--size", "square", "--lang", "ko", "--width", "1080",
                 "--title", "만리경-1-1호 발사 실패", "-o", str(out)]) == 0
    image = Image.open(out)
    assert image.size == (1080, 1080)
    assert image.info["Title"] == "만리경-1-1호 발사 실패"


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "fig.jpg"], "give a file ending in .svg, .pdf or .png"),
    (["--dpi", "300", "-o", "fig.svg"], "--dpi and --width are for a .png"),
    (["--event", "nope", "-o", "fig.png"], "no event 'nope'"),
    (["--width", "10", "-o", "fig.png"], "width 10 px"),
    (["--width", "800", "--dpi", "100", "-o", "fig.png"], "not both"),
])
def test_bad_input_is_one_line_and_writes_nothing(tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    assert main(["figure", *args]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [["--bbox", "1,2,3"], ["--from", "27 May"], ["--size", "poster"]])
def test_bad_arguments_end_in_usage_line(tmp_path, capsys, args):
    with pytest.raises(SystemExit) as exit_:
        main(["figure", *args, "-o", str(tmp_path / "f.png")])
    assert exit_.value.code == 2
    assert "geo figure: error:" in capsys.readouterr().err
