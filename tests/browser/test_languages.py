"""Issue 23: the explorer in Korean and in English. With ?lang=ko no word of the interface is
English, and in English none is Korean, on every view a user opens: the first screen (top bar,
legend), a chosen event (card, side panel), the search, the download menu, and the pasted
notice and an import in the app.

What may be in the other language is the record's own words: names, summaries, notice texts,
sources. The page marks them, as HTML does, with translate="no" (data, not interface) or with
a lang attribute of another language (a name shown in English for want of a Korean one); in a
popup, rendered from its spec as rows of label and value, the values are the record's. The
walk skips those and nothing else. Canvas text (the timeline's lanes) is checked through the
catalogue (tests/i18n)."""

from __future__ import annotations

import json
import re
import time

import pytest

from ..conftest import DATA, LAYERS
from .helpers import SIDEBAR, tools, wait_for, wait_ready

pytestmark = pytest.mark.browser

# Visible text, tooltips, placeholders and labels of the interface: every text node and
# attribute of a visible element that is neither data (translate="no") nor declared to be in
# another language than the page's (lang="...").
INTERFACE_TEXT = """() => {
    const page = document.documentElement.lang;
    const data = el => !!el.closest('[translate="no"]') || [...ancestors(el)].some(
        a => a.hasAttribute("lang") && a !== document.documentElement && a.lang !== page) ||
        // a popup (geo/layers/spec.py) is labels and values: its title, its cells, a text
        // block's words after its bold label, notice texts, sources and related items are values
        !!el.closest(".geo-popup td, .geo-popup h4, .geo-popup pre, .geo-popup li") ||
        el.matches(".geo-popup p");
    function* ancestors(el) { for (let a = el; a; a = a.parentElement) yield a; }
    const visible = el => {
        if (el.tagName === "OPTION" || el.tagName === "OPTGROUP") return visible(el.closest("select"));
        const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && cs.visibility !== "hidden" && cs.display !== "none";
    };
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, el = node.parentElement;
        if (!el || !node.nodeValue.trim() || ["SCRIPT", "STYLE"].includes(el.tagName)) continue;
        if (visible(el) && !data(el)) out.push(node.nodeValue.trim());
    }
    document.querySelectorAll("[title], [placeholder], [aria-label], optgroup[label]").forEach(el => {
        if (!visible(el) || data(el)) return;
        ["title", "placeholder", "aria-label", "label"].forEach(
            a => { if (el.getAttribute(a)) out.push(el.getAttribute(a)); });
    });
    return out;
}"""
# Words that are the same in Korean text: units, formats, proper names of products and bodies,
# the notations of coordinates.
SHARED = {"UTC", "km", "mi", "ft", "IoU", "COSPAR", "NORAD", "GeoJSON", "GeoPackage", "KML", "CSV",
          "HTML", "OpenStreetMap", "Esri", "Natural", "Earth", "GeoNames", "CC", "BY", "Leaflet", "SGP4",
          "DDMM", "DDMMSS", "NOTAM", "FIR", "MB", "ISO", "TLE", "OMM", "JSON", "XML"}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")
HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]+")
EVENT = "2023-05-30-malligyong-1"
READY = "typeof geoExplorer !== 'undefined' && geoExplorer.state().ready"
HEAD_IS = "(text) => document.querySelector('.geo-layers-head').textContent === text"


def _english_words(texts: list[str]) -> list[tuple[str, str]]:
    return [(word, text) for text in texts for word in LATIN_WORD.findall(text) if word not in SHARED]


def _korean_words(texts: list[str]) -> list[tuple[str, str]]:
    return [(word, text) for text in texts for word in HANGUL.findall(text)]


def _open(browser, server, path, size=(1440, 900)):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.route("**/{z}/{x}/{y}*", lambda route: route.abort())
    page.goto(server + path)
    page.wait_for_function(READY, timeout=60_000)
    return context, page


def _views(page):
    """Each view a user opens, as (name, its interface text)."""
    yield "first screen", page.evaluate(INTERFACE_TEXT)
    page.evaluate(f"() => geoExplorer.choose({EVENT!r}, 'list')")
    page.wait_for_selector(".geo-card .geo-card-actions")
    yield "a chosen event", page.evaluate(INTERFACE_TEXT)
    page.fill(".geo-search input", "sohae")
    page.wait_for_selector(".geo-search-list li")
    yield "the search", page.evaluate(INTERFACE_TEXT)
    page.fill(".geo-search input", "95N 124E")
    page.wait_for_selector(".geo-search-error")
    yield "a refused position", page.evaluate(INTERFACE_TEXT)
    page.keyboard.press("Escape")
    page.click(".geo-menu > button")
    page.wait_for_selector(".geo-menu-list a")
    yield "the download menu", page.evaluate(INTERFACE_TEXT)


def test_in_korean_no_word_of_the_interface_is_english(server, browser):
    context, page = _open(browser, server, "/geo/explorer?lang=ko")
    try:
        assert page.evaluate("document.documentElement.lang") == "ko"
        for view, texts in _views(page):
            assert texts, view
            found = _english_words(texts)
            assert found == [], (view, found)
            assert any(HANGUL.search(text) for text in texts), view
        assert page.errors == []
    finally:
        context.close()


def test_in_english_no_word_of_the_interface_is_korean(server, browser):
    context, page = _open(browser, server, "/geo/explorer")
    try:
        assert page.evaluate("document.documentElement.lang") == "en"
        for view, texts in _views(page):
            found = _korean_words(texts)
            assert found == [], (view, found)
        assert page.errors == []
    finally:
        context.close()


def test_the_data_stays_as_recorded_and_names_follow_the_language(server, browser):
    """Korean shows the catalogue's Korean names (Sohae's label, a pad's, a city's); a name with no
    Korean one (a zone's) is shown in English, marked as such; a source's title is never
    translated."""
    context, page = _open(browser, server, "/geo/explorer?lang=ko")
    try:
        page.evaluate("() => geoExplorer.map().setView([39.6, 124.9], 7, {animate: false})")
        time.sleep(0.4)
        labels = page.eval_on_selector_all(".geo-label", "ns => ns.map(n => n.textContent)")
        assert "서해위성발사장" in labels and "신의주" in labels, labels
        page.evaluate("() => geoExplorer.choose('sohae-lc1', 'list')")
        page.wait_for_selector(".geo-card h4")
        # a pad's Korean name (names.ko), not marked as English
        assert page.text_content(".geo-card h4") == "서해위성발사장 기존 발사대 (LC1)"
        assert page.get_attribute(".geo-card h4", "lang") is None
        assert "발사대" in page.text_content(".geo-side")  # the kind, translated
        page.evaluate("() => geoExplorer.choose('2009-04-first-stage', 'list')")
        page.wait_for_selector(".geo-card h4.geo-fallback")
        # no Korean name (a zone's): the English one, marked as such
        assert page.get_attribute(".geo-card h4.geo-fallback", "lang") == "en"
        assert "2009" in page.text_content(".geo-card h4.geo-fallback")
        found = page.evaluate("""() => { const i = document.querySelector('.geo-search input');
            i.value = '서해'; i.dispatchEvent(new Event('input')); return [...document.querySelectorAll(
            '.geo-search-name')].map(n => n.textContent); }""")
        assert "서해위성발사장" in found, found  # found by its Korean name
        found = page.evaluate("""() => { const i = document.querySelector('.geo-search input');
            i.value = 'Sohae Satellite'; i.dispatchEvent(new Event('input'));
            return [...document.querySelectorAll('.geo-search-name')].map(n => n.textContent); }""")
        assert "서해위성발사장" in found, found  # and by its English one, shown in Korean
    finally:
        context.close()


def _korean_event_names() -> dict[str, str]:
    """The Korean name of each event of layers/events.geojson that is not another's version."""
    features = json.loads((LAYERS / "events.geojson").read_text(encoding="utf-8"))["features"]
    return {f["id"]: f["properties"]["names"]["ko"] for f in features
            if not f["properties"].get("version_of")}


def test_events_are_named_in_korean_in_the_list_the_card_the_timeline_and_the_search(server,
                                                                                     browser):
    """Every event has its Korean name (names.ko): the event list shows them all, none marked as
    English; the chosen event's card and side panel, the timeline's tooltip and the search name
    it in Korean, and a version of it too."""
    korean = _korean_event_names()
    context, page = _open(browser, server, "/geo/explorer?lang=ko")
    try:
        options = page.eval_on_selector_all(".geo-event option[value]:not([value=''])", """os =>
            os.map(o => ({id: o.value, text: o.textContent, lang: o.getAttribute('lang')}))""")
        assert {o["id"] for o in options} == set(korean)
        for option in options:
            assert option["lang"] is None, option  # no fallback to English
            assert option["text"].endswith("  " + korean[option["id"]]), option
        page.evaluate(f"() => geoExplorer.choose({EVENT!r}, 'list')")
        page.wait_for_selector(".geo-card h4")
        assert page.text_content(".geo-card h4") == "만리경-1호 발사 (천리마-1형, 1차 시도)"
        assert page.locator(".geo-card h4.geo-fallback").count() == 0
        assert page.text_content(".geo-side h4") == korean[EVENT]
        side = page.text_content(".geo-side")  # the build's notes in English, written again in Korean
        assert "다른 출처의 기록: " + korean[EVENT] + ": 38노스 측 시각" in side
        assert "Other reported versions" not in side and "draws kept" not in side
        assert re.search(r"표본 [\d,]+개 중 [\d,]+개 채택 \([\d.]+%\)", side), side
        # its site by the site's Korean name; and the site's card lists its events in Korean
        assert "서해위성발사장 새 해안 발사대 (LC2)" in page.text_content(".geo-card")
        page.evaluate("() => geoExplorer.choose('sohae-lc2', 'list')")
        page.wait_for_function("() => (document.querySelector('.geo-side') || {}).textContent"
                               ".includes('만리경-1-1호 발사 (신형 위성운반로켓)')")
        assert "Malligyong" not in page.text_content(".geo-side ul")
        page.evaluate(f"() => geoExplorer.choose({EVENT!r}, 'list')")
        page.wait_for_selector(".geo-card h4")
        where = page.evaluate(f"() => geoExplorer.timeline().positionOf('events:{EVENT}')")
        assert where, "the event is not on the timeline"
        page.mouse.move(where["x"], where["y"])
        page.wait_for_selector(".geo-time-tip:not([hidden])")
        assert page.text_content(".geo-time-tip").startswith(korean[EVENT] + " · ")
        page.mouse.move(5, 5)
        found = page.evaluate("""() => { const i = document.querySelector('.geo-search input');
            i.value = '만리경-1-1호'; i.dispatchEvent(new Event('input')); return [...document
            .querySelectorAll('.geo-search-name')].map(n => n.textContent); }""")
        assert "만리경-1-1호 발사 (신형 위성운반로켓)" in found, found
        # what the build derives from an event is named after its Korean name
        page.evaluate(f"() => geoExplorer.choose('{EVENT}-flight-path', 'list')")
        page.wait_for_function("(n) => (document.querySelector('.geo-card h4') || {}).textContent === n",
                               arg=korean[EVENT] + ": 비행 경로 (산출)")
        version = "2024-05-27-malligyong-1-1-japan-time"
        page.evaluate(f"() => geoExplorer.choose({version!r}, 'list')")
        page.wait_for_function("""() => (document.querySelector('.geo-card h4') || {})
            .textContent === '만리경-1-1호 발사 (신형 위성운반로켓): 일본 측 시각, 약 22:43'""")
        assert page.errors == []
    finally:
        context.close()


def test_the_switch_changes_the_language_in_place_and_the_link_keeps_it(server, browser):
    context, page = _open(browser, server, "/geo/explorer")
    try:
        page.evaluate(f"() => geoExplorer.choose({EVENT!r}, 'list')")
        page.click('.geo-lang button[data-lang="ko"]')
        page.wait_for_function(HEAD_IS, arg="레이어와 범례")
        assert page.get_attribute('.geo-lang button[data-lang="ko"]', "aria-pressed") == "true"
        assert page.evaluate("geoExplorer.state().event") == EVENT  # the view stays as it was
        page.wait_for_function("() => location.hash.includes('lang=ko')")
        link = page.evaluate("location.href")
        page.goto("about:blank")
        page.goto(link)
        page.wait_for_function(READY, timeout=60_000)
        assert page.text_content(".geo-layers-head") == "레이어와 범례"
        assert page.evaluate("geoExplorer.state().event") == EVENT
        page.click('.geo-lang button[data-lang="en"]')
        page.wait_for_function(HEAD_IS, arg="Layers & legend")
        page.wait_for_function("() => !location.hash.includes('lang=')")
        assert page.errors == []
    finally:
        context.close()


def test_the_app_keeps_lang_in_its_url_and_speaks_it_in_the_tools_panel(server, browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        page.goto(server + "/?lang=ko")
        frame = wait_ready(page)
        assert frame.text_content(".geo-layers-head") == "레이어와 범례"
        page.wait_for_function("() => new URL(location.href).searchParams.get('lang') === 'ko'")
        frame.click(".geo-top button:has-text('내 자료와 분석')")
        tools(page).wait_for_selector("text=통보문 붙여 넣기")
        assert tools(page).get_by_text("내 자료", exact=True).count() >= 1
        assert page.text_content(".geo-tools-head strong") == "내 자료와 분석"  # the panel's own head
    finally:
        context.close()


def _app_in_korean_with_its_tools(browser, server):
    """The app's front page in Korean at a laptop's size, its tools panel opened."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        page.goto(server + "/?lang=ko")
        frame = wait_ready(page)
        frame.click(".geo-top button:has-text('내 자료와 분석')")
    except BaseException:
        context.close()
        raise
    return context, page, frame


def test_a_pasted_notice_and_an_import_are_in_korean_too(server, browser):
    """In the app: the comparison of a pasted notice, its card, an imported file's layer and its
    legend and colour choice, with no English word of the interface."""
    context, page, frame = _app_in_korean_with_its_tools(browser, server)
    try:
        tools(page).get_by_role("tab", name="통보문 붙여 넣기").click()
        area = tools(page).locator(f"{SIDEBAR} textarea[aria-label='통보문 원문']")
        area.fill("1. 36-04N 124-30E, 36-04N 124-54E, 35-19N 124-54E, 35-19N 124-30E")
        area.press("Control+Enter")
        wait_for(lambda: "붙여 넣은 통보문 비교" in frame.locator(".geo-side").text_content(), 60,
                 what="the comparison")
        frame.evaluate("() => geoExplorer.choose(geoFeatureLayer.byName('pasted-notice').id(0), 'list')")
        frame.wait_for_selector(".geo-card .geo-card-actions")
        texts = frame.evaluate(INTERFACE_TEXT)
        assert "붙여 넣은 통보문 비교" in texts
        found = _english_words(texts)
        assert found == [], ("a pasted notice", found)
        tools(page).set_input_files(f'{SIDEBAR} .st-key-geo_upload input[type="file"]',
                                    files=[str(DATA / "sites.geojson")])
        colour_choice = "() => !!document.querySelector('.geo-layers select[data-colour]')"
        wait_for(lambda: frame.evaluate(colour_choice), 60, what="the imported layer")
        texts = frame.evaluate(INTERFACE_TEXT)
        assert "가져온 자료:" in texts, texts  # the file's name after it is data
        found = _english_words(texts)
        assert found == [], ("an import", found)
        panel = tools(page).locator(SIDEBAR).inner_text()
        assert "내 자료" in panel and "행의 종류" in panel  # the tools panel speaks Korean too
        assert "개 가져옴" in panel and "→ 레이어 'imported-sites'" in panel, panel  # and its report
    finally:
        context.close()


# The tools panel's text (a Streamlit page): visible text nodes, tooltips and labels of the open
# tab; what the user pasted and the records shown as text (st.text, code) are data. Streamlit's
# own words are left out: it has no language to set (its toolbars over a chart or a table, the
# file box's "Upload" and "200MB per file", a choice's "Open" and "Clear value" buttons, a help
# icon's "Help for …"); every label, help, option and message the app gives is walked.
TOOLS_TEXT = """() => {
    const panel = [...document.querySelectorAll('[data-testid="stTabs"] [role="tabpanel"]')]
        .find(p => !p.hidden && p.getBoundingClientRect().height > 0);
    const streamlit = '[data-testid="stElementToolbar"], [data-testid="stFileUploaderDropzone"]';
    const data = el => !!el.closest('[data-testid="stText"], code, textarea, [translate="no"]') ||
        !!el.closest(streamlit);
    const visible = el => { const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && cs.visibility !== "hidden" && cs.display !== "none"; };
    const out = [];
    const walker = document.createTreeWalker(panel, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, el = node.parentElement;
        if (el && node.nodeValue.trim() && visible(el) && !data(el)) out.push(node.nodeValue.trim());
    }
    panel.querySelectorAll("[aria-label], [placeholder], [title]").forEach(el => {
        if (!visible(el) || data(el)) return;
        ["aria-label", "placeholder", "title"].forEach(
            a => { if (el.getAttribute(a)) out.push(el.getAttribute(a)); });
    });
    // a choice shows its option in its box's value
    panel.querySelectorAll("input[role=combobox]").forEach(el => { if (el.value) out.push(el.value); });
    return out;
}"""
TLE = (DATA / "orbits" / "malligyong-1.tle").read_text()
STREAMLIT_OWN = {"Open", "Clear value", "Vega visualization"}  # the last is vega-embed's
ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT[\d:.]+Z?")
TIME_ZONE = re.compile(r"\b[A-Z][a-z]+/[A-Za-z_]+")  # IANA's names (Asia/Pyongyang): values


def _app_texts(texts: list[str], data: tuple[str, ...]) -> list[str]:
    """The texts the app gives, without Streamlit's own (above), and with the values it shows
    (names in data, ISO times, time zones) taken out."""
    out = []
    for text in texts:
        if text in STREAMLIT_OWN:
            continue
        text = TIME_ZONE.sub(" ", ISO_TIME.sub(" ", text.removeprefix("Help for ")))
        for value in data:
            text = text.replace(value, " ")
        out.append(text)
    return out


def _choose(panel, key: str, option: str) -> None:
    """Choose an option of a Streamlit selectbox (its key), by the option's text."""
    panel.locator(f".st-key-{key} input[role='combobox']").click()
    panel.get_by_role("option", name=option, exact=True).click()


def test_the_orbits_tab_in_korean_shows_no_english_word_of_the_interface(server, browser):
    """Issue 23: the tools panel's Orbits tab, with pasted element sets drawn and the passes over
    a site listed, in Korean; the satellite's and the sites' names are data."""
    context, page, frame = _app_in_korean_with_its_tools(browser, server)
    try:
        panel = tools(page)
        panel.get_by_role("tab", name="궤도").click()
        _choose(panel, "orbit_elements_catalogue", "Malligyong-1")
        panel.get_by_text("NORAD 번호 58400", exact=False).wait_for(timeout=30_000)
        area = panel.locator(f"{SIDEBAR} textarea[aria-label='궤도 요소']")
        area.fill(TLE)
        area.press("Control+Enter")
        panel.get_by_text("지도에 그렸습니다", exact=False).wait_for(timeout=60_000)
        _choose(panel, "orbit_elements_site", "평양")
        panel.get_by_text("평양 상공 통과", exact=False).wait_for(timeout=30_000)
        history = panel.locator("[data-testid='stExpander'] summary", has_text="궤도 이력")
        if history.get_attribute("aria-expanded") != "true":
            history.click()
        panel.locator(".vega-embed text", has_text="근지점").first.wait_for(timeout=30_000)
        texts = _app_texts(panel.evaluate(TOOLS_TEXT), ("MALLIGYONG-1", "Malligyong-1"))
        assert "목록의 위성" in texts and "근지점" in texts, texts
        found = _english_words(texts)
        assert found == [], ("the Orbits tab", found)
    finally:
        context.close()
