"""`geo figure`: a view of the layers as an SVG, PDF or PNG figure for publication.

The view is the permalink's: --event, --from/--to, --layer (repeat), --bbox; the file's suffix
chooses the format. When the sources are too many for the footer, their full list is written
beside the figure (FILE.sources.txt), the two files as a pair.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from .. import build as build_mod
from ..atomic import atomic_path, atomic_paths
from ..errors import GeoError
from ..figure.render import make_figure
from ..figure.view import (
    DEFAULT_SIZE,
    FORMATS,
    LANGUAGES,
    ORIENTATIONS,
    SIZES,
    FigureView,
    parse_bbox,
)
from ..layers import registry
from ..layers.files import read_layers
from .arguments import non_empty_path


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a date such as 2024-05-27") from None


def _bbox(text: str) -> tuple[float, float, float, float]:
    try:
        return parse_bbox(text)
    except GeoError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _dpi(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a number of dots per inch") from None


def _pixels(text: str) -> int:
    if not text.strip().isascii() or not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number of pixels")
    return int(text)


def add_parser(sub: argparse._SubParsersAction) -> None:
    """The figure command's arguments."""
    figure = sub.add_parser("figure", help="draw a view as an SVG, PDF or PNG figure for publication")
    figure.add_argument("--event", help="the event's id (as in a permalink): its parts, its frame")
    figure.add_argument("--from", dest="start", type=_day, help="first day (UTC), YYYY-MM-DD")
    figure.add_argument("--to", dest="end", type=_day, help="last day (UTC), YYYY-MM-DD")
    figure.add_argument("--layer", action="append", choices=registry.NAMES,
                        help="a layer to draw (repeat for several; default: those the map shows)")
    figure.add_argument("--bbox", type=_bbox, help="the frame: west,south,east,north in degrees")
    figure.add_argument("--size", choices=tuple(SIZES), default=DEFAULT_SIZE,
                        help="; ".join(f"{p.name}: {p.about}" for p in SIZES.values()))
    figure.add_argument("--orientation", choices=ORIENTATIONS, default="",
                        help="default: portrait for a column, landscape for the others")
    figure.add_argument("--lang", choices=LANGUAGES, default="en", help="the figure's language")
    figure.add_argument("--title", help="the title (default: the event's name)")
    figure.add_argument("--dpi", type=_dpi, help="PNG: dots per inch (default 300)")
    figure.add_argument("--width", type=_pixels,
                        help="PNG: width in pixels (sets the DPI for the size)")
    figure.add_argument("--layers-dir", type=Path, default=build_mod.DEFAULT_LAYERS,
                        help="where the built layers are")
    figure.add_argument("-o", "--output", type=non_empty_path, required=True,
                        help="the file to write: .svg, .pdf or .png")


def sources_path(output: Path) -> Path:
    """Where the full list of sources goes beside a figure: fig.svg → fig.sources.txt."""
    return output.with_name(output.stem + ".sources.txt")


def run(args: argparse.Namespace) -> int:
    """Draw the figure and write it (with its list of sources when the footer shortened them)."""
    fmt = args.output.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise GeoError(f"{args.output}: give a file ending in .svg, .pdf or .png")
    if fmt != "png" and (args.dpi is not None or args.width is not None):
        raise GeoError("--dpi and --width are for a .png; an SVG or PDF is vector, any size")
    view = FigureView(event=args.event, start=args.start, end=args.end,
                      layers=tuple(args.layer) if args.layer else None, bbox=args.bbox, size=args.size,
                      orientation=args.orientation, lang=args.lang, title=args.title, dpi=args.dpi,
                      width_px=args.width)
    layers = read_layers(args.layers_dir)
    side = sources_path(args.output)
    figure = make_figure(layers, view, fmt, full_list_name=side.name)
    if figure.shortened:
        with atomic_paths([args.output, side]) as (tmp, tmp_side):
            tmp.write_bytes(figure.data)
            tmp_side.write_text(figure.sources_text, encoding="utf-8")
    else:
        with atomic_path(args.output) as tmp:
            tmp.write_bytes(figure.data)
    count = sum(len(ids) for ids in figure.feature_ids.values())
    print(f"wrote {args.output} ({fmt}, {view.size} {view.orientation}, {count} features)")
    if figure.shortened:
        print(f"wrote {side} (the full list of sources the footer shortens)")
    return 0
