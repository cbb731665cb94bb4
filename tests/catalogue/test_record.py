"""The record as an independent audit reads it: sources with real titles, the 2023-2024
second-stage areas from their published corners, the May 2023 pad."""

from __future__ import annotations

import re

import pytest
from shapely.geometry import shape

from geo.build.catalogue import TITLE_NOT_SEEN
from geo.catalogue import checks
from geo.errors import FieldError
from geo.notices import parse_notice
from geo.physics import geodesy

SECOND_STAGE = ("2023-05-second-stage", "2023-08-second-stage", "2023-11-second-stage",
                "2024-05-second-stage")

# a title that describes a report instead of giving its headline
DESCRIBED = re.compile(r"\b(report|broadcast|transcript|statement|article|entry|press "
                       r"conference|white paper|blog) (of|on|from) ")


def _shipped_sources(layers):
    for name in ("sites", "events", "zones", "footprints", "tracks", "scenarios"):
        for item in layers[name]:
            yield from item["properties"].get("sources") or ()


def test_every_shipped_source_has_a_title_or_says_it_was_not_seen(layers, catalogue):
    seen = 0
    for src in _shipped_sources(layers):
        seed = catalogue.sources[src["id"]]
        title = src["title"]
        if title.endswith(TITLE_NOT_SEEN):
            assert not seed.headline_seen, src["id"]
            title = title[: -len(TITLE_NOT_SEEN)]
        else:
            assert seed.headline_seen, src["id"]
        checks.title(title)  # raises on a placeholder
        seen += 1
    assert seen > 300


@pytest.mark.parametrize("title", ["(headline not seen)", "KBS report (title not seen)",
                                   "AP report (headline seen only in the address)", "TODO",
                                   "(untitled)", "---"])
def test_a_placeholder_title_is_refused(title):
    with pytest.raises(FieldError, match="placeholder"):
        checks.title(title)


def test_a_described_title_is_marked(catalogue):
    # a published headline may be followed by a note in brackets, "(Reuters report of …)"
    unmarked = [s.id for s in catalogue.sources.values()
                if s.headline_seen and DESCRIBED.search(s.title.split(" (")[0])]
    assert unmarked == []


def test_november_2023_second_stage_area_is_notam_b4525_23(catalogue, layers):
    zone = catalogue.zones["2023-11-second-stage"]
    assert zone.geometry_method == "reported" and zone.geometry is None
    assert zone.raw_text.startswith("B4525/23 NOTAMN")
    (area,) = parse_notice(zone.raw_text)
    props = area["properties"]
    assert props["notice_id"] == "B4525/23" and props["issuer"] == "RPHI"
    assert (props["valid_from"][:10], props["valid_to"][:10]) == (zone.valid_from, zone.valid_to)
    geometry = catalogue.zone_geometry[zone.id]
    parsed = shape(area["geometry"])  # rounded to 6 decimals
    assert geometry.symmetric_difference(parsed).area < 1e-5 * parsed.area
    centre = geometry.centroid
    assert (centre.y, centre.x) == pytest.approx((13.18, 129.29), abs=0.02)
    assert 31_000 < geodesy.area_km2(geometry) < 33_000
    assert {"notam-b4525-23", "mb-2023-11-24-philsa"} <= {c.source for c in zone.sources}
    shipped = next(f for f in layers["zones"] if f["id"] == zone.id)["properties"]
    assert shipped["raw_text"] == zone.raw_text and shipped["geometry_method"] == "reported"


@pytest.mark.parametrize(("zid", "same_as"), [
    ("2023-05-second-stage", {"tongilnews-2023-08-22-zones", "koreapolicenews-2023-11-21"}),
    ("2023-08-second-stage", {"koreapolicenews-2023-11-21"}),
    ("2024-05-second-stage", {"nhk-2024-05-27"}),
])
def test_the_other_second_stage_areas_are_b4525_23_and_say_why(catalogue, layers, zid, same_as):
    zone = catalogue.zones[zid]
    november = catalogue.zones["2023-11-second-stage"]
    assert zone.raw_text == november.raw_text
    assert catalogue.zone_geometry[zid].equals(catalogue.zone_geometry[november.id])
    assert zone.confidence == "medium"  # not the notice's own corners
    cited = {c.source for c in zone.sources}
    assert {"notam-b4525-23"} | same_as <= cited
    note = next(f for f in layers["zones"] if f["id"] == zid)["properties"]["geometry_note"]
    assert "No corner list of this notice's own was found" in note
    assert "B4525/23" in note and "the November notice's text" in note


def test_no_second_stage_area_is_the_old_circle_east_of_samar(catalogue):
    for zid in SECOND_STAGE:
        assert "Samar" not in catalogue.zones[zid].raw_text


def test_may_2023_launch_is_on_the_coastal_pad_with_csis_as_a_version(catalogue):
    events = catalogue.events
    launch = events["2023-05-30-malligyong-1"]
    assert launch.site == "sohae-lc2"
    # South Korea's intelligence service is credited only with the source that reports it
    assert "South Korean intelligence" not in launch.summary
    nis = [c for c in launch.sources if c.source == "kbs-2023-csis-original-pad"]
    assert "National Intelligence Service" in launch.summary
    assert nis and "National Intelligence Service" in (nis[0].quote or "")
    csis = events["2023-05-30-malligyong-1-csis-pad"]
    assert (csis.site, csis.version_of) == ("sohae-lc1", launch.id)
    assert [c.source for c in csis.sources] == ["kbs-2023-csis-original-pad"]
    for vid in catalogue.versions_of(launch.id):
        if vid != csis.id:
            assert events[vid].site == "sohae-lc2", vid


SATELLITES = {  # launch: (COSPAR, NORAD, decay date)
    "2012-12-12-kwangmyongsong-3-unit-2": ("2012-072A", 39026, "2023-09-13"),
    "2016-02-07-kwangmyongsong-4": ("2016-009A", 41332, "2023-06-30"),
    "2023-11-21-malligyong-1": ("2023-179A", 58400, None),
}


def test_satellites_carry_their_numbers_orbit_and_decay(catalogue, layers):
    events = {f["id"]: f["properties"] for f in layers["events"]}
    for eid, (cospar, norad, decay) in SATELLITES.items():
        sat = catalogue.events[eid].satellite
        assert (sat.cospar_id, sat.norad_id, sat.decay_date) == (cospar, norad, decay), eid
        assert 400 < sat.perigee_km <= sat.apogee_km < 600 and 97 < sat.inclination_deg < 98
        shipped = events[eid]
        assert (shipped["cospar_id"], shipped["norad_id"], shipped["decay_date"]) == \
            (cospar, norad, decay)
        assert shipped["orbit_note"] == sat.orbit_note
        given = [fact for fact in ("cospar_id", "norad_id", "decay_date") if getattr(sat, fact)]
        assert list(sat.cited) == given, eid  # every catalogue fact has its sources
        listed = {c.source for c in catalogue.events[eid].sources}
        assert all(c.source in listed for cs in sat.cited.values() for c in cs), eid
        for fact in given:  # the card says which source gives which number
            assert str(getattr(sat, fact)) in shipped["satellite_sources"], eid
    carrying = {e.id for e in catalogue.events.values() if e.satellite is not None}
    assert carrying == set(SATELLITES)  # only launches that reached orbit
    assert all(catalogue.events[e].kind == "launch" and catalogue.events[e].outcome == "success"
               for e in carrying)


def test_every_decay_is_an_event_on_its_day(catalogue):
    decays = {e.time_utc: e for e in catalogue.events.values() if e.kind == "orbit"
              and "decays" in e.name}
    for eid, (_, _, decay) in SATELLITES.items():
        if decay:
            assert decay in decays, eid
            assert decays[decay].site == catalogue.events[eid].site


@pytest.mark.parametrize("eid", [
    "2022-12-18-final-stage-test", "2023-06-30-kms-4-decays", "2023-09-13-kms-3-2-decays",
    "2023-11-22-kim-at-control-center", "2024-02-19-malligyong-1-perigee-raised",
    "2022-03-kim-orders-sohae-expansion", "2022-02-27-satellite-test",
    "2022-03-05-satellite-test", "2023-05-16-kim-inspects-satellite",
])
def test_the_events_of_2022_to_2024_the_audit_found_are_there(catalogue, eid):
    assert catalogue.events[eid].sources


def test_the_control_center_has_events(layers):
    at_gscc = [f for f in layers["events"] if f["properties"]["site_id"] == "pyongyang-gscc"]
    assert len(at_gscc) >= 2


def test_the_dumas_vote_is_in_the_record(catalogue):
    ratified = catalogue.events["2024-11-09-russia-ratifies"]
    assert "24 October 2024" in ratified.summary
    assert {"reuters-2024-10-24-duma", "tass-2024-10-26-zakharova"} <= \
        {c.source for c in ratified.sources}
