"""Labels placed without overlapping: each tries places around its anchor in turn, and takes
the first where it stays inside the map and clear of the labels and marks already placed; a
place name that finds none is left out, a feature's label takes its least crowded place."""

from __future__ import annotations

from dataclasses import dataclass, field

from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

POINT_OFFSETS = ((5, 3, "left", "bottom"), (5, -3, "left", "top"), (-5, 3, "right", "bottom"),
                 (-5, -3, "right", "top"), (0, 7, "center", "bottom"), (0, -7, "center", "top"),
                 (8, 0, "left", "center"), (-8, 0, "right", "center"))
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


def _overlap(box: Bbox, taken: list[Bbox]) -> float:
    total = 0.0
    for other in taken:
        w = min(box.x1, other.x1) - max(box.x0, other.x0)
        h = min(box.y1, other.y1) - max(box.y0, other.y0)
        if w > 0 and h > 0:
            total += w * h
    return total


def place_labels(ax: Axes, renderer: RendererBase, items: list[LabelItem],
                 obstacles: list[Bbox]) -> list[Annotation]:
    """Place the items in order (most important first); the annotations that were kept."""
    frame = ax.get_window_extent(renderer)
    taken = list(obstacles)
    placed = []
    for item in items:
        best: tuple[float, Annotation] | None = None
        for dx, dy, ha, va in AREA_OFFSETS if item.area else POINT_OFFSETS:
            note = ax.annotate(item.text, (item.x, item.y), xytext=(dx, dy), textcoords="offset points",
                               ha=ha, va=va, annotation_clip=False, **item.style)
            box = note.get_window_extent(renderer).padded(PAD_PX)
            inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            crowd = _overlap(box, taken) + (0.0 if inside else 1e9)
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
