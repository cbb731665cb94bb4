"""Navigational warnings, NOTAMs and news text read into danger areas.

`parse_notice(text)` is the public entry point: one GeoJSON Feature per area.
"""

from .parser import find_positions, parse_area, parse_notice, parse_position

__all__ = ["find_positions", "parse_area", "parse_notice", "parse_position"]
