"""What a figure shows and how big it is: the view (as a permalink holds it) and the size presets."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from ..errors import GeoError

Bounds = tuple[float, float, float, float]  # lon min, lat min, lon max, lat max
LANGUAGES = ("en", "ko")
ORIENTATIONS = ("landscape", "portrait")
FORMATS = ("svg", "pdf", "png")
MM = 1 / 25.4  # inches


@dataclass(frozen=True)
class SizePreset:
    """A place a figure goes: its width and height in mm, landscape and portrait; its type in pt."""

    name: str
    about: str
    landscape_mm: tuple[float, float]
    portrait_mm: tuple[float, float]
    title_pt: float
    text_pt: float
    small_pt: float
    legend_beside: bool  # landscape: the legend beside the map (else below it)

    def inches(self, orientation: str) -> tuple[float, float]:
        """Width and height in inches."""
        mm = self.landscape_mm if orientation == "landscape" else self.portrait_mm
        return (mm[0] * MM, mm[1] * MM)


SLIDE_MM = 25.4 * 40 / 3  # 13⅓ in, exactly: 1920 px wide is 1080 tall
SIZES: dict[str, SizePreset] = {p.name: p for p in (
    SizePreset("column", "one column of a page, 89 mm wide", (89, 67), (89, 125), 9, 6.5, 5.5, False),
    SizePreset("page", "the full width of a page, 183 mm", (183, 122), (183, 247), 13, 8, 6.5, True),
    SizePreset("slide", "a 16:9 slide, 13.33 × 7.5 in", (SLIDE_MM, 190.5), (190.5, SLIDE_MM), 22, 13, 10,
               True),
    SizePreset("square", "a square for social media, 120 mm", (120, 120), (120, 120), 11, 7.5, 6, False),
)}
"""A column is 89 mm wide whichever way it stands, a page 183 mm; a slide turns, a square does not."""
DEFAULT_SIZE, DEFAULT_ORIENTATION = "page", "landscape"
PRINT_DPI = 300
MAX_PIXELS = 12000  # the longer side of a PNG


@dataclass(frozen=True)
class FigureView:
    """A view to draw: the event, date range, layers and extent the permalink holds, and how.

    layers None: the layers the map shows at first. bbox None: the event's frame (or the
    extent of what is shown). title None: the event's name (or the catalogue's)."""

    event: str | None = None
    start: date | None = None
    end: date | None = None
    layers: tuple[str, ...] | None = None
    bbox: Bounds | None = None
    size: str = DEFAULT_SIZE
    orientation: str = ""  # "": the size's own (a column stands, the others lie)
    lang: str = "en"
    title: str | None = None
    dpi: float | None = None
    width_px: int | None = None

    def __post_init__(self) -> None:
        if self.size not in SIZES:
            raise GeoError(f"size {self.size!r}: choose one of {', '.join(SIZES)}")
        if not self.orientation:
            standing = "portrait" if self.size == "column" else DEFAULT_ORIENTATION
            object.__setattr__(self, "orientation", standing)
        if self.orientation not in ORIENTATIONS:
            raise GeoError(f"orientation {self.orientation!r}: choose landscape or portrait")
        if self.lang not in LANGUAGES:
            raise GeoError(f"language {self.lang!r}: choose en or ko")
        if self.start and self.end and self.start > self.end:
            raise GeoError(f"the range starts ({self.start}) after it ends ({self.end})")
        if self.bbox is not None:
            check_bbox(self.bbox)
        if self.dpi is not None and self.width_px is not None:
            raise GeoError("give a width in pixels or a DPI, not both (the width sets the DPI)")
        if self.dpi is not None and not (math.isfinite(self.dpi) and 50 <= self.dpi <= 1200):
            raise GeoError(f"DPI {self.dpi}: give a number from 50 to 1200")
        if self.width_px is not None and not 200 <= self.width_px <= MAX_PIXELS:
            raise GeoError(f"width {self.width_px} px: give from 200 to {MAX_PIXELS} pixels")
        if self.title is not None and len(self.title) > 200:
            raise GeoError("the title is longer than 200 characters")

    @property
    def preset(self) -> SizePreset:
        """The size preset."""
        return SIZES[self.size]

    def png_dpi(self) -> float:
        """The PNG's DPI: from the width in pixels when given, else the DPI (300 for print)."""
        if self.width_px is not None:
            return self.width_px / self.preset.inches(self.orientation)[0]
        return self.dpi or PRINT_DPI


def check_bbox(bbox: Bounds) -> Bounds:
    """A lon/lat box west, south, east, north: finite, ordered, on the globe, not a point."""
    if len(bbox) != 4 or not all(isinstance(v, int | float) and math.isfinite(v) for v in bbox):
        raise GeoError(f"bbox {bbox!r}: give four numbers west,south,east,north in degrees")
    west, south, east, north = bbox
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise GeoError(f"bbox {','.join(f'{v:g}' for v in bbox)}: give west < east within ±180 "
                       "and south < north within ±90 (west,south,east,north)")
    if east - west > 120 or north - south > 80:
        raise GeoError(f"bbox {','.join(f'{v:g}' for v in bbox)}: at most 120° by 80° "
                       "(a conformal map of a region, not of the world)")
    return bbox


def parse_bbox(text: str) -> Bounds:
    """'west,south,east,north' (as Leaflet's toBBoxString gives it) as a checked box."""
    parts = [p.strip() for p in str(text).split(",")]
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        raise GeoError(f"bbox {text[:60]!r}: give four numbers west,south,east,north in degrees") from None
    if len(values) != 4:
        raise GeoError(f"bbox {text[:60]!r}: give four numbers west,south,east,north in degrees")
    return check_bbox((values[0], values[1], values[2], values[3]))
