"""Issue 26: the explorer listens only to its own page, and loads layers only from its server.

A page on another origin (another port of 127.0.0.1) opens the explorer and posts Streamlit's
render message to it, pointing at layers of its own (served with CORS open, so nothing but the
explorer's checks stops them). Nothing may be fetched or drawn.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytestmark = pytest.mark.browser

EVIL_LAYERS = {"version": 1, "compare": None, "focus": None, "layers": []}
ATTACK = """<!doctype html><html><body><script>
window.attack = function (target) { window.victim = window.open(target, "victim"); };
window.spoof = function () {  // to the opened window and each of its frames
  const w = window.victim;
  const message = {type: "streamlit:render", args: {version: 7, token: "t",
                   layers_url: location.origin + "/evil.json"}};
  w.postMessage(message, "*");
  for (let k = 0; k < w.length; k++) w[k].postMessage(message, "*");
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
    victim.wait_for_function("() => [...document.querySelectorAll('iframe')].some(f => "
                             "f.contentWindow.geoExplorer && f.contentWindow.geoExplorer.state().ready)",
                             timeout=60_000)
    frame = next(f for f in victim.frames if "/geo/explorer" in f.url)
    for _ in range(5):  # from the test, not a timer: a background tab's timers are throttled
        page.evaluate("() => window.spoof()")
        time.sleep(0.2)
    time.sleep(2)
    assert "/evil.json" not in _Attacker.asked
    names = frame.evaluate("() => geoFeatureLayer.layers().map(l => l.name).sort()")
    page.goto(server + "/geo/explorer")  # the same map, never spoken to
    page.wait_for_function("() => typeof geoExplorer !== 'undefined' && geoExplorer.state().ready")
    assert names == page.evaluate("() => geoFeatureLayer.layers().map(l => l.name).sort()")


def test_the_explorer_may_not_be_framed_by_another_origin(server, page, attacker):
    page.goto(attacker + "/")
    page.evaluate("target => window.frameIt(target)", server + "/geo/explorer")
    time.sleep(3)
    frame = page.frames[-1]
    assert frame != page.main_frame
    assert not frame.evaluate("() => typeof geoExplorer !== 'undefined'")
