"""Popups of imported data (every field) in the browser equal geo/layers/popup.py, byte for byte.

Imported layers have arbitrary, possibly hostile field names and values: the browser builds their
popups from popup.generic_rows(props) and must link exactly what linked_text links, in any text;
numbers are written the same way on both sides. One blank page with popups.js and nothing else.
"""

from __future__ import annotations

import math
from html import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.layers import popup, registry
from geo.map.featurelayer import browser_properties

from ..conftest import ROOT

pytestmark = pytest.mark.browser
POPUPS_JS = ROOT / "geo" / "map" / "static" / "geo" / "popups.js"
IMPORTED = registry.user_spec("imported-x", "x")
SENT = browser_properties(IMPORTED)
HOSTILE = '<script>window.__xss=1</script>"\'&<img src=x onerror="window.__xss=2">'
# Python's whitespace (str.isspace) and JavaScript's (\s, trim()) are not the same set.
SPACES = ["\t", "\n", "\x0b", "\x0c", "\r", "\x1c", "\x1d", "\x1e", "\x1f", " ", "\x85", "\xa0",
          "\u1680", "\u180e", "\u2000", "\u200a", "\u200b", "\u2028", "\u2029", "\u202f", "\u205f",
          "\u3000", "\ufeff"]
GLUE = ["x", "Z", "1", "_", "+", ".", ":", "/", "-", "é", "ß", "网", "٣", "Ⅻ", "²", "\u0345",
        "𝐀", "😀", "\U00011f04", "\U0001e4d0", "\u0300", "#", "(", "@", "ſ", "\u212a"]
CASES = [
    {"name": HOSTILE, "desc": HOSTILE, "quotes": "'\"`", "amp": "&amp; &lt; &#x27;",
     "js": "javascript:alert(1)", "js_http": "javascript:http://x.test/a",
     "js_upper": "JaVaScRiPt:window.__xss=4", "data": "data:text/html,<script>window.__xss=3</script>",
     "data_url": "data:http://x.test", "attr": 'https://x.test/"onmouseover="window.__xss=5',
     "tag": "https://x.test/<img src=x onerror=window.__xss=6>",
     "backquote": "https://x.test/`x`", "in_brackets": "<https://x.test/a>"},
    {"punct": "see http://a.test/x., (https://b.test/y); http://c.test/'z'!? http://d.test/}]})",
     "only_punct": "http://.,;:!?)]}' https://) http:// https://",
     "inner_punct": "http://a.test/a,b;c:d!e?f)g]h}i'j.",
     "upper": "HTTPS://UP.TEST/A HTTP://B.TEST hTtPs://c.test",
     "long_s": "httpſ://x.test HTTPſ://y.test", "not_scheme": "htp://x ftp://y mailto:a@b https:/x",
     "many": "http://a.test " * 20, "adjacent": "http://a.testhttp://b.test https://c.test,https://d"},
    {"glued": " ".join(f"{glue}https://g{i}.test/" for i, glue in enumerate(GLUE)),
     "spaces": "".join(f"https://s{i}.test/a{space}b" for i, space in enumerate(SPACES)),
     "space_end": "".join(f"https://e{i}.test/{space}" for i, space in enumerate(SPACES)),
     "space_glued": "".join(f"{space}https://w{i}.test/" for i, space in enumerate(SPACES))},
    {"__proto__": "proto", "constructor": "constructor", "1": "one", "10": "ten", "b": "bee",
     "_hidden": "hidden", "toString": "t", "hasOwnProperty": "h", "valueOf": "v", "": "empty key",
     "_": "underscore", " _x": "space first", "<b>key</b>": "value", "name": "named"},
    {10: "int key", 1: "int key", 1.5: "float key", False: "bool key", None: "None key"},
    {"int": 1, "float": 1.0, "small": 1e-05, "big": 10**30, "huge": 1e300, "neg": -0.0, "true": True,
     "false": False, "none": None, "empty": "", "empty_list": [], "zero": 0, "empty_dict": {},
     "nested": {"a": [1, {"b": "<i>http://x.test/'q'</i>"}], "c": None, "d": 2.5},
     "list": ["http://x.test", "<b>", None, 1.0], "tuple": (1, "https://t.test"), "nan": math.nan,
     "inf": -math.inf},
    {"emoji": "😀 𝔘𝔫𝔦 \U0001f600https://a.test/😀 👩‍👩‍👧‍👦", "astral_url": "http://𝔘.test/😀.",
     "astral_end": "https://x.test/\U0010ffff)", "combining": "https://x.test/e\u0301.",
     "rtl": "\u202ehttps://x.test/\u202c", "cjk": "网址：https://x.cn。", "bom": "\ufeffhttps://x.test\ufeff"},
]
NAMES = ["Sohae", "", HOSTILE, " spaced ", "😀𝔘", 0, 1, -7, 1.0, 1.5, 1e-05, 1e-07, 1e16, 1e21, 123e-20,
         -0.0, 2**53, 2**53 + 1, 10**30, 10**400, True, False, None, [], ["a", 1], {"a": 1},
         {"toString": 1}]
TEXT_PIECES = [
    "http", "https", "HTTP", "hTtPs", "httpſ", "://", ":/", "//", "x.test", "a", "Z", "0", "9", "é",
    "网", "٣", "²", "_", "+", "-", ".", ",", ";", ":", "!", "?", ")", "]", "}", "(", "[", "{", "'", '"',
    "`", "<", ">", "&", "#", "%", "=", "@", "javascript:", "data:", "<script>", "&amp;", "ſ", "\u212a",
    "\u0345", "\u0301", "😀", "𝔘", "\U00011f04", "\U0010ffff", *SPACES,
]
TEXT = st.lists(st.one_of(st.sampled_from(TEXT_PIECES), st.characters(blacklist_categories=["Cs"])),
                max_size=30).map("".join)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(),
                    st.floats(allow_nan=False, allow_infinity=False))


@pytest.fixture(scope="module")
def js(browser):
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_content('<!doctype html><html><body><div id="out"></div></body></html>')
    page.add_script_tag(path=str(POPUPS_JS))
    page.dialogs = dialogs
    yield page
    page.close()


def _in_browser(page, props):
    """The popup of props as the browser renders it from what the map sends."""
    return page.evaluate("""([spec, sent, rows]) => {
        const html = geoPopups.render(spec, sent, {rows: rows}, false);
        document.getElementById("out").innerHTML = html;
        return html;
    }""", [IMPORTED.popup.to_json(), SENT(props), popup.generic_rows(props)])


def _check(page, props):
    assert _in_browser(page, props) == popup.render(IMPORTED.popup, props)


@pytest.mark.parametrize("props", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_imported_popup_equals_python(js, props):
    _check(js, props)


@pytest.mark.parametrize("name", NAMES, ids=repr)
def test_imported_names_are_python_text(js, name):
    """An imported feature's name is sent as the text Python made of it."""
    _check(js, {"name": name, "kind": "x"})


def test_tooltips_are_escaped_names_or_ids(js):
    assert js.evaluate("n => geoPopups.tooltip({name: n})", HOSTILE) == escape(HOSTILE)
    assert js.evaluate("() => geoPopups.tooltip({id: 'x1'})") == "x1"
    assert js.evaluate("() => geoPopups.tooltip({id: 'x1', name: ''})") == "x1"
    assert js.evaluate("() => geoPopups.tooltip(Object.create({name: 'inherited'}))") == ""
    assert js.evaluate("""() => geoPopups.tooltip(JSON.parse('{"__proto__": {"name": "p"}}'))""") == ""


def test_rows_keep_order_and_drop_hidden_and_blank_values():
    rows = popup.generic_rows({"b": 1, "10": 1.0, "1": True, "_x": "hidden", "e": "", "n": None,
                               "l": [], "z": 0, "f": False, "d": {}})
    assert rows == [["b", "1"], ["10", "1.0"], ["1", "True"], ["z", "0"], ["f", "False"], ["d", "{}"]]


def test_links_are_only_http_and_no_script_runs(js):
    for props in CASES:
        _check(js, {k: v for k, v in props.items() if not isinstance(v, float) or math.isfinite(v)})
    hrefs = js.evaluate("""([spec, rowsList]) => {
        const out = document.getElementById("out"), hrefs = [];
        for (const rows of rowsList) {
            out.innerHTML = geoPopups.render(spec, {}, {rows: rows}, false);
            out.querySelectorAll("[href], [src]").forEach(el => hrefs.push(el.getAttribute("href")));
            out.querySelectorAll("*").forEach(el => {
                for (const attr of el.attributes) if (/^on/i.test(attr.name)) hrefs.push(attr.name);
            });
        }
        return hrefs;
    }""", [IMPORTED.popup.to_json(), [popup.generic_rows(props) for props in CASES]])
    assert hrefs and all(href.lower().startswith(("http://", "https://")) for href in hrefs), hrefs
    js.wait_for_timeout(300)
    assert js.evaluate("() => window.__xss") is None
    assert js.dialogs == []


@pytest.mark.parametrize("url", [" https://x.test/\x1c", "\x85https://x.test/", "https://x.test/\ufeff",
                                 "\ufeffhttps://x.test/", "\u3000HTTPS://x.test/\u2028", "httpſ://x.test/",
                                 "HTTPſ://x.test/", "javascript:alert(1)", " \x1c"])
def test_source_links_strip_as_python(js, url):
    """safeLink strips what Python's str.strip strips, and links only http(s)."""
    props = {"name": "n", "sources": [{"title": "t", "publisher": "p", "date": "d", "url": url}]}
    spec = registry.EVENTS.popup
    in_browser = js.evaluate("([spec, p]) => geoPopups.render(spec, p, {}, false)",
                             [spec.to_json(), props])
    assert in_browser == popup.render(spec, props)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT, key=TEXT, name=st.one_of(TEXT, SCALARS))
def test_random_text_equals_python(js, text, key, name):
    _check(js, {key: text, "name": name, "t": text, "wrapped": f"({text})", "u": f"http://{text}"})


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(props=st.dictionaries(TEXT, st.one_of(TEXT, SCALARS, st.lists(st.one_of(TEXT, SCALARS), max_size=3),
                                             st.dictionaries(TEXT, SCALARS, max_size=2)), max_size=6))
def test_random_props_equal_python(js, props):
    _check(js, props)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers(-10**16, 10**16),
                        st.sampled_from([0.5, 1.5, 2.5, -0.5, 0.125, 1234.5, 0.0000005, -0.0, 1e15,
                                         999999999999999.9, 2**53])))
def test_numbers_are_written_as_python_writes_them(js, number):
    """Catalogue numbers go through the formatters on both sides: the same digits every time."""
    spec = registry.ZONES.popup
    props = {"name": "z", "area_km2": number, "stage": number}
    in_browser = js.evaluate("([spec, p]) => geoPopups.render(spec, p, {}, false)",
                             [spec.to_json(), props])
    assert in_browser == popup.render(spec, props)
