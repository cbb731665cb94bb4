"""Read a NOTAM archive with geo.notices and compare each area with the archive's own reading.

The archive is the development set of the open-source NOTAM viewer Joey0609/notams: monthly
JSON files holding parallel lists `CODE`, `RAWMESSAGE` (the notice as issued) and
`COORDINATES` (that viewer's reading of the corners, `N3604E12430-N3604E12454-…`). For each
message the parser's areas are compared with the viewer's polygon by intersection over union
(IoU); a message agrees when one of its areas, or all of them together, reaches 0.97.

    python benchmarks/bench_notices.py FOLDER [--list]
    python benchmarks/bench_notices.py --scaling [FOLDER]

Prints the number of messages, how many agree, how many the parser refused with a message,
how many disagree (listed, with the IoU), how many crashed (an exception other than
NoticeParseError), and the slowest parse (each message timed as the fastest of three runs, so
that other programs on the machine do not count).

--scaling times the parser on texts of growing size (the attack texts of issue 15: numbered
areas, and markers among corners, up to the size limit of one notice), and, with a folder,
all its messages read at once as one text; a linear parser keeps the same time per character.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from shapely.geometry import Polygon, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from geo.errors import NoticeParseError
from geo.notices import MAX_NOTICE_CHARS, MAX_NOTICES_CHARS, parse_notice, read_notices

AGREE_IOU = 0.97
RUNS = 3
_CORNER = re.compile(r"([NS])(\d{2})(\d{2})(\d{2})?([EW])(\d{3})(\d{2})(\d{2})?")


@dataclass(frozen=True)
class Message:
    """One archived message: where it is, its id, its text and the viewer's corners."""

    source: str
    code: str
    text: str
    coordinates: str


@dataclass
class Outcome:
    """What the parser made of one message."""

    message: Message
    verdict: str  # agree, refused, disagree, crash
    seconds: float
    detail: str = ""


def read_archive(folder: Path) -> list[Message]:
    """Every message of every monthly JSON file in the folder, in file order."""
    out = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for code, text, coords in zip(data["CODE"], data["RAWMESSAGE"], data["COORDINATES"],
                                      strict=True):
            out.append(Message(path.name, str(code), text or "", coords or ""))
    return out


def viewer_polygon(coordinates: str) -> BaseGeometry:
    """The viewer's corner list as a polygon (repaired to its area when it crosses itself)."""
    corners = []
    for m in _CORNER.finditer(coordinates):
        hemi_lat, dlat, mlat, slat, hemi_lon, dlon, mlon, slon = m.groups()
        lat = int(dlat) + int(mlat) / 60 + int(slat or 0) / 3600
        lon = int(dlon) + int(mlon) / 60 + int(slon or 0) / 3600
        corners.append((-lon if hemi_lon == "W" else lon, -lat if hemi_lat == "S" else lat))
    if len(set(corners)) < 3:
        return Polygon()  # no area: nothing can agree with it
    polygon = Polygon(corners)
    return polygon if polygon.is_valid else polygon.buffer(0)


def iou(a: BaseGeometry, b: BaseGeometry) -> float:
    """Intersection over union of two shapes (in degrees: both are small and side by side)."""
    union = a.union(b).area
    return a.intersection(b).area / union if union > 0 else 0.0


def parse_seconds(text: str, runs: int = RUNS) -> float:
    """The fastest of a few parses: the parser's time, not the time other programs took."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        with contextlib.suppress(NoticeParseError):
            parse_notice(text)
        best = min(best, time.perf_counter() - started)
    return best


def judge(message: Message) -> Outcome:
    """Parse one message and compare it with the viewer's polygon."""
    try:
        features = parse_notice(message.text)
    except NoticeParseError as exc:
        return Outcome(message, "refused", parse_seconds(message.text), exc.message)
    except Exception:  # a crash is what this benchmark counts
        detail = traceback.format_exc(limit=-1).strip().splitlines()[-1]
        return Outcome(message, "crash", 0.0, detail)
    seconds = parse_seconds(message.text)
    if not features:
        return Outcome(message, "disagree", seconds, "no area found")
    expected = viewer_polygon(message.coordinates)
    shapes = [shape(item["geometry"]) for item in features]
    candidates = shapes + ([unary_union(shapes)] if len(shapes) > 1 else [])
    best = max(iou(candidate, expected) for candidate in candidates)
    verdict = "agree" if best >= AGREE_IOU else "disagree"
    return Outcome(message, verdict, seconds, f"IoU {best:.3f}, {len(features)} area(s)")


def numbered_areas(count: int) -> str:
    """The attack's text: `n. corner, corner, corner` lines, numbered 1 to 99 over and over."""
    return "".join(f"{i % 99 + 1}. 36-04N 124-30E, 36-04N 124-54E, 35-19N 124-54E\n"
                   for i in range(count))


def markers_among_corners(count: int) -> str:
    """The other attack text: many `1.` markers, then corners (five markers to two corners)."""
    return " ".join("1." for _ in range(count)) + " " + ", ".join(
        "36-04N 124-30E" for _ in range(count * 2 // 5))


def best_of(read, text: str, runs: int = 3) -> float:  # type: ignore[no-untyped-def]
    """The fastest of a few runs, in seconds (refusals count: they are the parser's work)."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        with contextlib.suppress(NoticeParseError):
            read(text)
        best = min(best, time.perf_counter() - started)
    return best


def scaling(messages: list[Message]) -> None:
    """Time per character at growing sizes."""
    print(f"one notice (limit {MAX_NOTICE_CHARS:,} characters):")
    for name, make in (("numbered areas", numbered_areas),
                       ("markers among corners", markers_among_corners)):
        per_count = len(make(1000)) / 1000
        for fraction in (8, 4, 2, 1):
            text = make(int(MAX_NOTICE_CHARS * 0.98 / per_count / fraction))
            seconds = best_of(parse_notice, text)
            print(f"  {name:<22} {len(text):>9,} chars {seconds * 1000:8.1f} ms "
                  f"{seconds * 1e6 / len(text):6.2f} us/char")
    if messages:
        whole = "\n\n".join(m.text for m in messages)
        print(f"many notices (limit {MAX_NOTICES_CHARS:,} characters):")
        for copies in (1, 2, 4):
            text = "\n\n".join([whole] * copies)
            seconds = best_of(read_notices, text, runs=2)
            print(f"  {copies * len(messages):>5} messages    {len(text):>9,} chars {seconds:8.2f} s "
                  f"{seconds * 1e6 / len(text):6.2f} us/char")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", help="folder of the archive's monthly JSON files")
    parser.add_argument("--list", action="store_true", help="also list the refused messages")
    parser.add_argument("--scaling", action="store_true", help="time growing texts instead")
    args = parser.parse_args()
    messages = read_archive(args.folder) if args.folder else []
    if args.scaling:
        scaling(messages)
        return
    if not messages:
        sys.exit(f"no messages in {args.folder}")
    parse_notice(messages[0].text) if messages else None  # warm up: the first call loads pyproj
    outcomes = [judge(message) for message in messages]
    total = len(outcomes)
    counts = {verdict: sum(o.verdict == verdict for o in outcomes)
              for verdict in ("agree", "refused", "disagree", "crash")}
    slowest = max(outcomes, key=lambda o: o.seconds)
    median = sorted(o.seconds for o in outcomes)[len(outcomes) // 2]
    print(f"messages:   {total}")
    for verdict, count in counts.items():
        print(f"{verdict + ':':<11} {count} ({100 * count / total:.1f} %)")
    print(f"slowest:    {1000 * slowest.seconds:.1f} ms ({slowest.message.code}; "
          f"each the fastest of {RUNS} runs; median {1000 * median:.1f} ms)")
    shown = ("disagree", "crash", "refused") if args.list else ("disagree", "crash")
    for outcome in outcomes:
        if outcome.verdict in shown:
            m = outcome.message
            print(f"  {outcome.verdict:<8} {m.source} {m.code}: {outcome.detail}")


if __name__ == "__main__":
    main()
