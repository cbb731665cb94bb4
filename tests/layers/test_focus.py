"""An event's parts and frame, as the explorer's focusSet and eventView choose them."""

from __future__ import annotations

from geo.layers import registry
from geo.layers.focus import NEAR_KM, event_bounds, focus_set

EVENT = "2024-05-27-malligyong-1-1"


def test_an_event_is_itself_its_site_and_what_follows_it(layers):
    parts = focus_set(layers, EVENT)
    assert [f["id"] for f in parts["events"]] == [EVENT]
    assert [f["id"] for f in parts["sites"]] == ["sohae-lc2"]
    for spec in registry.BUILTIN:
        if spec.follows:
            expected = {f["id"] for f in layers[spec.name] if f["properties"][spec.follows[1]] == EVENT}
            assert {f["id"] for f in parts.get(spec.name, [])} == expected
    assert "2024-05-second-stage" in {f["id"] for f in parts["zones"]}
    assert focus_set(layers, "no-such-event") == {}


def test_the_frame_leaves_out_the_far_parts(layers):
    west, south, east, north = event_bounds(layers, EVENT)
    assert west < 124.74 < east and south < 39.65 < north  # the pad
    assert south > 30  # the second-stage area near the Philippines, ~2,600 km off, is not framed
    assert NEAR_KM == 900
