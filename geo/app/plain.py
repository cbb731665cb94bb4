"""User text inside Streamlit's Markdown: shown as the characters it is, never as Markdown.

Streamlit renders messages, button labels and progress texts as Markdown (links, images, emphasis,
`:red[…]` colours, `:material/…:` icons, `$…$` formulas). A file name or a notice id put there
as it is would become a live link, or an image fetched from another host. CommonMark lets every
ASCII punctuation character be escaped with a backslash, which then stands for itself. GitHub's
autolinks (http://…, www.…, mailto:, a@b.c) are found in the text after escapes: an invisible word joiner
(U+2060) before each such start and after each @ keeps them text.
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_BREAKS = re.compile(r"[\r\n\t\u2028\u2029]+")
_LINK_START = re.compile(r"(?i)(?=https?\\:\\/\\/|www\\\.|mailto\\:|xmpp\\:)|(?<=@)")
JOINER = "\u2060"


def plain(text: object) -> str:
    """The text with every Markdown character escaped, on one line."""
    escaped = _PUNCTUATION.sub(r"\\\1", _BREAKS.sub(" ", str(text)))
    return _LINK_START.sub(JOINER, escaped)
