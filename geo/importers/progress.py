"""Progress: a callback (fraction done, what is happening) that a terminal bar or the app draws."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

Progress = Callable[[float, str], None]


def no_progress(fraction: float, text: str) -> None:
    """A progress callback that shows nothing."""


class TerminalBar:
    """A one-line bar on stderr, redrawn at most ten times a second; silent when not a terminal."""

    def __init__(self, stream: TextIO | None = None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.last = 0.0
        self.drawn = False

    def __call__(self, fraction: float, text: str) -> None:
        """Draw the bar at fraction (0..1) with a short text."""
        now = time.monotonic()
        if not self.enabled or (now - self.last < 0.1 and 0 < fraction < 1):
            return
        self.last = now
        filled = int(max(0.0, min(1.0, fraction)) * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r\x1b[K[{bar}] {fraction:4.0%} {text[:60]}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """Clear the bar's line."""
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False
