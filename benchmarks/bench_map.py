"""Benchmark the explorer's map against plain folium at 1k, 10k and 100k synthetic events.

For each size and each approach it measures, in one run on this machine:
- server time: building the map and rendering it to HTML, what the app does once for its
  page and for each offline HTML download of a filtered view (this project: filter_layers +
  make_map + render);
- bytes sent: the rendered map HTML (scripts are served separately and cached), and its
  ratio to a compact GeoJSON of the same features;
- peak memory of the Python process doing it (a fresh subprocess per measurement);
- time to drawn: from navigation until every feature is drawn and painted, in Debian's
  Chromium, each load in a fresh browser context (nothing cached); the median of --runs
  loads, alternating between the approaches so that both see the same machine.

"Plain folium" is the approach users report as slow: one folium.Marker with a Popup per
event. Sizes where it would take longer than --timeout are reported as such.

    python benchmarks/bench_map.py                 # 1k, 10k, 100k
    python benchmarks/bench_map.py --sizes 1000    # quicker
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
OUTCOMES = ("success", "failure", "n/a")
KINDS = ("launch", "meeting", "journey", "salvage")
APPROACHES = ("ours", "plain")


def synthetic_events(count: int, seed: int = 7) -> list[dict[str, Any]]:
    """Events shaped like the catalogue's, spread over the region and 1984-2024."""
    rng = random.Random(seed)
    start = date(1984, 1, 1)
    events = []
    for index in range(count):
        day = start + timedelta(days=rng.randrange(0, 14_600))
        kind = rng.choice(KINDS)
        fid = f"synthetic-{index:06d}"
        props = {
            "id": fid, "name": f"Synthetic event {index}", "kind": kind,
            "time_utc": f"{day.isoformat()}T{rng.randrange(24):02d}:{rng.randrange(60):02d}Z",
            "time_precision": "minute", "time_approximate": False,
            "time_local": None, "date": day.isoformat(), "site_id": None,
            "site_name": rng.choice(("Sohae", "Tonghae", "Pyongyang", "Vostochny")),
            "vehicle": "Unha-3" if kind == "launch" else None,
            "payload": "Kwangmyongsong" if kind == "launch" else None,
            "outcome": rng.choice(OUTCOMES) if kind == "launch" else "n/a",
            "summary": "A synthetic event of the benchmark, with a sentence of text like the "
                       "catalogue's summaries.",
            "zone_ids": [], "geometry_method": "reported", "geometry_note": "synthetic",
            "sources": [{"id": "bench", "title": "Benchmark source", "publisher": "bench",
                         "date": "2024", "url": "https://example.org/bench"}],
        }
        point = [round(rng.uniform(118.0, 132.0), 6), round(rng.uniform(30.0, 45.0), 6)]
        events.append({"type": "Feature", "id": fid,
                       "geometry": {"type": "Point", "coordinates": point}, "properties": props})
    return events


def compact_geojson_bytes(events: list[dict[str, Any]]) -> int:
    """Size of the same features as compact GeoJSON: the yardstick for bytes sent."""
    text = json.dumps({"type": "FeatureCollection", "features": events}, separators=(",", ":"),
                      ensure_ascii=False)
    return len(text.encode("utf-8"))


# --- the two ways to draw, each run in its own process for a clean memory figure -------------

def render_ours(events: list[dict[str, Any]]) -> str:
    """This project: filter by date (as a download of a filtered view does), make_map, render."""
    from geo.layers.filters import filter_layers
    from geo.map.explorer import make_map

    layers = filter_layers({"events": events}, date(1984, 1, 1), date(2024, 12, 31))
    return make_map(layers, static_url="/static").get_root().render()


def render_plain(events: list[dict[str, Any]]) -> str:
    """Plain folium: one Marker with a Popup per event, default template."""
    import html

    import folium

    from geo.map.assets import localise

    m = folium.Map(location=[38.5, 126.5], zoom_start=5, tiles=None)
    for item in events:
        lon, lat = item["geometry"]["coordinates"]
        props = item["properties"]
        text = html.escape(f"{props['name']} {props['time_utc']} {props['outcome']}")
        folium.Marker([lat, lon], popup=folium.Popup(text), tooltip=html.escape(props["name"])).add_to(m)
    localise(m, "/static")
    return m.get_root().render()


def _child(approach: str, count: int, out_path: str) -> None:
    """Run in a subprocess: render, then print server seconds and peak RSS as JSON."""
    events = synthetic_events(count)
    render = render_ours if approach == "ours" else render_plain
    render(synthetic_events(10))  # warm: imports and caches, as in a running app
    started = time.perf_counter()
    html_text = render(events)
    seconds = time.perf_counter() - started
    Path(out_path).write_text(html_text, encoding="utf-8")
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"server_s": seconds, "peak_mb": peak_kb / 1024,
                      "bytes": len(html_text.encode("utf-8"))}))


def measure_server(approach: str, count: int, folder: Path, timeout_s: float) -> dict[str, Any]:
    """Render in a fresh process; None figures when it ran out of time."""
    out = folder / f"{approach}-{count}.html"
    try:
        result = subprocess.run(
            [sys.executable, __file__, "--child", approach, str(count), str(out)],
            capture_output=True, text=True, timeout=timeout_s, cwd=ROOT, check=True)
    except subprocess.TimeoutExpired:
        return {"server_s": None, "peak_mb": None, "bytes": None, "file": None}
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["file"] = out.name
    return figures


# --- the browser --------------------------------------------------------------------------------

_DRAWN = """() => {
    const map = Object.keys(window).filter(k => k.startsWith("map_"))
        .map(k => window[k]).find(v => v instanceof L.Map);
    if (!map) return 0;
    let n = 0;
    map.eachLayer(l => {
        if (l.geoPoints) n += l.drawnCount;  // this project's points, counted once on the canvas
        else if ((l.feature && !l.getLayers) || l instanceof L.Marker) n++;
    });
    return n;
}"""


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve folder on 127.0.0.1 (the maps and, under /static, the vendored assets).

    From a process of its own: in this one, Playwright's client would compete with the
    server for the interpreter and delay the files the page is waiting for."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


# Runs in every page before its own scripts. After each frame (in the task that follows
# it, posted from the frame's animation callback), until every feature is drawn, it notes
# performance.now(): milliseconds since navigation started, the drawn features on screen.
_TIMER = """(() => {{
    const afterFrame = () => {{
        try {{
            if (typeof L !== "undefined" && ({drawn})() >= {count}) {{
                window.__drawnAt = performance.now();
                return;
            }}
        }} catch (err) {{ /* the map is not built yet */ }}
        requestAnimationFrame(frame);
    }};
    const frame = () => setTimeout(afterFrame, 0);
    requestAnimationFrame(frame);
}})();"""


def times_to_drawn(browser: Any, urls: dict[str, str], count: int, timeout_s: float,
                   runs: int) -> dict[str, float | None]:
    """Median seconds from navigation until count features are drawn, for each approach.

    Loads alternate between the approaches, so that a machine that slows down for a while
    slows both; an approach that times out once is not loaded again (None)."""
    times: dict[str, list[float] | None] = {name: [] for name in urls}
    for _ in range(runs):
        for name, url in urls.items():
            done = times[name]
            if done is None:
                continue
            seconds = _one_load(browser, url, count, timeout_s)
            if seconds is None:
                times[name] = None
            else:
                done.append(seconds)
    return {name: None if not done else sorted(done)[len(done) // 2] for name, done in times.items()}


def _one_load(browser: Any, url: str, count: int, timeout_s: float) -> float | None:
    """One navigation in a fresh browser context (nothing cached), timed by the page itself."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(_TIMER.format(drawn=_DRAWN, count=count))
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        handle = page.wait_for_function("() => window.__drawnAt", timeout=timeout_s * 1000)
        return float(handle.json_value()) / 1000
    except PlaywrightTimeout:
        return None
    finally:
        context.close()
        wait_until_idle()  # the browser tears the page down in the background


def wait_until_idle(window_s: float = 0.2, idle: float = 0.9, limit_s: float = 15.0) -> None:
    """Until the machine's CPUs were at least idle% idle over window_s (Linux /proc/stat)."""
    def counters() -> tuple[int, int]:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
        return fields[3] + fields[4], sum(fields)  # idle + iowait, total

    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        idle_before, total_before = counters()
        time.sleep(window_s)
        idle_after, total_after = counters()
        if idle_after - idle_before >= idle * max(1, total_after - total_before):
            return


# --- the table ----------------------------------------------------------------------------------

def _fmt(value: float | None, unit: str = "", digits: int = 2) -> str:
    return "timeout" if value is None else f"{value:.{digits}f}{unit}"


def _ratio(plain: float | None, ours: float | None) -> str:
    if ours is None or ours == 0:
        return "-"
    if plain is None:
        return "> timeout/ours"
    return f"{plain / ours:.1f}x"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per measurement")
    parser.add_argument("--runs", type=int, default=5, help="page loads per approach and size")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        approach, count, out = args.child
        _child(approach, int(count), out)
        return

    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="geo-bench-"))
    shutil.copytree(ROOT / "geo" / "map" / "static", folder / "static")
    rows = []
    try:
        with serve(folder) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            warm = browser.new_page()  # the first page of a fresh browser pays for its start
            warm.goto(f"{base}/static/vendor/leaflet/leaflet.js")
            warm.close()
            for count in args.sizes:
                yardstick = compact_geojson_bytes(synthetic_events(count))
                result = {approach: measure_server(approach, count, folder, args.timeout)
                          for approach in APPROACHES}
                urls = {approach: f"{base}/{figures['file']}" for approach, figures in result.items()
                        if figures["file"]}
                drawn = times_to_drawn(browser, urls, count, args.timeout, args.runs)
                for approach, figures in result.items():
                    figures["drawn_s"] = drawn.get(approach)
                    print(f"  measured {approach} at {count}: {figures}", file=sys.stderr)
                rows.append((count, yardstick, result))
            browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    _print_table(rows, args.timeout, args.runs)


def _print_table(rows: list[tuple[int, int, dict[str, dict[str, Any]]]], timeout_s: float,
                 runs: int) -> None:
    print(f"\n{date.today().isoformat()} · {platform.node()} · {os.cpu_count()} cores · "
          f"Python {platform.python_version()} · Chromium headless · timeout {timeout_s:.0f} s · "
          f"time to drawn: median of {runs} loads\n")
    header = ("events", "approach", "time to drawn", "server render", "bytes sent",
              "bytes / compact GeoJSON", "peak memory")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for count, yardstick, result in rows:
        for approach, label in (("ours", "this project"), ("plain", "plain folium")):
            fig = result[approach]
            size = fig["bytes"]
            print(f"| {count:,} | {label} | {_fmt(fig['drawn_s'], ' s')} | "
                  f"{_fmt(fig['server_s'], ' s')} | "
                  f"{'timeout' if size is None else f'{size / 1e6:.1f} MB'} | "
                  f"{'-' if size is None else f'{size / yardstick:.2f}'} | "
                  f"{_fmt(fig['peak_mb'], ' MB', 0)} |")
        ours, plain = result["ours"], result["plain"]
        print(f"| {count:,} | ratio plain/ours | {_ratio(plain['drawn_s'], ours['drawn_s'])} | "
              f"{_ratio(plain['server_s'], ours['server_s'])} | "
              f"{_ratio(plain['bytes'], ours['bytes'])} | | "
              f"{_ratio(plain['peak_mb'], ours['peak_mb'])} |")


if __name__ == "__main__":
    main()
