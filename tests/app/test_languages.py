"""Issue 23: an offline page is in the language of the view it was made from, and carries only
that language's messages (and English), so it inlines no other script's font slices; the tools
panel's Orbits tab speaks Korean."""

from __future__ import annotations

import json
import re

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient
from streamlit.testing.v1 import AppTest

from geo.app import routes
from geo.app.pass_place import POINT
from geo.app.satellites import catalogue_satellites, record_text
from geo.errors import NoticeParseError
from geo.i18n.catalogue import translate
from geo.importers.limits import (
    JOB_MEMORY_MB,
    JOB_SECONDS,
    LIMITS_TEXT,
    MAX_LAYERS,
    MAX_ROWS,
    MAX_SERVER_MB,
    MAX_UPLOAD_MB,
    MB,
    server_problem,
    session_problem,
)
from geo.notices.batch import NoticeReading
from geo.notices.pasted import summary
from geo.orbits.history import DRAG_SHARE, INCLINATION_DEG, MANOEUVRE_RULE, NOISE_KM

from ..browser.test_languages import HANGUL, LATIN_WORD, SHARED
from ..conftest import ROOT

APP = str(ROOT / "geo" / "app" / "page.py")


@pytest.fixture(scope="module")
def client():
    return TestClient(Starlette(routes=routes.ROUTES))


def _offline(client, **query):
    response = client.get(routes.DOWNLOAD_URL, params={"format": "html", "layers": "sites,events", **query})
    assert response.status_code == 200
    return response.text


def test_an_offline_page_of_a_korean_view_opens_in_korean(client):
    text = _offline(client, lang="ko")
    assert '"lang":"ko"' in text  # the first screen's language, as the link's
    assert translate("ko", "layers.head") in text
    assert "Noto Sans KR" in text and "data:font/woff2" in text


def test_an_english_offline_page_carries_no_korean_messages(client):
    text = _offline(client)
    assert translate("ko", "layers.head") not in text and '"lang":"ko"' not in text
    assert translate("en", "layers.basemap") in text


def test_an_unknown_language_gives_english(client):
    assert translate("ko", "layers.head") not in _offline(client, lang="xx")


@pytest.mark.parametrize(("lang", "said"), [("ko", "표시된 레이어가 없습니다"), ("en", "no layer is shown"),
                                            ("xx", "no layer is shown")])
def test_a_download_that_cannot_be_made_says_why_in_the_link_s_language(client, lang, said):
    response = client.get(routes.DOWNLOAD_URL, params={"format": "geojson", "layers": "", "lang": lang})
    assert response.status_code == 400 and response.text.startswith(said)


# The Orbits tab in Korean (AppTest, so that help texts, option labels and table headings,
# which a browser shows only on hover or in a canvas, are read too).
TLE = (ROOT / "tests" / "data" / "orbits" / "malligyong-1.tle").read_text()
ORBIT_TAB = "app.tab_orbits"
# The record's and the element sets' own words, kept as written: names, time zones, ISO times,
# and `code` (a command's name).
_DATA = [re.compile(r"`[^`]*`"), re.compile(r"\d{4}-\d\d-\d\dT[\d:.]+Z?"), re.compile(r"\b[A-Z][a-z]+/\w+")]
_NUMBER = re.compile(r"\b\d\w*")  # 3LE, 2023-179A: a number's letters are part of it
# Names of formats, services and catalogues, and units: the same in Korean text.
NAMES = {*SHARED, "TLE", "3LE", "OMM", "JSON", "XML", "Space", "Track", "CelesTrak", "MB", "ISO"}


def _english_words(text: str, data: tuple[str, ...] = ()) -> list[str]:
    for pattern in _DATA:
        text = pattern.sub(" ", text)
    for value in sorted(data, key=len, reverse=True):  # the longest first: one may hold another
        text = text.replace(value, " ")
    text = _NUMBER.sub(" ", text)
    return [word for word in LATIN_WORD.findall(text) if word not in NAMES]


def _interface(node) -> list[str]:
    """The interface's words in an AppTest element and those inside it: labels, help,
    placeholders, option labels, captions, messages and table headings (st.text is data:
    what was pasted, a record, a parser's report)."""
    out = []
    kind = type(node).__name__
    for name in ("label", "help", "placeholder"):
        value = getattr(node, name, None)
        if isinstance(value, str) and value and not (kind == "TextArea" and name == "placeholder"):
            out.append(value)  # a text area's placeholder is an example of element sets
    if kind in ("Selectbox", "Multiselect"):
        out.extend(node.options)
    if kind in ("Caption", "Error", "Warning", "Info", "Markdown", "Subheader"):
        out.append(node.value.replace("\\", "").replace("\u2060", ""))  # plain()'s escapes
    if kind == "Dataframe":
        out.extend(c["label"] for c in json.loads(node.proto.columns).values() if "label" in c)
    for child in getattr(node, "children", {}).values():
        out.extend(_interface(child))
    return out


def _orbit_tab(at: AppTest):
    label = translate("ko", ORBIT_TAB)
    return next(tab for tab in at.tabs if tab.label == label)


def test_the_orbits_tab_in_korean_has_no_english_word_of_the_interface(layers):
    """Issue 23: every view of the Orbits tab (a catalogue satellite, pasted sets, a track far
    from its epochs, the passes over a point, the history, a point that cannot be read, sets of
    another satellite) speaks Korean; names and numbers stay as recorded."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = "ko"
    at.run()
    at.selectbox(key="orbit_elements_catalogue").select(58400).run()
    at.text_area(key="orbit_elements").input(TLE).run()
    at.text_input(key="orbit_elements_at").input("2024-06-20T00:00:00Z").run()  # days from the sets
    at.selectbox(key="orbit_elements_site").select(POINT).run()
    at.text_input(key="orbit_elements_point").input("39.03,125.75").run()
    assert not at.exception, [e.message for e in at.exception]
    names = tuple({*(f["properties"]["name"] for f in layers["sites"]), "MALLIGYONG-1", "Malligyong-1",
                   *(f["properties"]["names"].get("ko", "") for f in layers["sites"]),
                   *(p.get("satellite_name") or "" for p in catalogue_satellites(layers["events"]).values()),
                   *(f["properties"]["name"] for f in layers["events"])} - {""})
    views = {"the tab with a track, passes and a history": _interface(_orbit_tab(at))}
    assert at.warning and at.dataframe and at.expander  # far from the epochs; passes; history
    at.text_input(key="orbit_elements_point").input("91,0").run()
    assert at.error
    views["a point that cannot be read"] = _interface(_orbit_tab(at))
    at.selectbox(key="orbit_elements_catalogue").select(41332).run()
    assert at.error
    views["sets of another satellite"] = _interface(_orbit_tab(at))
    for view, texts in views.items():
        assert texts and any(HANGUL.search(text) for text in texts), view
        found = [(word, text) for text in texts for word in _english_words(text, names)]
        assert found == [], (view, found)


def test_the_catalogue_satellite_s_record_is_in_korean_but_its_values(layers):
    satellites = catalogue_satellites(layers["events"])
    for props in satellites.values():
        text = record_text(props, "ko", "서해위성발사장")
        values = tuple(str(props[k]) for k in ("satellite_sources", "satellite_name", "name", "cospar_id")
                       if props.get(k))
        assert _english_words(text, values) == [], text
        assert "NORAD 번호" in text and "UTC" in text


def test_english_messages_say_what_the_command_line_always_said():
    """Texts the command line gives too (geo orbit's figure, geo import's help, an upload's
    refusal) are the catalogue's: in English as they always were."""
    assert (
        "manoeuvre: the semi-major axis differs from the one predicted by the previous set's own decay "
        f"rate (mean motion derivative) by more than {NOISE_KM} km + {DRAG_SHARE:g} x the predicted "
        f"change, or the inclination changed by more than {INCLINATION_DEG} deg; it happened between "
        "the two epochs") == MANOEUVRE_RULE
    assert (
        f"at most {MAX_UPLOAD_MB} MB (1 MB = 1,000,000 bytes), {MAX_ROWS:,} rows or features and "
        f"{MAX_LAYERS} layers a file; latitudes within ±90°, longitudes within ±180°; an import stops "
        f"after {JOB_SECONDS} s or {JOB_MEMORY_MB:,} MB of memory") == LIMITS_TEXT
    assert session_problem([MB] * 11) == "at most 10 files a session; remove one to add another"
    assert server_problem(MAX_SERVER_MB * MB, 1) == (
        f"the server already holds {MAX_SERVER_MB:,}.0 MB of other sessions' files, at most "
        f"{MAX_SERVER_MB} MB in all; try again when they have been closed")


@pytest.mark.parametrize("problem", [session_problem([MB] * 11), session_problem([60 * MB, 50 * MB]),
                                     server_problem(MAX_SERVER_MB * MB, 1)])
def test_an_upload_s_refusal_is_the_library_s_in_english_and_korean_in_korean(problem):
    assert translate("en", problem.key, **problem.params) == problem
    korean = translate("ko", problem.key, **problem.params)
    assert HANGUL.search(korean) and not _english_words(korean), korean


def _readings() -> list[list[NoticeReading]]:
    area = {"type": "Feature"}
    bad = NoticeParseError("no corner")
    return [[NoticeReading(1, 0, "a", [area]), NoticeReading(2, 5, "b", [area, area])],
            [NoticeReading(1, 0, "a", [area], replaced_by="A0002/24"), NoticeReading(2, 5, "b", error=bad),
             NoticeReading(3, 9, "c"), NoticeReading(4, 12, "a", [area], repeats=1)]]


@pytest.mark.parametrize("readings", _readings())
def test_a_batch_of_notices_is_counted_in_english_as_always_and_in_korean(readings):
    assert summary(readings) in ("2 notices: 2 read (3 areas)", "4 notices: 2 read (2 areas), 1 refused, "
                                 "1 without an area, 1 replaced by a later one, 1 repeated")
    korean = summary(readings, "ko")
    assert HANGUL.search(korean) and not _english_words(korean), korean
