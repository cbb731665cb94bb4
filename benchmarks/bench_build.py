"""Time `geo build` of the bundled catalogue against `python -c "import geopandas"`.

Both are whole commands, interpreter start included; each is run several times and the
median is reported, with the ratio (the target is at most 2x).

    python benchmarks/bench_build.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        build = [sys.executable, "-m", "geo", "build", "--out", out]
        baseline = [sys.executable, "-c", "import geopandas"]
        _seconds(build), _seconds(baseline)  # warm the file cache
        times = {"geo build": [], "import geopandas": []}
        for _ in range(args.runs):  # interleaved, so both see the same machine
            times["geo build"].append(_seconds(build))
            times["import geopandas"].append(_seconds(baseline))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, value in medians.items():
        print(f"{name:>18}: median {value:.2f} s over {args.runs} runs "
              f"(min {min(times[name]):.2f}, max {max(times[name]):.2f})")
    print(f"{'ratio':>18}: {medians['geo build'] / medians['import geopandas']:.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
