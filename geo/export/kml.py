"""KML that is always well-formed XML, whatever the field names and values are.

GDAL's KML driver escapes values but writes field names into XML attributes as they are, so a
column called ``R&D`` breaks the file and one called ``x" onload="y`` adds an attribute. Field
names are therefore renamed to letters, digits, space, '-', '.' and '_' (other characters
become '_'; a clash gets _2, _3…), characters that XML 1.0 cannot hold are replaced in every
text, and the written file is parsed before it takes the target's place.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from pathlib import Path
from typing import Any

from ..errors import ExportError
from ..layers import popup, registry
from .frames import Layers, to_frame

_UNSAFE_NAME = re.compile(r"[^\w .\-]")
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def safe_field_names(names: list[str]) -> dict[str, str]:
    """{column: name for KML}: unsafe characters replaced, unique without regard to case."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        base = _UNSAFE_NAME.sub("_", str(name)).strip() or "field"
        unique, count = base, 2
        while unique.lower() in taken:
            unique, count = f"{base}_{count}", count + 1
        taken.add(unique.lower())
        out[name] = unique
    return out


def xml_text(value: Any) -> Any:
    """Text with the characters XML 1.0 cannot hold (most controls, U+FFFE…) replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def write_kml(layers: Layers, tmp: Path) -> None:
    """One folder per layer, an HTML description (the popup) per placemark; checked after."""
    related = popup.related_in(layers)
    for index, (name, features) in enumerate(layers.items()):
        frame = to_frame(features)
        spec = registry.spec_of(name).popup
        frame["description"] = [popup.render(spec, item.get("properties") or {}, related)
                                for item in features]
        columns = [column for column in frame.columns if column != "geometry"]
        frame = frame.rename(columns=safe_field_names(columns))
        for column in frame.columns:
            if column != "geometry":
                frame[column] = [xml_text(value) for value in frame[column]]
        frame.to_file(tmp, layer=_UNSAFE_NAME.sub("_", name), driver="KML", engine="pyogrio",
                      append=index > 0,
                      dataset_options={"NameField": "name", "DescriptionField": "description"})
    check_well_formed(tmp)


def check_well_formed(path: Path) -> None:
    """Parse the file as XML (streaming); raises ExportError when it is not well-formed."""
    parser = xml.parsers.expat.ParserCreate()
    try:
        with open(path, "rb") as handle:
            parser.ParseFile(handle)
    except xml.parsers.expat.ExpatError as exc:
        raise ExportError(f"the KML written is not well-formed XML ({exc}); nothing was "
                          "written") from None
