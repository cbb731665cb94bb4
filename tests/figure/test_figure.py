"""geo.figure: what each file holds (SVG text and groups, PDF pages and fonts, PNG size and DPI),
and that the features drawn are those of the view (the map's rules for an event and dates)."""

from __future__ import annotations

import io
import socket
import xml.etree.ElementTree as ET
from datetime import date

import pypdf
import pytest
from PIL import Image

from geo.errors import GeoError
from geo.figure import words
from geo.figure.render import make_figure
from geo.figure.selection import select
from geo.figure.view import MM, FigureView, parse_bbox
from geo.layers import registry
from geo.layers.focus import focus_set

EVENT = "2024-05-27-malligyong-1-1"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def svg(layers):
    return make_figure(layers, FigureView(event=EVENT), "svg", "fig.sources.txt")


def _texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_the_svg_holds_title_legend_and_sources_as_text(svg):
    root = ET.fromstring(svg.data)
    texts = _texts(root)
    assert "Malligyong-1-1 launch (new-type carrier rocket)" in texts
    assert "27 May 2024 (UTC)" in texts
    assert {"danger area", "debris area", "digitised geometry", "launch: failure"} <= set(texts)
    assert any(t.startswith("Sources: ") and "Financial News" in t for t in texts)
    assert any(t.startswith("Data: North Korea launch map") and "Natural Earth" in t for t in texts)
    assert any("km" in t for t in texts)  # the scale bar
    assert svg.shortened and any("full list: fig.sources.txt" in t for t in texts)
    assert "kcna-2024-05-27" not in svg.sources_text and "KCNA Report on Accident" in svg.sources_text


def test_each_layer_is_a_group_holding_the_features_of_the_view(svg, layers):
    root = ET.fromstring(svg.data)
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g") if str(g.get("id", "")).startswith("layer-")}
    focus = focus_set(layers, EVENT)
    for name in ("zones", "tracks", "sites", "events"):
        ids = {g.get("id") for g in groups[f"layer-{name}"] if g.tag == f"{SVG}g"}
        in_frame = set(svg.feature_ids[name])
        assert ids == in_frame
        assert in_frame <= {f["id"] for f in focus[name]}
    assert set(svg.feature_ids["zones"]) == {"2024-05-27-fragments", "2024-05-fairing", "2024-05-first-stage"}
    assert "layer-footprints" not in groups  # off by default, as on the map
    # the far second-stage area is not drawn, but said in words
    assert any("second stage danger area" in t and "km" in t for t in _texts(root))


def test_the_projection_is_named_in_the_metadata(svg):
    root = ET.fromstring(svg.data)
    meta = ET.tostring(root.find(f"{SVG}metadata"), encoding="unicode")
    assert "Lambert conformal conic" in meta and "+proj=lcc" in meta


def test_pdf_is_one_page_of_the_size_with_its_fonts_embedded(layers):
    made = make_figure(layers, FigureView(event=EVENT, size="column", orientation="portrait"), "pdf")
    reader = pypdf.PdfReader(io.BytesIO(made.data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(89 * MM * 72, abs=0.5)
    assert float(box.height) == pytest.approx(125 * MM * 72, abs=0.5)
    fonts = [f.get_object() for f in reader.pages[0]["/Resources"]["/Font"].values()]
    assert fonts and all("NotoSansKR" in str(f["/BaseFont"]) for f in fonts)
    for font in fonts:
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor  # TrueType, embedded
    assert "Lambert conformal conic" in reader.metadata["/Subject"]
    assert "Malligyong-1-1" in reader.pages[0].extract_text()


def test_png_at_a_width_or_a_dpi(layers):
    wide = Image.open(io.BytesIO(make_figure(layers, FigureView(event=EVENT, size="slide", width_px=1920),
                                             "png").data))
    assert wide.size == (1920, 1080)
    printed = Image.open(io.BytesIO(make_figure(layers, FigureView(event=EVENT, size="square"), "png").data))
    assert printed.size == (1417, 1417)  # 120 mm at 300 DPI
    assert printed.info["dpi"] == pytest.approx((300, 300), abs=0.01)
    assert "Lambert conformal conic" in printed.info["Projection"]


def test_a_korean_figure_has_hangul_text_in_the_bundled_font(layers):
    made = make_figure(layers, FigureView(event=EVENT, lang="ko"), "svg")
    texts = _texts(ET.fromstring(made.data))
    assert "Malligyong-1-1 발사 (실패)" in texts
    assert "2024년 5월 27일 (협정세계시)" in texts
    assert {"위험 구역", "잔해 낙하 구역"} <= set(texts)
    assert {"서울", "평양"} <= set(texts)  # the catalogue's Korean names of its cities
    assert "Noto Sans KR" in made.data.decode("utf-8")
    pdf = pypdf.PdfReader(io.BytesIO(make_figure(layers, FigureView(event=EVENT, lang="ko"), "pdf").data))
    assert "발사" in pdf.pages[0].extract_text()


def test_the_subtitle_is_the_range_of_the_view(layers):
    made = make_figure(layers, FigureView(start=date(2012, 12, 1), end=date(2012, 12, 31),
                                          layers=("events", "zones"), bbox=(115.0, 25.0, 135.0, 45.0)), "svg")
    assert "1 December 2012 – 31 December 2012 (UTC)" in _texts(ET.fromstring(made.data))


def test_dates_and_layers_choose_as_the_map_does(layers):
    chosen = select(layers, FigureView(start=date(2012, 12, 1), end=date(2012, 12, 31),
                                       layers=("events", "zones"), bbox=(115.0, 10.0, 135.0, 45.0)))
    assert set(chosen.layers) == {"events", "zones"}
    assert chosen.layers["events"] and all(f["properties"]["date"].startswith("2012-12")
                                           for f in chosen.layers["events"])
    kept = {f["id"] for f in chosen.layers["events"]}
    assert all(z["properties"]["event_id"] in kept for z in chosen.layers["zones"])


@pytest.mark.parametrize(("view", "message"), [
    ({"event": "no-such-event"}, "no event 'no-such-event'"),
    ({"event": EVENT, "start": date(2020, 1, 1), "end": date(2020, 12, 31)}, "outside the dates"),
    ({"layers": ("nope",)}, "no layer 'nope'"),
    ({"bbox": (10.0, 0.0, 11.0, 1.0)}, "nothing of the view is inside the frame"),
])
def test_bad_views_are_named(layers, view, message):
    with pytest.raises(GeoError, match=message):
        select(layers, FigureView(**view))


@pytest.mark.parametrize("text", ["1,2,3", "a,b,c,d", "130,30,120,40", "0,0,170,10"])
def test_bad_bbox_is_refused(text):
    with pytest.raises(GeoError, match="bbox"):
        parse_bbox(text)


def test_nothing_is_fetched_while_drawing(layers, monkeypatch, tmp_path):
    import cartopy
    import cartopy.io

    monkeypatch.setitem(cartopy.config, "data_dir", str(tmp_path))
    monkeypatch.setitem(cartopy.config, "pre_existing_data_dir", str(tmp_path))

    def refuse(*args, **kwargs):
        raise AssertionError(f"a download was tried: {args[:2]}")

    monkeypatch.setattr(cartopy.io.Downloader, "acquire_resource", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    for fmt in ("svg", "png"):
        assert make_figure(layers, FigureView(event=EVENT, size="column"), fmt).data
    assert list(tmp_path.iterdir()) == []


def test_every_word_has_both_languages_and_every_legend_label_korean():
    assert words.TEXTS["en"].keys() == words.TEXTS["ko"].keys()
    labels = {row.label for spec in registry.BUILTIN for row in spec.legend}
    labels |= {spec.title for spec in registry.BUILTIN}
    assert labels - words.KO_LABELS.keys() == set()
