"""geo.packing: layers packed for the browser unpack to exactly what was packed."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from geo.map.packing import pack, unpack


def _point(fid, props, lon=124.7, lat=39.6):
    return {"type": "Feature", "id": fid, "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": props}


def _identity(props):
    return props


def _style(props):
    return {"color": "#123456", "kind": props.get("kind")}


def test_repeated_values_are_sent_once_and_unique_ones_plainly():
    sources = [{"title": "One report", "url": "https://example.org/a"}]
    features = [_point(f"e{i}", {"name": f"Event {i}", "kind": "launch", "sources": sources})
                for i in range(100)]
    packed = pack(features, _identity, _style, ("kind",))
    columns = dict(packed["columns"])
    assert columns["sources"] == {"dict": [sources], "codes": [0] * 100}
    assert columns["kind"] == {"dict": ["launch"], "codes": [0] * 100}
    assert columns["name"] == {"values": [f"Event {i}" for i in range(100)]}
    assert packed["style"] == {"table": [{"color": "#123456", "kind": "launch"}], "codes": [0] * 100}
    assert packed["geometry"][0] == [124.7, 39.6]
    assert len(json.dumps(packed)) < len(json.dumps(features)) / 3


def test_unpacked_features_are_the_packed_ones_without_nulls():
    features = [
        _point("a", {"name": "A", "kind": "launch", "outcome": None, "n": 0, "flag": False}),
        {"type": "Feature",
         "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
         "properties": {"name": "B", "kind": "zone", "n": 1.5, "flag": True, "__proto__": "x"}},
        _point(None, {"id": "c", "name": None, "kind": "launch", "n": True}),
    ]
    unpacked = unpack(pack(features, _identity, _style, ("kind",)))
    assert [f["id"] for f in unpacked] == ["a", "feature-2", "c"]
    assert unpacked[0]["properties"] == {"id": "a", "name": "A", "kind": "launch", "n": 0, "flag": False}
    assert unpacked[1]["geometry"] == features[1]["geometry"]
    assert unpacked[1]["properties"]["__proto__"] == "x"
    assert unpacked[2]["properties"] == {"id": "c", "kind": "launch", "n": True}
    assert type(unpacked[2]["properties"]["n"]) is bool  # True is not the number 1


def test_a_feature_keeps_its_own_field_order():
    features = [_point("a", {"id": "a", "x": 1, "y": 2}), _point("b", {"y": 3, "id": "b", "x": 4})]
    packed = pack(features, _identity, _style, ())
    assert packed["order"] == {"1": [1, -1, 0]}
    assert [list(f["properties"]) for f in unpack(packed)] == [["id", "x", "y"], ["y", "id", "x"]]


values = st.one_of(st.none(), st.booleans(), st.integers(-10, 10), st.sampled_from(["a", "b", "", "1"]),
                   st.lists(st.sampled_from(["s", "t"]), max_size=2))
props = st.dictionaries(st.sampled_from(["name", "kind", "1", "10", "__proto__", "x y"]), values,
                        max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.lists(props, max_size=12))
def test_round_trip(rows):
    features = [_point(f"f{i}", row) for i, row in enumerate(rows)]
    unpacked = unpack(pack(features, _identity, _style, ("kind",)))
    for feature, out in zip(features, unpacked, strict=True):
        expected = {k: v for k, v in {**feature["properties"], "id": feature["id"]}.items() if v is not None}
        assert list(out["properties"].items()) == list(expected.items())
