"""`geo orbit track|passes|history`: ground tracks, passes and orbit history from element sets.

FILE is TLE/3LE text or CelesTrak/Space-Track OMM (JSON, CSV or XML), one element set or a
history of many, or - for standard input. Tracks and passes more than a few days from an element
set's epoch are not positions (SGP4 errors grow by kilometres a day; manoeuvres after the epoch
are not in the elements): each feature and pass says its `days_from_epoch`.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..atomic import atomic_path, atomic_paths
from ..catalogue import Site, load_catalogue
from ..errors import GeoError
from ..orbits import history as history_mod
from ..orbits.elements import ElementSet, of_one_satellite, read_elements
from ..orbits.passes import passes
from ..orbits.place import read_point, zone_at
from ..orbits.track import MAX_STEP_S, ground_track
from .arguments import non_empty_path

MAX_BYTES = 20 * 1024 * 1024
FAR_DAYS = 3.0  # past this, a warning that the output is not a position
PASS_FIELDS = ["rise", "culminate", "set", "max_elevation_deg", "rise_local", "culminate_local",
               "set_local", "time_zone", "days_from_epoch"]


def _time(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text[:40]!r} is not an ISO time such as 2023-11-22T00:00Z") from None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _step(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a number of seconds") from None
    if not math.isfinite(value) or not 0 < value <= MAX_STEP_S:
        raise argparse.ArgumentTypeError(
            f"{text[:40]!r} must be above 0 and at most {MAX_STEP_S:.0f} seconds "
            "(longer steps draw chords, not the track)")
    return value


def _norad(text: str) -> int:
    if not text.strip().isascii() or not text.strip().isdigit() or not 0 < int(text) < 1_000_000:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a NORAD catalogue number")
    return int(text)


def _elevation(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a number of degrees") from None
    if not math.isfinite(value) or not -5 <= value < 90:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} must be between -5 and 90 degrees")
    return value


def add_parser(sub: argparse._SubParsersAction, parser_class: type) -> None:
    """The `orbit` command and its `track`, `passes` and `history` subcommands."""
    orbit = sub.add_parser("orbit", help="ground tracks, passes and orbit history from element sets")
    orbit_sub = orbit.add_subparsers(dest="orbit_command", required=True, parser_class=parser_class)
    about = __doc__.split("\n\n")[1]
    track = orbit_sub.add_parser("track", help="the ground track as GeoJSON LineStrings", description=about)
    passes_ = orbit_sub.add_parser("passes", help="the passes over a site or LAT,LON", description=about)
    history = orbit_sub.add_parser("history", help="perigee, apogee, inclination, period; manoeuvres",
                                   description=about + "\n\n" + history_mod.MANOEUVRE_RULE)
    for p in (track, passes_, history):
        p.add_argument("file", help="TLE/3LE or OMM JSON/CSV/XML, or - for standard input")
        p.add_argument("--norad", type=_norad, help="the satellite, when the file holds several")
    for p in (track, passes_):
        p.add_argument("--from", dest="start", type=_time, help="start, ISO UTC (default: the first epoch)")
        p.add_argument("--to", dest="end", type=_time, help="end, ISO UTC (default: start + 1 day)")
    track.add_argument("--step", type=_step, default=60.0, help="seconds between vertices (default 60)")
    track.add_argument("-o", "--output", type=non_empty_path, help="GeoJSON file (default: standard output)")
    passes_.add_argument("--over", required=True,
                         help="a site id of the catalogue, or LAT,LON (--over=-33.9,18.4 in the south)")
    history.add_argument("--over", help="with a site id or LAT,LON: the passes there around each manoeuvre")
    for p in (passes_, history):
        p.add_argument("--min-elevation", type=_elevation, default=0.0, help="degrees (default 0)")
    passes_.add_argument("--format", choices=("json", "csv"), default="json")
    history.add_argument("-o", "--output", type=non_empty_path, help="CSV file (default: standard output)")
    history.add_argument("--figure", type=non_empty_path, help="also draw it, as .png or .svg")


def _read(file: str, norad_id: int | None = None) -> list[ElementSet]:
    name = "<stdin>" if file == "-" else file
    if file == "-":
        text = sys.stdin.read(MAX_BYTES + 1)
    else:
        with open(file, encoding="utf-8-sig", errors="strict") as handle:
            try:
                text = handle.read(MAX_BYTES + 1)
            except UnicodeDecodeError as exc:
                raise GeoError(f"{name}: not UTF-8 text (byte {exc.start}); element sets are text") from None
    if len(text) > MAX_BYTES:
        raise GeoError(f"{name}: larger than {MAX_BYTES // 1024 // 1024} MB")
    return of_one_satellite(read_elements(text, name), norad_id)


def _place(over: str, seeds: Path) -> tuple[float, float, str]:
    """(lat, lon, time zone) of a catalogue site (its own zone) or anchor, or of LAT,LON (the
    zone at that point, geo.orbits.place)."""
    if "," in over:
        lat, lon = read_point(over, "--over")
        return lat, lon, zone_at(lat, lon)
    place = load_catalogue(seeds).place(over)
    if place is None:
        raise GeoError(f"--over {over[:40]!r}: no such site or anchor in the catalogue (or give LAT,LON)")
    lat, lon = float(place.lat), float(place.lon)
    return lat, lon, place.timezone if isinstance(place, Site) else zone_at(lat, lon)


def _far(days: float) -> None:
    if days > FAR_DAYS:
        print(f"warning: up to {days:.1f} days from the nearest element set's epoch: not a position, "
              "only where SGP4 puts an unmanoeuvred satellite", file=sys.stderr)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    with atomic_path(output) as tmp:  # whole or not at all, a kill included
        tmp.write_text(text, encoding="utf-8")
    print(f"wrote {output}", file=sys.stderr)


def _usage(args: argparse.Namespace, message: str) -> int:
    print(f"geo orbit {args.orbit_command}: error: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Run `orbit track`, `orbit passes` or `orbit history`; returns the exit code."""
    if args.orbit_command != "history" and args.start and args.end and args.end <= args.start:
        return _usage(args, "--to must be after --from")
    if args.orbit_command == "history" and args.figure and args.figure.suffix.lower() not in (".png", ".svg"):
        return _usage(args, f"--figure {args.figure}: give a .png or .svg file")
    sets = _read(args.file, args.norad)
    if args.orbit_command == "history":
        return _history(args, sets)
    start = args.start or sets[0].epoch
    end = args.end or start + timedelta(days=1)
    if end <= start:
        return _usage(args, "--to must be after --from (or after the first epoch)")
    if args.orbit_command == "track":
        collection = ground_track(sets, start, end, args.step)
        _far(max((f["properties"]["days_from_epoch"] for f in collection["features"]), default=0.0))
        _write(json.dumps(collection) + "\n", args.output)
        return 0
    lat, lon, zone = _place(args.over, args.seeds)
    found = passes(sets, lat, lon, start, end, args.min_elevation, zone)
    _far(max((row["days_from_epoch"] for row in found), default=0.0))
    if args.format == "json":
        sys.stdout.write(json.dumps(found, indent=1) + "\n")
    else:
        out = io.StringIO()
        writer = csv.DictWriter(out, PASS_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(found)
        sys.stdout.write(out.getvalue())
    return 0


def _history(args: argparse.Namespace, sets: list[ElementSet]) -> int:
    over = _place(args.over, args.seeds) if args.over else None
    states = history_mod.history(sets, over, args.min_elevation)
    out = io.StringIO()
    writer = csv.DictWriter(out, history_mod.CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(history_mod.rows(states))
    if args.output is None:
        sys.stdout.write(out.getvalue())
    targets = [path for path in (args.output, args.figure) if path is not None]
    if targets:  # the table and its figure are put in place as a pair (geo.atomic.atomic_paths)
        with atomic_paths(targets) as temps:
            if args.output is not None:
                temps[0].write_text(out.getvalue(), encoding="utf-8")
            if args.figure:
                history_mod.figure(states, temps[-1])
        for path in targets:
            print(f"wrote {path}", file=sys.stderr)
    count = sum(1 for s in states if s.manoeuvre)
    print(f"{len(states)} element set(s), {count} manoeuvre(s) flagged ({history_mod.MANOEUVRE_RULE})",
          file=sys.stderr)
    return 0
