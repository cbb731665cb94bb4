"""Pictures of the exported events KML in an offline KML viewer with a time slider.

Run by hand (not in CI):

    python scripts/render_kml_evidence.py docs/kml-events-2023.png --time 2023-12-31
    python scripts/render_kml_evidence.py docs/kml-events-zones-2012.png --layer events \
        --layer zones --time 2012-12-31 --window 31

It exports the layers with `geo export --format kml`, serves that file with the viewer in
scripts/kml_viewer/ (OpenLayers from npm, installed there by `npm install` on first use; the page
reads the KML's own styles and its TimeStamp/TimeSpan) on 127.0.0.1 only, opens it in Debian's
Chromium (Playwright), moves the slider to --time and takes the picture. It fails if the viewer
found a time it cannot read or lost a placemark.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VIEWER = ROOT / "scripts" / "kml_viewer"
BASEMAP = ROOT / "geo" / "data" / "basemap.geojson"
CHROMIUM = "/usr/bin/chromium"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("png", type=Path)
    parser.add_argument("--layer", action="append", help="layer to export (repeat; default events)")
    parser.add_argument("--time", default="2023-12-31", help="the slider's day (YYYY-MM-DD)")
    parser.add_argument("--window", default="366", choices=["31", "366", "1827", "100000"],
                        help="the slider's window in days (default a year)")
    parser.add_argument("--bbox", default="114,24,140,53",
                        help="west,south,east,north shown"
                             " (default: the peninsula, Vostochny, the fall areas)")
    args = parser.parse_args()

    if not (VIEWER / "node_modules" / "ol" / "dist" / "ol.js").exists():
        if shutil.which("npm") is None:
            return fail("npm is needed once to install OpenLayers into scripts/kml_viewer")
        subprocess.run(["npm", "install", "--no-package-lock", "--no-audit", "--no-fund"], cwd=VIEWER,
                       check=True)

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        for name in ("index.html", "viewer.js"):
            shutil.copy(VIEWER / name, site / name)
        (site / "node_modules").symlink_to(VIEWER / "node_modules")
        shutil.copy(BASEMAP, site / "basemap.geojson")
        command = [sys.executable, "-m", "geo", "export", "--format", "kml", "-o", str(site / "export.kml")]
        for layer in args.layer or ["events"]:
            command += ["--layer", layer]
        subprocess.run(command, cwd=ROOT, check=True)

        handler = functools.partial(QuietHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            from playwright.sync_api import sync_playwright

            url = (f"http://127.0.0.1:{server.server_port}/index.html?kml=export.kml"
                   f"&t={args.time}&window={args.window}&bbox={args.bbox}")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                     args=["--headless", "--no-sandbox", "--disable-gpu"])
                try:
                    page = browser.new_page(viewport={"width": 1280, "height": 820})
                    outside: list[str] = []
                    page.on("request", lambda r: outside.append(r.url)
                            if not r.url.startswith(("http://127.0.0.1", "data:")) else None)
                    page.goto(url)
                    page.wait_for_function("window.viewerReady === true", timeout=60_000)
                    state = page.evaluate("window.viewerState")
                    if state is None:
                        return fail(page.inner_text("#count"))
                    if state["errors"]:
                        return fail("the viewer cannot read these times: " + "; ".join(state["errors"]))
                    if state["total"] != state["placemarks"]:
                        return fail(f"OpenLayers read {state['total']} of {state['placemarks']} placemarks")
                    if outside:
                        return fail(f"the page asked the network for {outside[0]}")
                    page.screenshot(path=str(args.png))
                finally:
                    browser.close()
        finally:
            server.shutdown()
    print(json.dumps({k: state[k] for k in ("windowStart", "windowEnd", "total")}
                     | {"shown": len(state["shown"])}))
    print(f"wrote {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
