"""The figure's typeface: Noto Sans KR (SIL OFL 1.1), bundled beside this module as subsets of
Latin, Hangul (the 2,350 syllables of KS X 1001 and every other one the catalogue uses) and
punctuation (made by scripts/vendor_assets.sh). One face for both languages, so an English and a
Korean figure look alike; DejaVu Sans (matplotlib's own) fills in a glyph it lacks."""

from __future__ import annotations

import functools
from pathlib import Path

from matplotlib import font_manager

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FILES = ("NotoSansKR-Regular.ttf", "NotoSansKR-Bold.ttf")
FAMILY = "Noto Sans KR"
FALLBACK = "DejaVu Sans"


@functools.cache
def register() -> list[str]:
    """Make the bundled faces known to matplotlib (once); the font families to ask for."""
    for name in FILES:
        font_manager.fontManager.addfont(str(FONT_DIR / name))
    return [FAMILY, FALLBACK]
