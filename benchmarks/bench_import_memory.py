"""Memory of the process that imports (the app's server): in-process import against an import job.

Issue 15 measured a 49 MB CSV taking the server from 54 MB to 1.34 GB and leaving 0.7 GB held.
This script makes a synthetic CSV of that size (seeded, under the row limit), then in a fresh
Python for each approach: loads the importer as the app does, holds the file's bytes (as an
upload is held), imports it --files times keeping every result (as a session keeps its
layers), then drops them all (the uploads removed, the session ended). It prints the resident
memory (RSS) of that process at each step (after dropping the results, once with the garbage
collected and once more after handing freed memory back with release_memory()), its peak, and
for the job the peak of the child. Peaks are sampled from outside, every 10 ms.

    python benchmarks/bench_import_memory.py [--mb 49] [--files 1] [--format csv|kml]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MEASURE = textwrap.dedent('''
    import gc, json, sys, time
    from pathlib import Path

    def rss():
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        return 0

    mode, path, count = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    import geo.importers.reader as reader  # what the app's page has loaded anyway
    from geo.importers.job import release_memory, run_import
    figures = {"loaded": rss()}
    data = path.read_bytes()
    figures["file held"] = rss()
    results = []
    started = time.monotonic()
    for index in range(count):
        if mode == "in-process":
            results.append(reader.import_bytes(data, path.name))
        else:
            results.append(run_import(data, path.name))
    seconds = time.monotonic() - started
    figures["results held"] = rss()
    features = sum(len(r.features) for r in results)
    del results
    gc.collect()
    figures["results dropped"] = rss()
    release_memory()
    figures["and trimmed"] = rss()
    print(json.dumps({"figures": figures, "seconds": seconds, "features": features}))
''')


ROWS = 195_000  # under the 200,000-row limit


def make_kml(path: Path, megabytes: float) -> int:
    """A KML of about the given size: one layer of placemarks with a description and a field."""
    rng = random.Random(15)
    rows = min(ROWS, max(1, int(megabytes * 1_000_000 / 400)))
    text = max(1, int(megabytes * 1_000_000 / rows) - 220)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.'
                     'net/kml/2.2"><Document><name>big</name>\n')
        for number in range(1, rows + 1):
            handle.write(f"<Placemark><name>Site {number}</name><description>"
                         f"{'x' * rng.randint(text // 2, text * 3 // 2)}</description><ExtendedData>"
                         '<Data name="kind"><value>launch</value></Data></ExtendedData><Point>'
                         f"<coordinates>{rng.uniform(124, 131):.6f},{rng.uniform(33, 43):.6f}"
                         "</coordinates></Point></Placemark>\n")
        handle.write("</Document></kml>\n")
    return rows


def make_csv(path: Path, megabytes: float) -> int:
    """A CSV of about the given size (10**6 bytes), ROWS rows at most: points in Korea, dates,
    a text column whose length makes up the size."""
    rng = random.Random(15)
    rows = min(ROWS, max(1, int(megabytes * 1_000_000 / 120)))
    note = max(1, int(megabytes * 1_000_000 / rows) - 60)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("name,lat,lon,date,time,kind,note\n")
        for number in range(1, rows + 1):
            handle.write(f"Site {number},{rng.uniform(33, 43):.6f},{rng.uniform(124, 131):.6f},"
                         f"2024-05-{rng.randint(1, 28):02d},{rng.randint(0, 23):02d}:"
                         f"{rng.randint(0, 59):02d},launch,"
                         f"{'x' * rng.randint(note // 2, note * 3 // 2)}\n")
    return rows


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(child) for child in handle.read().split()]
    except OSError:
        pass
    return found


def measure(mode: str, path: Path, files: int) -> dict:
    """Run one approach in a fresh Python; its peaks are sampled from here, every 10 ms, so
    that the sampling allocates nothing in the process measured."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-c", MEASURE, mode, str(path), str(files)],
                               stdout=subprocess.PIPE, text=True, env=env)
    peak = child_peak = 0
    while process.poll() is None:
        peak = max(peak, _rss(process.pid))
        for child in _children(process.pid):
            child_peak = max(child_peak, _rss(child))
        time.sleep(0.01)
    outcome = json.loads(process.stdout.read().strip().splitlines()[-1])
    outcome["figures"]["peak"] = max(peak, outcome["figures"]["results held"])
    outcome["figures"]["child peak"] = child_peak
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=49, help="size of the CSV (MB of 10**6 bytes)")
    parser.add_argument("--files", type=int, default=1, help="imports kept at once (a session)")
    parser.add_argument("--format", choices=("csv", "kml"), default="csv")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="geo-bench-") as folder:
        path = Path(folder) / f"big.{args.format}"
        rows = (make_csv if args.format == "csv" else make_kml)(path, args.mb)
        size = path.stat().st_size / 1e6
        print(f"{path.name}: {size:.1f} MB, {rows:,} rows; {args.files} import(s) kept at once")
        print("RSS of the importing process, MB (10**6 bytes)")
        columns = ["loaded", "file held", "peak", "results held", "results dropped",
                   "and trimmed", "child peak"]
        print(f"{'approach':<12}" + "".join(f"{c:>16}" for c in columns) + f"{'time':>9}")
        for mode in ("in-process", "job"):
            outcome = measure(mode, path, args.files)
            figures = outcome["figures"]
            cells = "".join(f"{figures[c] / 1e6:>16,.0f}" if figures[c] else f"{'-':>16}"
                            for c in columns)
            print(f"{mode:<12}{cells}{outcome['seconds']:>8.1f}s")


if __name__ == "__main__":
    main()
