"""`geo orbit track|passes`: ground tracks and passes from element sets (TLE/3LE or OMM JSON).

Tracks and passes more than a few days from an element set's epoch are not positions.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..catalogue import load_catalogue
from ..errors import GeoError
from ..orbits.elements import ElementSet, read_elements
from ..orbits.passes import passes
from ..orbits.track import ground_track

MAX_BYTES = 20 * 1024 * 1024


def _time(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO time such as 2023-11-22T00:00Z") from None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value <= 86400:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 86400 seconds")
    return value


def add_parser(sub: argparse._SubParsersAction, parser_class: type) -> None:
    """The `orbit` command and its `track` and `passes` subcommands."""
    orbit = sub.add_parser("orbit", help="ground tracks and passes from element sets")
    orbit_sub = orbit.add_subparsers(dest="orbit_command", required=True, parser_class=parser_class)
    for name, helptext in (("track", "the ground track as GeoJSON LineStrings"),
                           ("passes", "the passes over a site or LAT,LON")):
        p = orbit_sub.add_parser(name, help=helptext, description=__doc__.split("\n\n")[1])
        p.add_argument("file", help="TLE/3LE text or OMM JSON, or - for standard input")
        p.add_argument("--from", dest="start", type=_time, help="start, ISO UTC (default: the epoch)")
        p.add_argument("--to", dest="end", type=_time, help="end, ISO UTC (default: start + 1 day)")
        if name == "track":
            p.add_argument("--step", type=_positive, default=60.0, help="seconds between vertices")
            p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
        else:
            p.add_argument("--over", required=True, help="a site id of the catalogue, or LAT,LON")
            p.add_argument("--min-elevation", type=float, default=0.0, help="degrees (default 0)")
            p.add_argument("--format", choices=("json", "csv"), default="json")


def _read(file: str) -> list[ElementSet]:
    name = "<stdin>" if file == "-" else file
    if file == "-":
        text = sys.stdin.read(MAX_BYTES + 1)
    else:
        with open(file, encoding="utf-8", errors="strict") as handle:
            text = handle.read(MAX_BYTES + 1)
    if len(text) > MAX_BYTES:
        raise GeoError(f"{name}: larger than {MAX_BYTES // 1024 // 1024} MB")
    return read_elements(text, name)


def _place(over: str, seeds: Path) -> tuple[float, float, str]:
    if "," in over:
        try:
            lat, lon = (float(v) for v in over.split(","))
        except ValueError:
            raise GeoError(f"--over {over!r}: expected LAT,LON in degrees or a site id") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise GeoError(f"--over {over!r}: latitude or longitude out of range")
        return lat, lon, "UTC"
    place = load_catalogue(seeds).place(over)
    if place is None:
        raise GeoError(f"--over {over!r}: no such site or anchor in the catalogue")
    return float(place.lat), float(place.lon), getattr(place, "timezone", None) or "UTC"


def run(args: argparse.Namespace) -> int:
    """Run `orbit track` or `orbit passes`; returns the exit code."""
    sets = _read(args.file)
    start = args.start or min(s.epoch for s in sets)
    end = args.end or start + timedelta(days=1)
    if args.orbit_command == "track":
        text = json.dumps(ground_track(sets, start, end, args.step)) + "\n"
        if args.output is None:
            sys.stdout.write(text)
        else:
            tmp = args.output.with_name(args.output.name + ".part")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(args.output)
            print(f"wrote {args.output}")
        return 0
    lat, lon, zone = _place(args.over, args.seeds)
    rows = passes(sets, lat, lon, start, end, args.min_elevation, zone)
    if args.format == "json":
        sys.stdout.write(json.dumps(rows, indent=1) + "\n")
    else:
        out = io.StringIO()
        keys = ["rise", "culminate", "set", "max_elevation_deg", "rise_local", "culminate_local",
                "set_local", "time_zone"]
        writer = csv.DictWriter(out, keys, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(out.getvalue())
    return 0
