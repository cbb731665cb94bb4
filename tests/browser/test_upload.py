"""The sidebar's tools in a real browser: uploads become layers of their own beside the
catalogue's (hostile ones drawn as text), a pasted notice is compared, range rings are labelled,
and imported points can be coloured by a column."""

from __future__ import annotations

import contextlib
import json
import re
import time
from pathlib import Path

import pytest

from ..conftest import DATA
from .helpers import SIDEBAR, assert_clean, download, explorer, state, tools, tools_open, wait_for, wait_ready

pytestmark = pytest.mark.browser
REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference"
HOSTILE_NAME = '"><img src=x onerror="window.__xss=1">.csv'
UPLOAD_INPUT = f'{SIDEBAR} .st-key-geo_upload input[type="file"]'  # the upload box's, not the orbit tool's
NAMED_LIKE_BUILT_INS = [  # files named as the catalogue's layers are
    {"name": name, "mimeType": mime, "buffer": (DATA / name).read_bytes()}
    for name, mime in (("tracks.csv", "text/csv"), ("sites.geojson", "application/geo+json"),
                       ("events.kml", "application/vnd.google-earth.kml+xml"))]


def _open_sidebar(page) -> None:
    frame = explorer(page)
    frame.get_by_role("button", name="Your data & analysis").click()
    tools(page).locator(UPLOAD_INPUT).wait_for(state="attached", timeout=10_000)
    wait_for(lambda: tools_open(page), what="the sidebar opening")


def _user_layers(page) -> dict[str, int]:
    return dict(explorer(page).evaluate("""() => geoFeatureLayer.layers()
        .filter(l => l.spec.namespace !== "builtin").map(l => [l.name, l.size()])"""))


def _wait_for_layers(page, count: int) -> dict[str, int]:
    return wait_for(lambda: len(_user_layers(page)) >= count and _user_layers(page), 60,
                    what=f"{count} user layer(s) on the map")


def _layer_control(page) -> dict[str, bool]:
    """The map's layers control: each layer's title and whether it is on."""
    return dict(explorer(page).evaluate("""() => Array.from(
        document.querySelectorAll(".geo-layers .geo-layer > label")).map(label =>
        [label.childNodes[1].textContent.trim(), label.querySelector("input").checked])"""))


def test_hostile_uploads_are_drawn_as_text_and_run_no_script(server, page):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server + "/")
    wait_ready(page)
    _open_sidebar(page)
    tools(page).set_input_files(UPLOAD_INPUT, files=[
        {"name": HOSTILE_NAME, "mimeType": "text/csv", "buffer": (DATA / "xss.csv").read_bytes()},
        {"name": "xss.geojson", "mimeType": "application/geo+json",
         "buffer": (DATA / "xss.geojson").read_bytes()},
    ])
    layers = _wait_for_layers(page, 2)
    assert sum(layers.values()) == 5 and all(name.startswith("imported-") for name in layers)
    sidebar = tools(page).locator(SIDEBAR)
    sidebar.get_by_text("3 rows: 3 imported", exact=False).wait_for(timeout=30_000)
    assert "2 features: 2 imported (1 with a warning)" in sidebar.inner_text()
    frame = explorer(page)
    texts = frame.evaluate("""() => {
        const out = [];
        geoFeatureLayer.layers().filter(l => l.spec.namespace === "imported").forEach(l => {
            for (let i = 0; i < l.size(); i++) {
                geoExplorer.choose(l.id(i), "map");
                out.push(document.querySelector(".geo-side").innerText);
            }
        });
        return out;
    }""")
    joined = "\n".join(texts)
    assert "<script>window.__xss=1</script>" in joined  # shown as text…
    assert "javascript:window.__xss=1" in joined
    assert "{{constructor.constructor('window.__xss=1')()}}" in joined  # …and never compiled
    links = frame.evaluate(
        "() => Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))")
    assert not [href for href in links if href.strip().lower().startswith(("javascript", "data"))]
    time.sleep(1)  # give any injected handler (onerror, onload) time to run
    assert page.evaluate("() => window.__xss") is None
    assert frame.evaluate("() => window.__xss") is None
    assert frame.evaluate("() => document.querySelectorAll('.geo-side img, .geo-side script, "
                          ".geo-side svg, .leaflet-popup-content img').length") == 0
    assert dialogs == []
    assert_clean(page, "upload.png")


def test_an_uploaded_layer_is_its_own_and_downloads_as_geojson(server, page):
    page.goto(server + "/")
    wait_ready(page)
    _open_sidebar(page)
    tools(page).set_input_files(UPLOAD_INPUT, files=[
        {"name": "launches_cp1252.csv", "mimeType": "text/csv",
         "buffer": (DATA / "launches_cp1252.csv").read_bytes()}])
    assert _wait_for_layers(page, 1) == {"imported-launches_cp1252": 3}
    assert "6 rows: 3 imported, 3 skipped" in tools(page).locator(SIDEBAR).inner_text()
    saved = download(page, "Imported: launches_cp1252.csv (3)")
    collection = json.loads(Path(saved.path()).read_text(encoding="utf-8"))
    assert sorted(f["properties"]["name"] for f in collection["features"]) == [
        "Pyongyang", "Sohae", "Tonghae"]
    lanes = explorer(page).evaluate("() => geoExplorer.timeline().lanes")
    assert "Imported: launches_cp1252.csv" in lanes  # its dated rows have a lane of their own
    assert page.watch.errors == []


def test_files_named_like_built_in_layers_never_take_their_place(server, page, layers):
    """tracks.csv, sites.geojson and events.kml become layers of their own, beside the catalogue's,
    which keep their names, visibility and downloads."""
    page.goto(server + "/?layers=sites,events,zones")  # the flight paths hidden
    wait_ready(page)
    before = _layer_control(page)
    _open_sidebar(page)
    tools(page).set_input_files(UPLOAD_INPUT, files=NAMED_LIKE_BUILT_INS)
    assert set(_wait_for_layers(page, 3)) == {"imported-tracks", "imported-sites", "imported-events"}
    controls = _layer_control(page)
    for title, checked in before.items():
        assert controls[title] == checked, title
    assert controls["Flight paths (derived)"] is False
    assert controls["Imported: tracks.csv"] and controls["Imported: sites.geojson"]
    assert controls["Imported: events.kml"]
    assert "tracks" not in state(page)["visible"]
    for label, expected in ((f"Sites ({len(layers['sites'])})", sorted(f["id"] for f in layers["sites"])),
                            ("Imported: tracks.csv (2)",
                             ["imported-tracks-0000002", "imported-tracks-0000003"])):
        collection = json.loads(Path(download(page, label).path()).read_text(encoding="utf-8"))
        assert sorted(f["id"] for f in collection["features"]) == expected, label
    assert page.watch.errors == []


def test_a_pasted_notice_is_zoomed_to_and_compared(server, page):
    page.goto(server + "/")
    frame = wait_ready(page)
    _open_sidebar(page)
    tools(page).get_by_role("tab", name="Paste a notice").click()
    area = tools(page).locator(f"{SIDEBAR} textarea[aria-label='Notice text']")  # the Orbits tab has one too
    area.fill("1. 36-04N 124-30E, 36-04N 124-54E, 35-19N 124-54E, 35-19N 124-30E")
    area.press("Control+Enter")
    _wait_for_layers(page, 1)
    side = wait_for(lambda: "Pasted notice, compared" in frame.locator(".geo-side").text_content()
                    and frame.locator(".geo-side").inner_text(), what="the comparison")
    assert "February 2016 first-stage danger area" in side and "1.00" in side
    assert re.search(r"Sohae pad LC1 \(original pad\)\s+440 km\s+180°", side)
    inside = frame.evaluate("""() => {
        const pasted = geoFeatureLayer.byName("pasted-notice");
        return geoExplorer.map().getBounds().contains(pasted.boundsOf([0]));
    }""")
    assert inside  # the map went to the pasted areas


def test_range_rings_carry_their_distances(server, page):
    page.goto(server + "/")
    frame = wait_ready(page)
    _open_sidebar(page)
    tools(page).get_by_role("tab", name="Range rings").click()
    tools(page).get_by_role("combobox", name="Range rings around").click()
    tools(page).get_by_role("option", name="Sohae Satellite Launching Station").click()
    _wait_for_layers(page, 1)
    labels = wait_for(lambda: frame.evaluate(
        "() => Array.from(document.querySelectorAll('.geo-ring-label')).map(e => e.innerText)"),
        what="the ring labels")
    assert sorted(labels) == ["100 km", "1000 km", "500 km"]
    style = frame.evaluate("() => geoFeatureLayer.byName('rings-sohae').packed.styleOf(0)")
    assert style["fill"] is False  # rings never stack into a solid fill


@pytest.mark.skipif(not (REFERENCE / "cns_north_korea_missile_tests.csv").is_file(),
                    reason="the CNS file is in the shared reference folder, beside the project")
def test_the_cns_tests_stack_and_colour_by_a_column(server, page):
    page.goto(server + "/")
    frame = wait_ready(page)
    _open_sidebar(page)
    tools(page).set_input_files(UPLOAD_INPUT, files=[str(REFERENCE / "cns_north_korea_missile_tests.csv")])
    name, count = next(iter(_wait_for_layers(page, 1).items()))
    assert count == 231
    frame.evaluate("() => geoExplorer.map().setView([39.5, 126.5], 6, {animate: false})")
    time.sleep(0.3)
    stacks = frame.evaluate(f"() => geoFeatureLayer.byName('{name}').points._counts.map(c => c[2])")
    assert stacks and max(stacks) >= 10  # many tests on one facility: one point, their count
    column = frame.evaluate(f"""() => geoFeatureLayer.byName('{name}').packed.columns
        .map(c => c.field).find(f => /missile name/i.test(f))""")
    frame.evaluate(f"() => geoExplorer.setColour('{name}', {json.dumps(column)})")
    legend = frame.evaluate(f"""() => Array.from(document.querySelectorAll(
        '.geo-layer[data-layer="{name}"] .geo-legend-rows div')).map(e => e.innerText)""")
    assert len(legend) >= 5 and any("(" in row for row in legend)
    colours = frame.evaluate(f"""() => {{ const l = geoFeatureLayer.byName('{name}');
        return new Set(l.packed.ids.map((_, i) => l.packed.styleOf(i).fillColor)).size; }}""")
    assert colours >= 5


def test_a_numeric_column_with_units_is_coloured_on_a_ramp_not_as_categories(server, page):
    """Issue 22: colouring by `range` ("50 km", "125 km", …) made one category per value."""
    rows = ["name,lat,lon,range,mixed"] + [
        f"p{k},{38 + k / 20:.2f},{125 + k / 20:.2f},{10 * (k + 1)} km,{k} {'km' if k % 2 else 'NM'}"
        for k in range(20)] + ["blank,39.9,126.9,,"]
    page.goto(server + "/")
    frame = wait_ready(page)
    _open_sidebar(page)
    tools(page).set_input_files(UPLOAD_INPUT, files=[
        {"name": "ranges.csv", "mimeType": "text/csv", "buffer": ("\n".join(rows) + "\n").encode()}])
    name = next(iter(_wait_for_layers(page, 1)))

    def legend(field: str) -> list[str]:
        frame.evaluate(f"() => geoExplorer.setColour('{name}', '{field}')")
        return frame.evaluate(f"""() => Array.from(document.querySelectorAll(
            '.geo-layer[data-layer="{name}"] .geo-legend-rows div')).map(e => e.innerText.trim())""")

    ramp = legend("range")
    assert len(ramp) == 6 and ramp[-1] == "(blank) (1)"  # five classes of four, and the blank
    assert ramp[0] == "10 to under 50 km (4)" and ramp[4] == "170–200 km (4)"
    colours = frame.evaluate(f"""() => {{ const l = geoFeatureLayer.byName('{name}');
        return new Set(l.packed.ids.map((_, i) => l.packed.styleOf(i).fillColor)).size; }}""")
    assert colours == 6
    assert len(legend("mixed")) > 6  # km and NM: not one scale, so categories


def _import_workers() -> list[str]:
    """The import jobs' processes running on this machine (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if entry.name.isdigit() and b"geo.importers.worker" in (entry / "cmdline").read_bytes():
                found.append(entry.name)
    return found


def _csv_rows(count: int) -> bytes:
    rows = ["name,lat,lon,date"] + [f"row {k},{38 + (k % 400) / 100:.2f},{125 + (k % 300) / 100:.2f},"
                                    f"2020-01-{1 + k % 28:02d}" for k in range(count)]
    return ("\n".join(rows) + "\n").encode()


def test_a_session_holds_at_most_its_budget_of_files(server, page):
    from geo.importers.limits import MAX_SESSION_UPLOADS

    page.goto(server + "/")
    wait_ready(page)
    _open_sidebar(page)
    files = [{"name": f"f{k:02d}.csv", "mimeType": "text/csv", "buffer": _csv_rows(2 + k)}
             for k in range(MAX_SESSION_UPLOADS + 1)]
    tools(page).set_input_files(UPLOAD_INPUT, files=files)
    sidebar = tools(page).locator(SIDEBAR)
    last = files[-1]["name"]
    sidebar.get_by_text(f"{last} was not imported: at most {MAX_SESSION_UPLOADS} files a session",
                        exact=False).wait_for(timeout=60_000)
    layers = _wait_for_layers(page, MAX_SESSION_UPLOADS)
    assert len(layers) == MAX_SESSION_UPLOADS and f"imported-{last[:-4]}" not in layers


def test_a_long_import_shows_its_progress_and_can_be_cancelled(server, page, tmp_path):
    page.goto(server + "/")
    wait_ready(page)
    _open_sidebar(page)
    big = tmp_path / "big.csv"
    big.write_bytes(_csv_rows(190_000))  # a few seconds of reading
    tools(page).set_input_files(UPLOAD_INPUT, files=[str(big)])
    cancel = tools(page).get_by_role("button", name="Cancel reading big.csv")
    cancel.wait_for(timeout=30_000)
    # The button is drawn before the bar (one script run, two messages): wait for the bar too.
    tools(page).locator(f'{SIDEBAR} [data-testid="stProgress"]').wait_for(timeout=10_000)
    assert tools(page).locator(f'{SIDEBAR} [data-testid="stProgress"]').count() == 1
    cancel.click()
    sidebar = tools(page).locator(SIDEBAR)
    sidebar.get_by_text("big.csv: reading cancelled", exact=False).wait_for(timeout=30_000)
    time.sleep(1)
    assert _user_layers(page) == {}
    assert tools(page).locator(f'{SIDEBAR} [data-testid="stProgress"]').count() == 0
    assert _import_workers() == []  # the job's process is gone
    assert page.watch.errors == []


MARKDOWN_NAME = "**bold** [a link](https:evil.example) ![pic](http:127.0.0.1:9) :red[red].csv"


def test_a_file_name_is_shown_as_text_never_as_markdown(server, page):
    """Issue 27: file names were rendered as Markdown in the side bar's messages (live links,
    and an image that made the offline app ask another host)."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(server + "/")
    wait_ready(page)
    _open_sidebar(page)
    tools(page).set_input_files(UPLOAD_INPUT, files=[
        {"name": MARKDOWN_NAME, "mimeType": "text/csv", "buffer": b"name,colour\nx,blue\n"}])
    sidebar = tools(page).locator(SIDEBAR)
    message = sidebar.locator('[data-testid="stAlert"]').filter(has_text="could not be imported")
    message.wait_for(timeout=60_000)
    assert MARKDOWN_NAME in message.inner_text()
    assert message.locator("a, img, strong, [style*='color']").count() == 0
    assert not [url for url in asked if "evil.example" in url or "127.0.0.1:9" in url]
