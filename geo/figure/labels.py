"""Labels placed without overlapping: each tries places around its anchor in turn, and takes
the first where it stays inside the map and clear of the labels and marks already placed; a
place name that finds none is left out, a feature's label takes its least crowded place."""

from __future__ import annotations

from dataclasses import dataclass, field

from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

POINT_OFFSETS = ((0.8, 0.5, "left", "bottom"), (0.8, -0.5, "left", "top"), (-0.8, 0.5, "right", "bottom"),
                 (-0.8, -0.5, "right", "top"), (0, 1, "center", "bottom"), (0, -1, "center", "top"),
                 (1, 0, "left", "center"), (-1, 0, "right", "center"))
"""Directions from a point, in units of its clearance (its mark's radius and a gap)."""
AREA_OFFSETS = ((0, 0, "center", "center"), (0, 12, "center", "bottom"), (0, -12, "center", "top"),
                (18, 0, "left", "center"), (-18, 0, "right", "center"), (0, 24, "center", "bottom"),
                (0, -24, "center", "top"))
PAD_PX = 2.0


@dataclass
class LabelItem:
    """A label to place: its text, anchor (data coordinates), and whether it must be shown."""

    text: str
    x: float
    y: float
    area: bool = False
    required: bool = False
    gid: str = ""
    style: dict = field(default_factory=dict)
    area_px: tuple[float, float] = (0.0, 0.0)  # an area's width and height on the figure
    narrow: str = ""  # the text on more lines, tried when the text does not fit
    clear_pt: float = 4.0  # a point's label keeps this far from it (its mark's radius and a gap)


def _overlap(box: Bbox, taken: list[Bbox]) -> float:
    total = 0.0
    for other in taken:
        w = min(box.x1, other.x1) - max(box.x0, other.x0)
        h = min(box.y1, other.y1) - max(box.y0, other.y0)
        if w > 0 and h > 0:
            total += w * h
    return total


def _fits(ax: Axes, renderer: RendererBase, item: LabelItem) -> bool:
    """Whether the label fits inside its area (most of the area's width and height)."""
    note = ax.annotate(item.text, (item.x, item.y), ha="center", va="center", **item.style)
    box = note.get_window_extent(renderer)
    note.remove()
    return box.width <= 0.8 * item.area_px[0] and box.height <= 0.6 * item.area_px[1]


def place_labels(ax: Axes, renderer: RendererBase, items: list[LabelItem],
                 obstacles: list[Bbox]) -> list[Annotation]:
    """Place the items in order (most important first); the annotations that were kept."""
    frame = ax.get_window_extent(renderer)
    taken = list(obstacles)
    marks = list(obstacles)
    placed = []
    for item in items:
        best: tuple[float, Annotation] | None = None
        clear = item.clear_pt
        inside_area = item.area and _fits(ax, renderer, item)
        if item.area and not inside_area:  # a small area is labelled beside it, as a point is
            clear = max(item.area_px) / 2 * 72 / ax.figure.dpi + 3
        offsets = AREA_OFFSETS if inside_area else [(dx * clear, dy * clear, ha, va)
                                                    for dx, dy, ha, va in POINT_OFFSETS]
        tries = [(text, *offset) for text in (item.text, item.narrow) if text for offset in offsets]
        for text, dx, dy, ha, va in tries:
            note = ax.annotate(text, (item.x, item.y), xytext=(dx, dy), textcoords="offset points",
                               ha=ha, va=va, annotation_clip=False, **item.style)
            box = note.get_window_extent(renderer).padded(PAD_PX)
            inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            crowd = _overlap(box, taken) + (0.0 if inside else 1e9) + 10 * _overlap(box, marks)
            if best is None or crowd < best[0]:
                if best is not None:
                    best[1].remove()
                best = (crowd, note)
            else:
                note.remove()
            if crowd == 0:
                break
        assert best is not None
        crowd, note = best
        if crowd > 0 and (not item.required or crowd >= 1e9):
            note.remove()
            continue
        if item.gid:
            note.set_gid(item.gid)
        taken.append(note.get_window_extent(renderer).padded(PAD_PX))
        placed.append(note)
    return placed
