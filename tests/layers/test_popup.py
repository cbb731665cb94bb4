"""Popup specs rendered on the server: escaped, only http(s) links, what each layer must say."""

from __future__ import annotations

import pytest

from geo.layers import popup, registry
from geo.layers.spec import Popup, Row

HOSTILE = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'


@pytest.mark.parametrize(
    ("url", "linked"),
    [("https://example.org/a?b=1&c=2", True), ("http://example.org", True),
     ("HTTPS://example.org", True), (" https://example.org ", True),
     ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), ("data:text/html,x", False),
     ("//evil.example", False), ("ftp://example.org", False),
     ("httpſ://example.org", False)],  # the long s is no "s" to a browser
)
def test_only_http_urls_become_links(url, linked):
    html = popup.safe_link(url, "label")
    assert html.startswith("<a ") is linked
    if linked:
        assert 'target="_blank"' in html and 'rel="noopener noreferrer"' in html


def test_urls_in_free_text_are_linked_only_when_http():
    html = popup.linked_text("see https://a.org/x, httpſ://b.org and javascript:alert(1)")
    assert html.count("<a ") == 1 and 'href="https://a.org/x"' in html


def test_hostile_text_is_escaped():
    props = {"name": HOSTILE, "summary": HOSTILE, "time_utc": "2024-05-27",
             "sources": [{"title": HOSTILE, "url": "javascript:alert(1)"}]}
    html = popup.render(registry.EVENTS.popup, props)
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert 'href="javascript' not in html


def test_zone_popup_says_method_confidence_window_and_raw_text(layers):
    zone = next(f for f in layers["zones"] if f["id"] == "2016-02-first-stage")["properties"]
    html = popup.render(registry.ZONES.popup, zone)
    for text in ("reported", "high", "2016-02-07 to 2016-02-14", "36°04′N 124°30′E", "Sources",
                 "Notice text", "km²"):
        assert text in html


def test_event_popup_has_times_vehicle_payload_outcome_and_sources(layers):
    event = next(f for f in layers["events"] if f["id"] == "2016-02-07-kwangmyongsong-4")
    html = popup.render(registry.EVENTS.popup, event["properties"])
    for text in ("2016-02-07 00:30 UTC", "2016-02-07 09:00+08:30", "Unha-3 type",
                 "Kwangmyongsong-4", "success", 'target="_blank"'):
        assert text in html


def test_a_site_lists_the_events_there(layers):
    site = next(f for f in layers["sites"] if f["id"] == "sohae-lc1")["properties"]
    html = popup.render(registry.SITES.popup, site, popup.related_in(layers))
    assert "Events here" in html and "2016-02-07: Kwangmyongsong-4 launch" in html
    assert "Events here" not in popup.render(registry.SITES.popup, site)  # nothing to look in


def test_the_card_is_the_short_part(layers):
    event = next(f for f in layers["events"] if f["id"] == "2024-05-27-malligyong-1-1")
    card = popup.render(registry.EVENTS.popup, event["properties"], card=True)
    full = popup.render(registry.EVENTS.popup, event["properties"])
    assert "Malligyong-1-1" in card and "UTC" in card
    assert "Sources" not in card and "Sources" in full and len(card) < len(full) / 2


@pytest.mark.parametrize(("value", "text"), [
    (1234.5, "1,235 km²"), (0.5, "1 km²"), (2.5, "3 km²"), (-0.4, "0 km²"), (1e20, "… km²"),
])
def test_numbers_round_half_away_from_zero_as_javascript_does(value, text):
    spec = Popup(rows=(Row("Area", ("a",), "km2"),))
    assert f"<td>{text}</td>" in popup.render(spec, {"a": value})


def test_hidden_values_and_blank_rows_are_left_out():
    spec = Popup(rows=(Row("Outcome", ("outcome",), hide=("n/a",)), Row("Stage", ("stage",))))
    assert "<table>" not in popup.render(spec, {"outcome": "n/a", "stage": ""})
