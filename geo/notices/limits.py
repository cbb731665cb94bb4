"""How much text the parser reads: above these sizes it refuses, at once, with a message.

The parser's time grows in proportion to the text (benchmarks/bench_notices.py --scaling),
so these limits bound the wait, not an algorithm: the longest notice of the NOTAM archive's
development set has 1,487 characters.
"""

from __future__ import annotations

from ..errors import NoticeParseError

MAX_NOTICE_CHARS = 100_000
"""One notice: parse_notice, parse_area."""
MAX_NOTICES_CHARS = 2_000_000
"""A text or file of many notices: parse_notices, read_notices, `geo zones parse`."""
NOTICES_SECONDS = 30.0
"""The time a text of many notices may take: the notices not reached by then are refused, each
with a message, instead of holding the server (2,000,000 characters take about 5 s)."""


def check_size(text: str, limit: int, what: str = "notice text") -> None:
    """Refuse text longer than limit characters, naming both sizes."""
    if len(text) > limit:
        raise NoticeParseError(f"{what} is {len(text):,} characters; the limit is {limit:,}",
                               text, 0, 0)
