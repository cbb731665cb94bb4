"""Issue 23: no text as boxes. This machine has no CJK font of its own (as headless Debian,
fresh Windows VMs and kiosks often have none); the explorer brings Noto Sans KR, JP and SC,
fetching from its own server only the slices of the characters it shows."""

from __future__ import annotations

import re

import pytest

from geo.map.assets import standalone_html
from geo.map.explorer import make_map

pytestmark = pytest.mark.browser
WIDTHS = """(text, family) => {
    const c = document.createElement("canvas").getContext("2d");
    c.font = "20px " + family;
    return c.measureText(text).width;
}"""


def test_korean_japanese_and_chinese_text_is_drawn_in_the_project_s_fonts(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    try:
        page.goto(server + "/geo/explorer")
        page.wait_for_function("typeof geoExplorer !== 'undefined' && geoExplorer.state().ready",
                               timeout=60_000)
        samples = {"Noto Sans KR": "서해위성발사장", "Noto Sans JP": "北緯ひらがな",
                   "Noto Sans SC": "航行警告"}
        page.evaluate("""texts => texts.forEach(t => {  // as a card or a pasted notice shows them
            const p = document.createElement("p"); p.textContent = t; document.body.append(p); })""",
                      list(samples.values()))
        for family, text in samples.items():
            faces = page.evaluate(f"() => document.fonts.load('20px \"{family}\"', {text!r})"
                                  ".then(fs => fs.length)")
            assert faces >= 1, family
            # drawn in the font, not as the fallback's boxes: the widths differ from a font
            # that has no such glyphs
            assert page.evaluate(WIDTHS, [text, f'"{family}"']) != \
                page.evaluate(WIDTHS, [text, "monospace"]), family
        fonts = [url for url in fetched if url.endswith(".woff2")]
        assert fonts and all(url.startswith(server + "/geo-assets/vendor/noto-sans-") for url in fonts)
        assert len(fonts) < 20  # slices of what is shown, not the 352 files
    finally:
        context.close()


def test_an_offline_page_holds_the_font_slices_of_its_own_characters_only(layers):
    html = standalone_html(make_map(layers))
    faces = re.findall(r"@font-face\s*\{[^}]*\}", html)
    assert faces and all("data:font/woff2;base64," in face or "data:application/octet-stream" in face
                         for face in faces)
    hangul = "서해위성발사장"
    assert hangul in html
    assert any("Noto Sans KR" in face for face in faces)
    assert len(faces) < 80  # of 352 slices in all


def test_a_notice_text_in_a_card_uses_the_fonts_of_its_language(server, browser):
    """A card's notice text is a <pre>: its monospace font has no CJK glyphs, so it showed boxes."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(server + "/geo/explorer")
        page.wait_for_function("typeof geoExplorer !== 'undefined' && geoExplorer.state().ready",
                               timeout=60_000)
        page.evaluate("""() => { const d = document.createElement("div"); d.className = "geo-popup";
            d.innerHTML = '<pre lang="zh">航行警告 沪航警</pre>'; document.body.append(d); }""")
        page.wait_for_function("""() => [...document.fonts].some(f => f.family.includes("Noto Sans SC")
            && f.status === "loaded")""", timeout=10_000)
        family = page.evaluate("() => getComputedStyle(document.querySelector('pre[lang=zh]')).fontFamily")
        assert family.index("Noto Sans SC") < family.index("Noto Sans KR")
    finally:
        context.close()


def test_a_card_s_korean_is_drawn_in_the_project_s_font(server, browser):
    """A launch's card names its sources' publishers in Korean (VOA's 미국의소리): through
    Leaflet's Helvetica/Arial stack a system font drew 리 and 스 as boxes."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(server + "/geo/explorer")
        page.wait_for_function("typeof geoExplorer !== 'undefined' && geoExplorer.state().ready",
                               timeout=60_000)
        page.evaluate("() => geoExplorer.choose('2016-02-07-kwangmyongsong-4', 'map')")
        page.wait_for_selector(".leaflet-popup td", timeout=10_000)
        hangul = page.evaluate("""async () => {
            const td = [...document.querySelectorAll('.leaflet-popup td')]
                .find(t => t.textContent.includes('VOA'));
            const hangul = [...td.textContent].filter(c => c >= '\uac00' && c <= '\ud7a3').join('');
            await document.fonts.load('12px "Noto Sans KR"', hangul);
            for (const family of ['', '"Noto Sans KR"']) {  // as the card draws it; in the project's font
                const line = document.createElement('div');
                line.className = 'probe';
                line.textContent = hangul;
                line.style.cssText = 'display: inline-block; background: #fff; color: #000;' +
                    (family ? 'font-family: ' + family : '');
                td.append(line);
            }
            await document.fonts.ready;
            return hangul;
        }""")
        assert "리" in hangul and "스" in hangul
        # Each syllable as the card's own font stack draws it and as the project's font draws it,
        # on a canvas (the same font fallback as the page): the same advance widths and the same
        # pixels, syllable by syllable. A box is another font's glyph: another width, other ink.
        same = page.evaluate("""async (hangul) => {
            const td = [...document.querySelectorAll('.leaflet-popup td')]
                .find(t => t.textContent.includes('VOA'));
            const stack = getComputedStyle(td).fontFamily;
            const out = [];
            for (const ch of new Set(hangul)) {
                const images = [];
                for (const family of [stack, '"Noto Sans KR"']) {
                    const c = document.createElement('canvas');
                    c.width = 40; c.height = 40;
                    const ctx = c.getContext('2d');
                    ctx.font = '24px ' + family;
                    ctx.textBaseline = 'alphabetic';  // the glyph's own, whichever font leads
                    ctx.fillText(ch, 4, 30);
                    images.push([ctx.measureText(ch).width,
                                 Array.from(ctx.getImageData(0, 0, 40, 40).data).join(',')]);
                }
                out.push([ch, images[0][0], images[1][0], images[0][1] === images[1][1]]);
            }
            return out;
        }""", hangul)
        for ch, width, project_width, same_pixels in same:
            assert abs(width - project_width) < 0.01 and same_pixels, (ch, width, project_width)
    finally:
        context.close()
