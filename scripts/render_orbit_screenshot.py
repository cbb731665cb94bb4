"""The README's picture of the orbit tool: the app (`geo serve`, Chromium) with Malligyong-1's
published element sets pasted, the track around 2024-06-07T05:01:07Z, the satellite at the
playhead and the passes over Pyongyang's control centre. A developer's tool, run by hand:

    python scripts/render_orbit_screenshot.py docs/orbits-1440.png [--width 1440 --height 900]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM_ARGS, chromium_path, start_server, stop_server  # noqa: E402
from tests.browser.helpers import SIDEBAR, wait_for, wait_ready  # noqa: E402

TLE = (ROOT / "tests" / "data" / "orbits" / "malligyong-1.tle").read_text()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args()
    process, url = start_server()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            page.goto(url + "/")
            frame = wait_ready(page)
            frame.get_by_role("button", name=re.compile(r"^(Data|Your data & analysis)$")).click()
            page.get_by_role("tab", name="Orbits").click()
            choice = page.get_by_role("combobox", name="Catalogue satellite")
            choice.click()
            choice.press_sequentially("Malligyong")
            choice.press("Enter")
            area = page.locator(f"{SIDEBAR} textarea[aria-label='Element sets']")
            area.fill(TLE)
            area.press("Control+Enter")
            moment = page.locator(f"{SIDEBAR} input[aria-label='Track around (ISO UTC)']")
            moment.fill("2024-06-07T05:01:07Z")
            moment.press("Enter")
            over = page.get_by_role("combobox", name="Passes over")
            over.click()
            over.press_sequentially("General Satellite")
            over.press("Enter")
            page.locator(f"{SIDEBAR}").get_by_text("local times in Asia/Pyongyang").wait_for(timeout=60_000)
            wait_for(lambda: "2024-06-07T05:01:07Z" in str(frame.evaluate("() => geoSatellite.drawn()")),
                     60, what="the satellite on its track")
            frame.evaluate("""() => {
                geoExplorer.setRange(Date.parse('2024-06-07T00:00:00Z'), Date.parse('2024-06-07T23:59:59Z'));
                geoExplorer.setPlayhead(Date.parse('2024-06-07T05:01:07Z'));
                const layer = geoFeatureLayer.layers().find(l => l.spec.namespace === 'orbit');
                const all = []; for (let i = 0; i < layer.size(); i++) all.push(i);
                geoExplorer.map().fitBounds(layer.boundsOf(all), {animate: false});
            }""")
            frame.locator(".geo-layers").get_by_text("Layers & legend").click()  # fold it
            page.wait_for_timeout(1500)
            page.screenshot(path=str(args.out))
            page.get_by_role("combobox", name="Catalogue satellite").scroll_into_view_if_needed()
            side = args.out.with_name(args.out.stem + "-tool" + args.out.suffix)
            page.screenshot(path=str(side))  # the top of the tool: the catalogue's record
            browser.close()
    finally:
        stop_server(process)


if __name__ == "__main__":
    main()
