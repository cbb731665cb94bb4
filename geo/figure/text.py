"""Measuring and wrapping the figure's words (in inches, with its own fonts), so that a
title, a footer or a legend row is cut or wrapped where it will really end."""

from __future__ import annotations

import functools
from typing import Any

import matplotlib
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties


@functools.lru_cache(maxsize=4096)
def _measure(text: str, size: float, bold: bool, dpi: float, families: tuple[str, ...]) -> float:
    prop = FontProperties(family=list(families), size=size, weight="bold" if bold else "normal")
    w, _, _ = _MEASURER.get_text_width_height_descent(text, prop, ismath=False)
    return float(w) / dpi


_MEASURER = RendererAgg(100, 100, 100)


def text_width(text: str, size: float, renderer: Any = None, bold: bool = False) -> float:
    """The width of a text in inches (words measured once each: a footer is wrapped many times)."""
    families = tuple(matplotlib.rcParams["font.family"])
    space = _measure("a a", size, bold, 100.0, families) - _measure("aa", size, bold, 100.0, families)
    parts = text.split(" ")
    return sum(_measure(p, size, bold, 100.0, families) for p in parts if p) + space * (len(parts) - 1)


def wrap(text: str, size: float, width_in: float, renderer: Any = None) -> list[str]:
    lines: list[str] = []
    for word in text.split(" "):
        if lines and text_width(lines[-1] + " " + word, size) <= width_in:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def fit_line(text: str, size: float, width_in: float, renderer: Any, bold: bool = False) -> str:
    if text_width(text, size, renderer, bold) <= width_in:
        return text
    while text and text_width(text + "…", size, renderer, bold) > width_in:
        text = text[:-1]
    return text.rstrip() + "…"
