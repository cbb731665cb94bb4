"""Time `geo figure`'s drawing of the 27 May 2024 view in each format and size.

In one process (the import of matplotlib and cartopy, about a second, is timed once apart):
each format and size is drawn several times, the median and the slowest printed, with the
file's size.

    python benchmarks/bench_figure.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EVENT = "2024-05-27-malligyong-1-1"
CASES = [("svg", "page", "en"), ("pdf", "page", "en"), ("png", "page", "en"), ("png", "column", "en"),
         ("png", "slide", "en"), ("png", "square", "ko"), ("pdf", "page", "ko")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    started = time.perf_counter()
    from geo.figure.render import make_figure
    from geo.figure.view import FigureView
    from geo.layers.files import read_layers
    print(f"import geo.figure (matplotlib, cartopy): {time.perf_counter() - started:.2f} s")
    layers = read_layers(ROOT / "layers")
    make_figure(layers, FigureView(event=EVENT), "png")  # warm: fonts, basemap
    print(f"{'format':<7}{'size':<8}{'lang':<5}{'median':>9}{'slowest':>9}{'bytes':>11}")
    for fmt, size, lang in CASES:
        times, made = [], b""
        for _ in range(args.runs):
            t0 = time.perf_counter()
            made = make_figure(layers, FigureView(event=EVENT, size=size, lang=lang), fmt).data
            times.append(time.perf_counter() - t0)
        print(f"{fmt:<7}{size:<8}{lang:<5}{statistics.median(times):>8.2f}s{max(times):>8.2f}s"
              f"{len(made):>11,}")


if __name__ == "__main__":
    main()
