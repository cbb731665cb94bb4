"""Issue 26: the explorer listens only to its own tools panel, and loads layers only from its
server.

A page on another origin (another port of 127.0.0.1) opens the app and posts Streamlit's render
message, and the tools panel's own announcement of a session, to it and to every frame in it
(the tools panel, its component), pointing at layers of its own (served with CORS open, so
nothing but the checks stops them). Nothing may be fetched or drawn.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from .helpers import wait_ready

pytestmark = pytest.mark.browser

EVIL_LAYERS = {"version": 1, "compare": None, "focus": None, "layers": []}
ATTACK = """<!doctype html><html><body><script>
window.attack = function (target) { window.victim = window.open(target, "victim"); };
window.spoof = function () {  // to the opened window and each of its frames, to any depth
  const evil = {version: 7, token: "t", layers_url: location.origin + "/evil.json"};
  const messages = [{type: "streamlit:render", args: evil}, Object.assign({type: "geo:session"}, evil)];
  const send = (w) => {
    messages.forEach(m => w.postMessage(m, "*"));
    for (let k = 0; k < w.length; k++) send(w[k]);
  };
  send(window.victim);
};
window.frameIt = function (target) {
  const f = document.createElement("iframe"); f.src = target; document.body.appendChild(f);
};
</script></body></html>"""


class _Attacker(BaseHTTPRequestHandler):
    asked: list[str] = []

    def do_GET(self) -> None:
        _Attacker.asked.append(self.path)
        body = ATTACK.encode() if self.path == "/" else json.dumps(EVIL_LAYERS).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html" if self.path == "/" else "application/json")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def attacker() -> Iterator[str]:
    _Attacker.asked = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Attacker)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def test_a_page_on_another_origin_cannot_make_the_explorer_load_layers(server, page, attacker):
    """The attack of the issue: open the app, post the render message to its frames."""
    page.goto(attacker + "/")
    with page.context.expect_page() as opened:
        page.evaluate("target => window.attack(target)", server + "/")
    victim = opened.value
    frame = wait_ready(victim)  # the map, and its tools panel with the session's component
    assert len(victim.frames) >= 3
    for _ in range(5):  # from the test, not a timer: a background tab's timers are throttled
        page.evaluate("() => window.spoof()")
        time.sleep(0.2)
    time.sleep(2)
    assert "/evil.json" not in _Attacker.asked
    names = frame.evaluate("() => geoFeatureLayer.layers().map(l => l.name).sort()")
    page.goto(server + "/geo/explorer")  # the same map, never spoken to
    page.wait_for_function("() => typeof geoExplorer !== 'undefined' && geoExplorer.state().ready")
    assert names == page.evaluate("() => geoFeatureLayer.layers().map(l => l.name).sort()")


@pytest.mark.parametrize("path", ["/geo/explorer", "/"])
def test_the_explorer_may_not_be_framed_by_another_origin(server, page, attacker, path):
    page.goto(attacker + "/")
    page.evaluate("target => window.frameIt(target)", server + path)
    time.sleep(3)
    frame = page.frames[-1]
    assert frame != page.main_frame
    assert not frame.evaluate("() => typeof geoExplorer !== 'undefined'")
