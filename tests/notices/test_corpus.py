"""The corpus of real and constructed notices in tests/data/notices: each gives its expected areas.

archive.json holds real NOTAMs from the Joey0609/notams archive (MIT licence) with that viewer's
reading of their corners; expected.yaml says what each holds, read by hand, and whether the
viewer's reading agrees (and if not, why the viewer is wrong). warnings.yaml holds navigational
warnings in English, Chinese, Japanese and Korean.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pyproj import Geod
from shapely.geometry import Polygon, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from geo.errors import NoticeParseError
from geo.notices import parse_notice, parse_notices
from geo.physics import geodesy

DATA = Path(__file__).resolve().parent.parent / "data" / "notices"
ARCHIVE = json.loads((DATA / "archive.json").read_text(encoding="utf-8"))
EXPECTED = yaml.safe_load((DATA / "expected.yaml").read_text(encoding="utf-8"))
WARNINGS = yaml.safe_load((DATA / "warnings.yaml").read_text(encoding="utf-8"))
MESSAGES = {code: (text, coords) for code, text, coords
            in zip(ARCHIVE["CODE"], ARCHIVE["RAWMESSAGE"], ARCHIVE["COORDINATES"], strict=True)}
GEOD = Geod(ellps="WGS84")
_CORNER = re.compile(r"([NS])(\d{2})(\d{2}(?:\.\d+)?)(\d{2})?([EW])(\d{3})(\d{2}(?:\.\d+)?)(\d{2})?")


def corners(notation: str) -> list[tuple[float, float]]:
    """'N3604E12430-N3604E12454-…' (minutes may have decimals) -> [(lon, lat), …]."""
    out = []
    for m in _CORNER.finditer(notation):
        ns, dlat, mlat, slat, ew, dlon, mlon, slon = m.groups()
        lat = int(dlat) + float(mlat) / 60 + int(slat or 0) / 3600
        lon = int(dlon) + float(mlon) / 60 + int(slon or 0) / 3600
        out.append((-lon if ew == "W" else lon, -lat if ns == "S" else lat))
    assert out, notation
    return out


def iou(a: BaseGeometry, b: BaseGeometry) -> float:
    return a.intersection(b).area / a.union(b).area


def viewer_polygon(notation: str) -> BaseGeometry:
    """The viewer's corners joined in its order (repaired to their area when they cross)."""
    polygon = Polygon(corners(notation))
    return polygon if polygon.is_valid else polygon.buffer(0)


def check_area(feature: dict[str, Any], expected: dict[str, Any]) -> None:
    """A feature against one expected area of the corpus."""
    props = feature["properties"]
    got = shape(feature["geometry"])
    assert got.is_valid and got.exterior.is_ccw
    if "label" in expected:
        assert props["area_label"] == expected["label"]
    if "shape" in expected:
        assert props["shape"] == expected["shape"]
    if "corners" in expected:
        want = corners(expected["corners"])
        assert {(round(x, 6), round(y, 6)) for x, y in got.exterior.coords} == \
            {(round(x, 6), round(y, 6)) for x, y in want}
        assert iou(got, Polygon(want)) > 0.9999
    if "centre" in expected:
        ((lon, lat),) = corners(expected["centre"])
        radius = expected.get("radius_km", 0) * 1000 or expected.get("radius_nm", 0) * 1852
        outer = max(radius, expected.get("sector_km", 0) * 1000)
        distances = [GEOD.inv(lon, lat, x, y)[2] for x, y in got.exterior.coords]
        assert max(distances) == pytest.approx(outer, abs=1.0)
        if "bearings" in expected:  # the circle, and the sector's arc out to its radius
            start, end = expected["bearings"]
            for x, y in got.exterior.coords:
                azimuth, _, distance = GEOD.inv(lon, lat, x, y)
                if distance > radius + 1:
                    assert (azimuth - start) % 360 <= (end - start) % 360 + 1e-6
            sweep = math.radians((end - start) % 360)
            flat = math.pi * radius**2 + sweep / 2 * (outer**2 - radius**2)
            assert geodesy.area_km2(got) == pytest.approx(flat / 1e6, rel=0.01)
        else:
            assert min(distances) == pytest.approx(radius, abs=1.0)
    if "area_km2" in expected:
        assert geodesy.area_km2(got) == pytest.approx(expected["area_km2"], rel=0.005)
    if "fall_point" in expected:
        ((lon, lat),) = corners(expected["fall_point"])
        assert props["expected_fall_point"] == pytest.approx([lon, lat], abs=1e-9)
    else:
        assert props["expected_fall_point"] is None


# --- the NOTAM archive ---------------------------------------------------------------------


def test_every_archived_message_has_its_expectation():
    assert set(EXPECTED) == set(MESSAGES)
    assert all(entry.get("covers") and entry.get("viewer") for entry in EXPECTED.values())


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_archived_notice(code: str) -> None:
    text, viewer = MESSAGES[code]
    entry = EXPECTED[code]
    if "refused" in entry:
        with pytest.raises(NoticeParseError) as info:
            parse_notice(text)
        assert entry["refused"] in info.value.message
        if "token" in entry:
            assert text[info.value.start : info.value.end] == entry["token"]
        return
    features = parse_notice(text)
    assert len(features) == len(entry["areas"])
    for feature, expected in zip(features, entry["areas"], strict=True):
        check_area(feature, expected)
    for name, value in entry.get("properties", {}).items():
        assert all(f["properties"][name] == value for f in features), name


@pytest.mark.parametrize("code", sorted(c for c, e in EXPECTED.items() if "areas" in e))
def test_the_viewer_agrees_or_is_shown_wrong(code: str) -> None:
    """Where the viewer's corners give another area, the expectation says why it is wrong."""
    text, viewer = MESSAGES[code]
    ours = [shape(f["geometry"]) for f in parse_notice(text)]
    theirs = viewer_polygon(viewer)
    best = max(iou(shape_, theirs) for shape_ in [*ours, unary_union(ours)])
    if EXPECTED[code]["viewer"].startswith("agrees"):
        assert best >= 0.97
    else:
        assert best < 0.97


def test_the_viewer_bow_tie_is_not_a_simple_polygon():
    """F3813/21: the viewer's ring crosses itself; ours is the one simple ring through the corners."""
    _, viewer = MESSAGES["F3813/21"]
    assert not Polygon(corners(viewer)).is_valid
    assert Polygon(corners(EXPECTED["F3813/21"]["areas"][0]["corners"])).is_valid


def test_the_viewer_merged_two_areas_into_one_crossing_ring():
    """A0632/23: two rings, each closed by BACK TO START; the viewer's eight corners cross."""
    text, viewer = MESSAGES["A0632/23"]
    assert text.count("BACK TO START") == 2
    assert not Polygon(corners(viewer)).is_valid
    first, second = (shape(f["geometry"]) for f in parse_notice(text))
    assert not first.intersects(second)


def test_a_batch_of_the_archive_draws_replaced_notices_once():
    codes = ["A0060/22", "A0077/22", "F3813/21", "F3826/21"]
    text = "\n\n".join(MESSAGES[code][0] for code in codes)
    drawn = parse_notices(text)
    assert [f["properties"]["notice_id"] for f in drawn] == ["A0077/22", "F3826/21"]
    assert [f["properties"]["replaces"] for f in drawn] == ["A0060/22", "F3813/21"]


# --- warnings in four languages ------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(WARNINGS))
def test_warning(name: str) -> None:
    entry = WARNINGS[name]
    features = parse_notice(entry["text"])
    assert len(features) == len(entry["areas"])
    for feature, expected in zip(features, entry["areas"], strict=True):
        check_area(feature, expected)
    for prop, value in entry.get("properties", {}).items():
        assert features[0]["properties"][prop] == value, prop


@pytest.mark.parametrize("name", sorted(n for n, e in WARNINGS.items() if "same_as" in e))
def test_the_same_corners_in_another_language_give_the_same_area(name: str) -> None:
    ours = [shape(f["geometry"]) for f in parse_notice(WARNINGS[name]["text"])]
    other = [shape(f["geometry"]) for f in parse_notice(WARNINGS[WARNINGS[name]["same_as"]]["text"])]
    assert len(ours) == len(other)
    for a, b in zip(ours, other, strict=True):
        assert set(a.exterior.coords) == set(b.exterior.coords)
        assert a.equals(b)
