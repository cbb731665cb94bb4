"""Reading back the layers that a rendered map sends to the browser (geo.featurelayer)."""

from __future__ import annotations

import json
import re
from typing import Any

from geo.map.packing import unpack

_CALL = re.compile(r"geoFeatureLayer\.make\(JSON\.parse\('((?:[^'\\]|\\.)*)'\)")
_ESCAPES = {"\\\\": "\\", "\\'": "'", "\\x3c": "<", "\\u2028": "\u2028", "\\u2029": "\u2029"}


def packed_layers(html: str) -> list[dict[str, Any]]:
    """Every packed layer in the page or script, decoded from its JSON.parse('…') literal."""
    out = []
    for match in _CALL.finditer(html):
        text = re.sub(r"\\(?:\\|'|x3c|u2028|u2029)", lambda m: _ESCAPES[m.group()], match.group(1))
        out.append(json.loads(text))
    return out


def map_layers(html: str) -> list[list[dict[str, Any]]]:
    """The features of every layer in the page or script, as the browser unpacks them."""
    return [unpack(packed) for packed in packed_layers(html)]


_LAYER = re.compile(r"var (\w+) = geoFeatureLayer\.make\(JSON\.parse\('(?:[^'\\]|\\.)*'\),\s*"
                    r"(\{.*?\})\);", re.S)


def layer_visibility(script: str) -> dict[str, bool]:
    """For each layer of the project in the page or script: whether it is added to the map."""
    out = {}
    for match in _LAYER.finditer(script):
        options = json.loads(match.group(2))
        if options.get("control"):
            out[options["layer"]] = f"{match.group(1)}.addTo(" in script
    return out
