"""Download → Figure in a real browser: the figure of the current view holds the view's features;
and the page itself prints with its title, legend and sources, without its controls."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest

from geo.layers.files import read_layers
from geo.layers.focus import focus_set

from ..conftest import LAYERS
from .conftest import ARTIFACTS
from .helpers import assert_clean, download, explorer, shown_ids, wait_ready

pytestmark = pytest.mark.browser
LAUNCH_2024 = "2024-05-27-malligyong-1-1"
SVG = "{http://www.w3.org/2000/svg}"


def test_a_figure_of_the_current_view_holds_its_features(server, page, tmp_path):
    page.goto(server + "/?event=" + LAUNCH_2024)
    frame = wait_ready(page)
    shown = set(shown_ids(page))
    got = download(page, "SVG (editable text and layers)")
    assert got.suggested_filename == f"nk-launches-figure-{LAUNCH_2024}.svg"
    path = tmp_path / got.suggested_filename
    got.save_as(path)
    root = ET.parse(path).getroot()
    drawn = {g.get("id")[len("layer-"):]: {c.get("id") for c in g if c.tag == f"{SVG}g"}
             for g in root.iter(f"{SVG}g") if str(g.get("id", "")).startswith("layer-")}
    focus = {f["id"] for features in focus_set(read_layers(LAYERS), LAUNCH_2024).values() for f in features}
    ids = set().union(*(v for k, v in drawn.items() if not k.startswith(("basemap", "places"))))
    assert {LAUNCH_2024, "sohae-lc2", "2024-05-27-fragments"} <= ids <= focus & shown
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "Malligyong-1-1 launch (new-type carrier rocket)" in texts
    # the link carries the map's bounds, so the figure frames what the user sees
    href = frame.locator('a[data-figure="png"]').get_attribute("href")
    query = parse_qs(urlsplit(href).query)
    west, south, east, north = (float(v) for v in query["bbox"][0].split(","))
    bounds = frame.evaluate("() => geoExplorer.map().getBounds().toBBoxString()").split(",")
    assert west == pytest.approx(float(bounds[0]), abs=1e-3)
    assert north == pytest.approx(float(bounds[3]), abs=1e-3)
    assert query["event"] == [LAUNCH_2024] and query["size"] == ["page"]
    frame.get_by_role("button", name="Download ▾").click()  # the download closed the menu
    frame.locator("select[name=geo-figure-lang]").select_option("ko")
    assert "lang=ko" in frame.locator('a[data-figure="pdf"]').get_attribute("href")
    assert_clean(page, "figure-download.png")


def test_a_korean_png_figure_downloads(server, page, tmp_path):
    page.goto(server + "/?event=" + LAUNCH_2024)
    frame = wait_ready(page)
    frame.get_by_role("button", name="Download ▾").click()
    frame.locator("select[name=geo-figure-size]").select_option("square")
    frame.locator("select[name=geo-figure-lang]").select_option("ko")
    with page.expect_download(timeout=60_000) as info:
        frame.get_by_role("link", name="PNG 300 DPI (an image, for print)").click()
    path = tmp_path / "fig.png"
    info.value.save_as(path)
    from PIL import Image

    image = Image.open(path)
    assert image.size == (1417, 1417) and "발사" in image.info["Title"]
    assert explorer(page) is not None


def _display(frame, selector: str) -> str:
    return frame.evaluate(f"() => {{ const e = document.querySelector('{selector}');"
                          " return e ? getComputedStyle(e).display : 'missing'; }")


def test_the_page_prints_title_legend_and_sources_without_its_controls(server, page, tmp_path):
    import io

    import pypdf

    page.goto(server + "/?event=" + LAUNCH_2024)
    frame = wait_ready(page)
    page.emulate_media(media="print")
    frame.wait_for_function("() => document.querySelector('.geo-all-sources').open")
    for shown in (".geo-title", ".geo-dates", ".geo-layers-body", ".geo-side", ".geo-all-sources li"):
        assert _display(frame, shown) not in ("none", "missing"), shown
    for hidden in (".leaflet-control-zoom", ".geo-time", ".geo-menu", ".geo-event", ".geo-search",
                   ".leaflet-control-measure", ".geo-layers-head"):
        assert _display(frame, hidden) in ("none", "missing"), hidden
    assert _display(page, ".geo-tools") in ("none", "missing")  # nor the app's tools panel
    # nothing cut: the map Leaflet draws is the map the paper has
    sizes = frame.evaluate("""() => ({map: geoExplorer.map().getContainer().clientWidth,
        leaflet: geoExplorer.map().getSize().x})""")
    assert sizes["leaflet"] == pytest.approx(sizes["map"], abs=2)
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    first = pdf.pages[0].extract_text()
    assert "North Korea" in first and "launch: failure" in first and "danger area" in first
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "Sources of what is shown" in text and "KCNA Report on Accident in Launch" in text
    (ARTIFACTS / "explorer-printed.pdf").write_bytes(page.pdf(format="A4"))
    lengths = [len(p.extract_text().strip()) for p in pdf.pages]
    assert all(lengths), lengths  # no empty page
    page.emulate_media(media="screen")  # and back: the controls as they were
    assert _display(frame, ".leaflet-control-zoom") != "none"
    assert_clean(page, "explorer-printed-back.png")
