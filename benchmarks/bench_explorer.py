"""Benchmark the explorer as a user meets it: the real app (`geo serve`) in Debian's Chromium.

It measures, from the input to the frame that shows its result (the map and the panel):
- choosing an event in the top bar's list (the side panel shows it, its features emphasised);
- brushing a date range on the timeline (the map shows only what falls in it);
- switching a layer on or off in the layers control;
- hovering a point (its tooltip shows);
- clicking a point (its card opens, or the list of the features stacked there);
each with the catalogue alone, then with --imported synthetic events uploaded through the
tools panel, as a user would. Each time runs from the input event's own time stamp (when the browser
received it) to the first frame painted after the result appeared, measured in the page. It also
counts the Streamlit reruns the interactions caused (there should be none), and measures page
open to features drawn: from navigation to the explorer's ready mark, each load in a fresh
browser context (nothing cached) on a warm server, for the app's page and for the explorer's own
page alone, interleaved, with their ratio.

    python benchmarks/bench_explorer.py                  # 20 runs each, 10,000 imported events
    python benchmarks/bench_explorer.py --runs 5 --imported 1000

Targets (issue 12): median <= 200 ms and 95th percentile <= 400 ms for each interaction; page
open to features drawn <= 2 s.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
VIEWPORT: Any = {"width": 1440, "height": 900}
TOOLS_IFRAME = "iframe.geo-tools-frame"  # the app's tools panel (the Streamlit page)
LAUNCHES = ("2024-05-27-malligyong-1-1", "2023-11-21-malligyong-1", "2016-02-07-kwangmyongsong-4",
            "2012-12-12-kwangmyongsong-3-unit-2")
HOVER_AT = (42.42833, 130.64556)  # Khasan: a site alone on the map
CLICK_AT = ((51.883, 128.333), (42.42833, 130.64556))  # Vostochny, Khasan

# In the explorer's frame: wait for an input event of a type, then for check() to hold, then for
# the next frame to be painted; resolve with the time from the event's time stamp.
_TIMER = """() => {
  window.benchWait = (type, check) => new Promise((resolve, reject) => {
    let t0 = null, frames = 0;
    const onEvent = (e) => { if (t0 === null) t0 = e.timeStamp; };
    document.addEventListener(type, onEvent, true);
    const tick = () => {
      frames += 1;
      if (frames > 1200) { reject(new Error("no result for " + type)); return; }
      if (t0 !== null && check()) {
        requestAnimationFrame(() => setTimeout(() => {
          document.removeEventListener(type, onEvent, true);
          resolve(performance.now() - t0);
        }, 0));
      } else {
        requestAnimationFrame(tick);
      }
    };
    requestAnimationFrame(tick);
  });
}"""
_COUNT_RUNS = """() => {  // in the tools panel's frame
  const app = document.querySelector('[data-testid="stApp"]');
  window.benchRuns = 0;
  new MutationObserver(() => {
    if (app.getAttribute("data-test-script-state") === "running") window.benchRuns += 1;
  }).observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def served() -> Iterator[str]:
    """`geo serve` on a free port of 127.0.0.1, until the block ends."""
    port = free_port()
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen([sys.executable, "-m", "geo", "serve", "--port", str(port)],
                                cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while not _answers(url + "/geo/explorer"):
                if time.monotonic() > deadline or proc.poll() is not None:
                    log.seek(0)
                    raise SystemExit("geo serve did not start:\n" + log.read().decode()[-2000:])
                time.sleep(0.3)
            yield url
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, 15)
            proc.wait(timeout=30)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as reply:
            return bool(reply.status == 200)
    except OSError:
        return False


def synthetic_csv(path: Path, count: int, seed: int = 12) -> None:
    """Dated events over North Korea, 1984-2024, as a CSV the importer reads (lat, lon, date)."""
    rng = random.Random(seed)
    start = date(1984, 1, 1)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["name", "lat", "lon", "date", "kind"])
        for index in range(count):
            day = start + timedelta(days=rng.randrange(0, 14_600))
            writer.writerow([f"Synthetic event {index}", f"{rng.uniform(38.0, 41.8):.4f}",
                             f"{rng.uniform(124.5, 129.5):.4f}", day.isoformat(),
                             rng.choice(("test", "launch", "exercise"))])


def wait(check: Callable[[], Any], timeout_s: float, what: str) -> Any:
    deadline = time.monotonic() + timeout_s
    while True:
        with contextlib.suppress(Exception):
            value = check()
            if value:
                return value
        if time.monotonic() > deadline:
            raise SystemExit(f"{what} did not happen in {timeout_s:g} s")
        time.sleep(0.02)


def tools(page: Any) -> Any:
    """The frame of the app's tools panel (the Streamlit page), once its script has run."""
    def check() -> Any:
        handle = page.query_selector(TOOLS_IFRAME)
        frame = handle.content_frame() if handle else None
        ok = frame and frame.query_selector('[data-testid="stApp"][data-test-script-state="notRunning"]') \
            and frame.query_selector('iframe[src^="/geo/bridge"]')
        return frame if ok else None
    return wait(check, 120, "the tools panel")


def ready(page: Any) -> Any:
    """The explorer (the page itself: the app's front page, or its own page) once it has drawn."""
    page.wait_for_function("() => typeof geoExplorer !== 'undefined' && geoExplorer.state().ready",
                           timeout=120_000)
    return page.main_frame


EXPLORER_PAGE = "/geo/explorer"


def page_open_ms(browser: Any, url: str, path: str = "/") -> float:
    """Navigation to the explorer's ready mark, in a fresh context (nothing cached): the app's
    page ("/"), or the explorer's own page alone (EXPLORER_PAGE)."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(url + path)
        frame = ready(page)
        start = page.evaluate("() => performance.timeOrigin")
        end = frame.evaluate("""() => new Promise(r => requestAnimationFrame(() => setTimeout(() =>
            r(performance.timeOrigin + performance.getEntriesByName('geo-ready')[0].startTime))))""")
        if path != EXPLORER_PAGE:
            tools(page)  # the app's session connected too, before the context closes
        return float(end - start)
    finally:
        context.close()


def map_point(page: Any, frame: Any, lat: float, lon: float) -> tuple[float, float]:
    x, y = frame.evaluate("""([lat, lon]) => {
        const m = geoExplorer.map(), p = m.latLngToContainerPoint([lat, lon]);
        const r = m.getContainer().getBoundingClientRect();
        return [r.left + p.x, r.top + p.y];
    }""", [lat, lon])
    return x, y


def timed(frame: Any, event_type: str, check_js: str, act: Callable[[], None]) -> float:
    """Milliseconds from the input act() makes to the painted result check_js sees."""
    frame.evaluate(f"() => {{ window.benchDone = benchWait({event_type!r}, {check_js}); }}")
    act()
    return float(frame.evaluate("() => window.benchDone"))


class Session:
    """One open explorer and the measures of its interactions."""

    def __init__(self, page: Any, frame: Any) -> None:
        self.page, self.frame = page, frame
        frame.evaluate(_TIMER)
        frame.evaluate("() => geoExplorer.map().setView([44, 127], 5, {animate: false})")
        page.wait_for_timeout(300)

    def choose_event(self, k: int) -> float:
        event_id = LAUNCHES[k % len(LAUNCHES)]
        check = f"""() => geoExplorer.state().event === {event_id!r} &&
            document.querySelector('.geo-side').textContent.includes('UTC')"""
        return timed(self.frame, "change", check,
                     lambda: self.frame.select_option("select.geo-event", event_id))

    def brush_dates(self, k: int) -> float:
        box = self.frame.evaluate(
            "() => document.querySelector('.geo-time canvas').getBoundingClientRect().toJSON()")
        left = box["left"] + 120 + (k % 2) * 200
        right = box["left"] + box["width"] - 40 - (k % 3) * 60
        y = box["top"] + box["height"] - 24
        before = self.frame.evaluate("() => geoExplorer.state().start")

        def act() -> None:
            self.page.mouse.move(left, y)
            self.page.mouse.down()
            self.page.mouse.move((left + right) / 2, y, steps=2)
            self.page.mouse.move(right, y, steps=2)
            self.page.mouse.up()

        check = f"() => geoExplorer.state().start !== null && geoExplorer.state().start !== {before or 0}"
        return timed(self.frame, "pointerup", check, act)

    def toggle_layer(self, k: int) -> float:
        shown = "geoExplorer.map().hasLayer(geoFeatureLayer.byName('zones').group)"
        on = not self.frame.evaluate(f"() => {shown}")
        self.frame.evaluate("() => document.querySelector('.geo-layers').classList.add('open')")
        box = self.frame.locator('.geo-layers input[data-layer="zones"]')
        check = f"() => {shown} === {str(on).lower()}"
        return timed(self.frame, "click", check, lambda: box.click())

    def hover(self, k: int) -> float:
        away = map_point(self.page, self.frame, 47.0, 137.0)
        self.page.mouse.move(*away)
        self.page.wait_for_timeout(60)
        target = map_point(self.page, self.frame, *HOVER_AT)
        check = "() => !!document.querySelector('.leaflet-tooltip')"
        return timed(self.frame, "mousemove", check, lambda: self.page.mouse.move(*target))

    def click(self, k: int) -> float:
        lat, lon = CLICK_AT[k % 2]
        name = "Vostochny" if k % 2 == 0 else "Khasan"
        self.frame.evaluate("() => geoExplorer.map().closePopup()")
        target = map_point(self.page, self.frame, lat, lon)
        check = f"""() => {{
            const card = document.querySelector('.leaflet-popup-content');
            return !!card && card.textContent.includes({name!r});
        }}"""
        return timed(self.frame, "click", check, lambda: self.page.mouse.click(*target))

    def measure(self, runs: int) -> dict[str, list[float]]:
        out: dict[str, list[float]] = {}
        steps = (("choose an event", self.choose_event), ("brush a date range", self.brush_dates),
                 ("switch a layer", self.toggle_layer), ("hover a point", self.hover),
                 ("click a point", self.click))
        for label, step in steps:
            if label in ("hover a point", "click a point"):  # the legend folded, the points in view
                self.frame.evaluate("""() => {
                    document.querySelector('.geo-layers').classList.remove('open');
                    geoExplorer.map().closePopup();
                    geoExplorer.setRange(null, null);
                    geoExplorer.map().setView([46, 134], 5, {animate: false});
                }""")
                self.page.wait_for_timeout(200)
            out[label] = [step(k) for k in range(runs)]
        return out


def upload(page: Any, frame: Any, path: Path) -> float:
    """Upload a file through the tools panel; seconds until its layer is drawn."""
    frame.get_by_role("button", name="Your data & analysis").click()
    panel = tools(page)
    panel.wait_for_selector('input[type="file"]', state="attached")
    start = time.perf_counter()
    panel.set_input_files('input[type="file"]', files=[str(path)])
    wait(lambda: frame.evaluate("() => geoFeatureLayer.layers().some(l => l.name.startsWith('imported-'))"),
         600, "the imported layer")
    elapsed = time.perf_counter() - start
    frame.get_by_role("button", name="Your data & analysis").click()  # the panel closes
    wait(lambda: page.get_attribute(".geo-tools", "data-collapsed") == "true", 30, "the panel closing")
    page.wait_for_timeout(500)
    return elapsed


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def report(title: str, measures: dict[str, list[float]]) -> None:
    print(f"\n{title}")
    print(f"  {'interaction':<22}{'median ms':>10}{'p95 ms':>9}{'max ms':>9}")
    for label, values in measures.items():
        print(f"  {label:<22}{statistics.median(values):>10.0f}{percentile(values, 0.95):>9.0f}"
              f"{max(values):>9.0f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="times each interaction is measured")
    parser.add_argument("--loads", type=int, default=5, help="page loads measured")
    parser.add_argument("--imported", type=int, default=10_000, help="synthetic events to upload")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    with served() as url, sync_playwright() as play, tempfile.TemporaryDirectory() as tmp:
        browser = play.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page_open_ms(browser, url)  # the server's first page: caches warm
        page_open_ms(browser, url, EXPLORER_PAGE)
        app, alone = [], []
        for _ in range(args.loads):  # interleaved, so that both meet the same machine
            app.append(page_open_ms(browser, url))
            alone.append(page_open_ms(browser, url, EXPLORER_PAGE))
        print(f"\npage open to features drawn (fresh context, warm server, {args.loads} loads each):")
        print(f"  the app ('/'):          median {statistics.median(app) / 1000:.2f} s, "
              f"max {max(app) / 1000:.2f} s")
        print(f"  the explorer page alone: median {statistics.median(alone) / 1000:.2f} s, "
              f"max {max(alone) / 1000:.2f} s")
        print(f"  ratio app / explorer:    {statistics.median(app) / statistics.median(alone):.2f} "
              "(issue 24's target: at most 1.3)")

        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        page.goto(url + "/")
        frame = ready(page)
        panel = tools(page)
        panel.evaluate(_COUNT_RUNS)
        session = Session(page, frame)
        report(f"catalogue ({args.runs} runs each)", session.measure(args.runs))
        reruns = panel.evaluate("() => window.benchRuns")
        print(f"  Streamlit reruns caused: {reruns}")

        if args.imported:
            path = Path(tmp) / f"synthetic-{args.imported}.csv"
            synthetic_csv(path, args.imported)
            seconds = upload(page, frame, path)
            print(f"\nupload of {args.imported:,} events to drawn: {seconds:.1f} s")
            panel.evaluate(_COUNT_RUNS)
            session = Session(page, frame)
            report(f"catalogue + {args.imported:,} imported events ({args.runs} runs each)",
                   session.measure(args.runs))
            print(f"  Streamlit reruns caused: {panel.evaluate('() => window.benchRuns')}")
        context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
