"""Print the characters the figure's font keeps (for pyftsubset --text-file): Latin, punctuation,
the 2,350 Hangul syllables of KS X 1001, and every character of the catalogue (its sources' Korean,
Japanese and Chinese titles and publishers), the places and the figure's own words. Run by
scripts/vendor_assets.sh."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RANGES = ((0x20, 0x7E), (0xA0, 0x17F), (0x2010, 0x2027), (0x2030, 0x203A), (0x2190, 0x2193),
          (0x2212, 0x2212), (0x3000, 0x303F), (0x3131, 0x318E))
TEXTS = (*sorted((ROOT / "seeds").rglob("*.yaml")), *sorted((ROOT / "seeds").rglob("*.csv")),
         ROOT / "geo" / "data" / "places.json", ROOT / "geo" / "figure" / "words.py")


def ks_x_1001_hangul() -> set[str]:
    """The Hangul syllables of KS X 1001 (EUC-KR rows 0xB0-0xC8), the ones in everyday use."""
    found = set()
    for high in range(0xB0, 0xC9):
        for low in range(0xA1, 0xFF):
            try:
                found.add(bytes([high, low]).decode("euc_kr"))
            except UnicodeDecodeError:
                continue
    return found


def main() -> None:
    chars = {chr(c) for lo, hi in RANGES for c in range(lo, hi + 1)} | ks_x_1001_hangul()
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        chars |= {c for c in text if c.isprintable()}  # Hangul, and the Hanja and kana of titles
    sys.stdout.write("".join(sorted(chars)) + "\n")


if __name__ == "__main__":
    main()
