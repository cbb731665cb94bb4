"""Issue 27: a closed tab's session is ended: its uploads, layers and token freed (they stayed
21 minutes and more, until another session connected), while open tabs keep theirs."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request

import pytest

from ..conftest import DATA
from .conftest import start_server, stop_server
from .helpers import SIDEBAR, explorer, tools, wait_for, wait_ready

pytestmark = pytest.mark.browser
TOKEN = re.compile(r"/geo/session/([A-Za-z0-9_-]+)/layers\.json")


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def _open_with_an_upload(browser, url: str) -> tuple[object, str]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    tokens: list[str] = []
    page.on("request", lambda request: tokens.extend(TOKEN.findall(request.url)))
    page.goto(url + "/")
    wait_ready(page)
    explorer(page).get_by_role("button", name="Your data & analysis").click()
    tools(page).set_input_files(f'{SIDEBAR} .st-key-geo_upload input[type="file"]', files=[
        {"name": "tracks.csv", "mimeType": "text/csv", "buffer": (DATA / "tracks.csv").read_bytes()}])
    wait_for(lambda: tokens, 60, what="the session's layers being fetched")
    return context, tokens[-1]


def test_a_closed_tab_s_session_is_ended_and_an_open_one_kept(browser):
    process, url = start_server({"GEO_SESSION_CLOSED_AFTER_S": "2", "GEO_SESSION_SWEEP_S": "0.5"})
    try:
        closed, closed_token = _open_with_an_upload(browser, url)
        kept, kept_token = _open_with_an_upload(browser, url)
        layers = f"{url}/geo/session/{{}}/layers.json"
        assert _status(layers.format(closed_token)) == 200
        closed.close()  # the tab goes away: its websocket closes
        wait_for(lambda: _status(layers.format(closed_token)) == 404, 30,
                 what="the closed tab's session to be ended")
        time.sleep(3)  # well past the limit: the open tab is still there
        assert _status(layers.format(kept_token)) == 200
        kept.close()
    finally:
        stop_server(process)
