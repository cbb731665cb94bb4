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
window.attack = function (target) {
  const w = window.open(target, "victim");
  window.victim = w;
  setInterval(function () {
    try {
      w.postMessage({type: "streamlit:render", args: {version: 7, token: "t",
                     layers_url: location.origin + "/evil.json"}}, "*");
    } catch (e) {}
  }, 100);
};
</script></body></html>"""


class _Attacker(BaseHTTPRequestHandler):
    asked: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
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
    page.goto(attacker + "/")
    with page.context.expect_page() as opened:
        page.evaluate("target => window.attack(target)", server + "/geo/explorer")
    victim = opened.value
    victim.wait_for_function("() => typeof geoExplorer !== 'undefined' && geoExplorer.state().ready",
                             timeout=60_000)
    time.sleep(2)  # twenty spoofed messages
    assert "/evil.json" not in _Attacker.asked
    assert victim.evaluate("() => geoFeatureLayer.layers().length") == \
        victim.evaluate("() => geoFeatureLayer.layers().filter(l => !/^user/.test(l.name)).length")


def test_the_explorer_may_not_be_framed_by_another_origin(server, page, attacker):
    page.goto(attacker + "/")
    page.evaluate("""target => { const f = document.createElement('iframe'); f.src = target;
                     document.body.appendChild(f); }""", server + "/geo/explorer")
    time.sleep(3)
    frame = page.frames[-1]
    assert frame != page.main_frame
    assert not frame.evaluate("() => typeof geoExplorer !== 'undefined'")
