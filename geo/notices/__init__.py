"""Navigational warnings, NOTAMs and news text read into danger areas.

    parse_notice(text)    one notice -> GeoJSON Feature dicts, one per area
    parse_notices(text)   a text of many notices -> the features of those in force
    read_notices(text)    the same, notice by notice, with each refusal kept (for reports)
    parse_area(text)      -> shapely Polygon (MultiPolygon for several areas)
    find_positions(text), parse_position(text)

Modules, one concept each: text (normalising, line-wrap joins), positions (forms, pairing),
degrees (the value of a latitude or longitude), measures (radii and bearings), markers,
areas (which positions make which areas), area, centred (circles, sectors, annuli), labels,
shapes (geometry), notam (NOTAM items), navwarn (warning headers), validity (times),
languages (the words of each language), features (the properties, listed there), notice (one
notice), batch (many), limits (sizes), pasted (for the app and the command line).
Every refusal is a NoticeParseError pointing at the token.
"""

from .batch import NoticeReading, parse_notices, read_notice_list, read_notices, split_notices
from .features import PROPERTY_NAMES
from .limits import MAX_NOTICE_CHARS, MAX_NOTICES_CHARS
from .notice import parse_area, parse_notice
from .positions import find_positions, parse_position

__all__ = [
    "MAX_NOTICES_CHARS",
    "MAX_NOTICE_CHARS",
    "PROPERTY_NAMES",
    "NoticeReading",
    "find_positions",
    "parse_area",
    "parse_notice",
    "parse_notices",
    "parse_position",
    "read_notice_list",
    "read_notices",
    "split_notices",
]
