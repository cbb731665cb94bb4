"""Imported layers follow the timeline: dated features filtered, undated ones always shown."""

from __future__ import annotations

from datetime import date

from geo.layers.filters import filter_layers


def _feature(fid, time_utc=None):
    props = {"name": fid} | ({"time_utc": time_utc} if time_utc else {})
    return {"type": "Feature", "id": fid, "properties": props,
            "geometry": {"type": "Point", "coordinates": [125, 39]}}


LAYERS = {"imported-mine": [_feature("old", "1984-04-09"), _feature("mid", "2016-02-07T00:29Z"),
                   _feature("month", "2023-05"), _feature("undated"), _feature("odd", "someday")]}
FULL = (date(1998, 8, 31), date(2024, 5, 27))


def _ids(layers):
    return [f["id"] for f in layers["imported-mine"]]


def test_a_narrowed_range_filters_dated_features():
    kept = filter_layers(LAYERS, date(2010, 1, 1), date(2020, 1, 1), FULL)
    assert _ids(kept) == ["mid", "undated", "odd"]


def test_the_ends_of_the_full_range_are_open():
    """The slider spans the catalogue; imported launches from 1984 still show at full range."""
    assert _ids(filter_layers(LAYERS, *FULL, FULL)) == ["old", "mid", "month", "undated", "odd"]
    assert _ids(filter_layers(LAYERS, FULL[0], date(2020, 1, 1), FULL)) == [
        "old", "mid", "undated", "odd"]
    assert _ids(filter_layers(LAYERS, date(2020, 1, 1), FULL[1], FULL)) == [
        "month", "undated", "odd"]
