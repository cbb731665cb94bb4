"""User text inside Streamlit's Markdown: shown as the characters it is, never as Markdown.

Streamlit renders messages, button labels and progress texts as Markdown (links, images, emphasis,
`:red[…]` colours, `:material/…:` icons, `$…$` formulas). A file name or a notice id put there
as it is would become a live link, or an image fetched from another host. CommonMark lets every
ASCII punctuation character be escaped with a backslash, which then stands for itself.
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_BREAKS = re.compile(r"[\r\n\t\u2028\u2029]+")


def plain(text: object) -> str:
    """The text with every Markdown character escaped, on one line."""
    return _PUNCTUATION.sub(r"\\\1", _BREAKS.sub(" ", str(text)))
