"""Read a NOTAM archive with geo.notices and compare each area with the archive's own reading.

The archive is the development set of the open-source NOTAM viewer Joey0609/notams: monthly
JSON files holding parallel lists `CODE`, `RAWMESSAGE` (the notice as issued) and
`COORDINATES` (that viewer's reading of the corners, `N3604E12430-N3604E12454-…`). For each
message the parser's areas are compared with the viewer's polygon by intersection over union
(IoU); a message agrees when one of its areas, or all of them together, reaches 0.97.

    python benchmarks/bench_notices.py FOLDER [--list]
    python benchmarks/bench_notices.py FOLDER --breaks [--every N]
    python benchmarks/bench_notices.py --scaling [FOLDER]

Prints the number of messages, how many agree, how many the parser refused with a message,
how many disagree (listed, with the IoU), how many crashed (an exception other than
NoticeParseError), and the slowest parse (each message timed as the fastest of three runs, so
that other programs on the machine do not count).

Then the same messages against the text itself: read right, refused, silently wrong. Agreeing
with the viewer counts as right; a disagreement or a refusal counts by the verdict a person
gave after reading the notice (benchmarks/data/notams-dev-review.json, each verdict keyed by the
message's id and a hash of its text, with the reason): a disagreement where the text says what
the parser read is right, one where it says what the viewer read is silently wrong, and so is
any disagreement nobody has reviewed yet (listed, to be reviewed).

--breaks reads every message again with each of its numbers cut the ways a PDF, a web page, a
chat or a fixed-width archive cut text (a line break, a space, a zero-width space, a soft
hyphen, a hyphen and a line break; at one place in each run of digits, every N-th place with
--every N) and counts, against the unbroken reading: read the same (within about 2 km), refused,
silently wrong (listed).

--scaling times the parser on texts of growing size (the attack texts of issue 15: numbered
areas, and markers among corners, up to the size limit of one notice), and, with a folder,
all its messages read at once as one text; a linear parser keeps the same time per character.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
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
REVIEW = Path(__file__).resolve().parent / "data" / "notams-dev-review.json"
BREAKS = {"line break": "\n", "space": " ", "zero-width space": "\u200b", "soft hyphen": "\u00ad",
          "hyphen and line break": "-\n"}
_DIGIT_RUN = re.compile(r"[0-9][0-9.\-]*[0-9]")
SAME_DEG = 0.02  # about 2 km
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


def verdicts(path: Path = REVIEW) -> dict[tuple[str, str], str]:
    """(id, text hash) -> 'parser', 'viewer' or 'refusal' from the reviewed file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {(code, item["sha"]): item["right"] for code, item in data["verdicts"].items()}


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def against_text(outcomes: list[Outcome], reviewed: dict[tuple[str, str], str]) -> None:
    """Read right, refused and silently wrong, judged against the text (see the docstring)."""
    right, refused, wrong, unreviewed = 0, 0, [], []
    for outcome in outcomes:
        verdict = reviewed.get((outcome.message.code, fingerprint(outcome.message.text)))
        if outcome.verdict == "agree" or (outcome.verdict == "disagree" and verdict == "parser"):
            right += 1
        elif outcome.verdict == "refused":
            refused += 1
            if verdict != "refusal":
                unreviewed.append(outcome)
        else:
            wrong.append(outcome)
            if verdict is None:
                unreviewed.append(outcome)
    total = len(outcomes)
    print("against the text (agreement with the viewer, or a person's verdict on the text):")
    print(f"  read right:     {right} ({100 * right / total:.1f} %)")
    print(f"  refused:        {refused} ({100 * refused / total:.1f} %)")
    print(f"  silently wrong: {len(wrong)} ({100 * len(wrong) / total:.1f} %)")
    for outcome in unreviewed:
        m = outcome.message
        print(f"  to review: {outcome.verdict} {m.source} {m.code} ({fingerprint(m.text)}): {outcome.detail}")


def _areas(text: str) -> list[BaseGeometry] | None:
    try:
        return [shape(item["geometry"]) for item in parse_notice(text)]
    except NoticeParseError:
        return None


def broken(messages: list[Message], every: int) -> None:
    """Each message with its numbers cut (see --breaks), against its unbroken reading."""
    counts = {"same": 0, "refused": 0}
    moved = []
    for message in messages:
        clean = _areas(message.text)
        if not clean:
            continue
        text = message.text
        for run in _DIGIT_RUN.finditer(text):
            places = range(run.start() + 1, run.end())
            chosen = places[::every] if every else places[len(places) // 2:len(places) // 2 + 1]
            for cut in chosen:
                for kind, inserted in BREAKS.items():
                    got = _areas(text[:cut] + inserted + text[cut:])
                    if got is None:
                        counts["refused"] += 1
                    elif len(got) == len(clean) and all(a.hausdorff_distance(b) <= SAME_DEG
                                                        for a, b in zip(got, clean, strict=True)):
                        counts["same"] += 1
                    else:
                        moved.append(f"{message.code}: {kind} in "
                                     f"{text[max(0, cut - 12):cut]!r}|{text[cut:cut + 12]!r}")
    total = counts["same"] + counts["refused"] + len(moved)
    print(f"broken numbers: {total} variants of {len(messages)} messages")
    print(f"  read as unbroken: {counts['same']} ({100 * counts['same'] / max(total, 1):.1f} %)")
    print(f"  refused:          {counts['refused']} ({100 * counts['refused'] / max(total, 1):.1f} %)")
    print(f"  silently wrong:   {len(moved)} ({100 * len(moved) / max(total, 1):.1f} %)")
    for line in moved:
        print(f"  moved: {line}")


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
    parser.add_argument("--breaks", action="store_true", help="read the messages with numbers cut instead")
    parser.add_argument("--every", type=int, default=0,
                        help="with --breaks: cut at every N-th place of each digit run (default: its middle)")
    args = parser.parse_args()
    messages = read_archive(args.folder) if args.folder else []
    if args.scaling:
        scaling(messages)
        return
    if not messages:
        sys.exit(f"no messages in {args.folder}")
    if args.breaks:
        broken(messages, args.every)
        return
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
    against_text(outcomes, verdicts())


if __name__ == "__main__":
    main()
