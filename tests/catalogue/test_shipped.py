"""Every shipped record: cited, valid, in range; and the facts that matter most are right."""

from __future__ import annotations

import re

import pytest
import yaml

from geo.catalogue import load_catalogue
from geo.physics import geodesy

from ..conftest import SEEDS


def _ids(file_name: str) -> list[str]:
    return [rec["id"] for rec in yaml.safe_load((SEEDS / file_name).read_text(encoding="utf-8"))]


@pytest.mark.parametrize("source_id", _ids("sources.yaml"))
def test_every_source_is_complete(catalogue, source_id):
    src = catalogue.sources[source_id]
    for field in ("title", "publisher", "date", "url"):
        assert getattr(src, field), field
    assert src.url.startswith(("https://", "http://"))


@pytest.mark.parametrize(
    ("kind", "rid"),
    [(kind, rid) for kind, name in (("sites", "sites.yaml"), ("events", "events.yaml"),
                                    ("zones", "zones.yaml"), ("anchors", "anchors.yaml"))
     for rid in _ids(name)],
)
def test_every_record_cites_a_known_source(catalogue, kind, rid):
    record = getattr(catalogue, kind)[rid]
    assert record.sources, "no source"
    for citation in record.sources:
        assert citation.source in catalogue.sources


@pytest.mark.parametrize("rid", _ids("sites.yaml"))
def test_every_site_is_in_the_region(catalogue, rid):
    site = catalogue.sites[rid]
    assert 30 <= site.lat <= 60 and 30 <= site.lon <= 140  # Moscow to Tonghae
    assert 0 < site.precision_m <= (10_000 if site.kind == "city" else 5_000)


HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.mark.parametrize("rid", _ids("events.yaml"))
def test_every_event_has_its_korean_name(catalogue, rid):
    """names.en is the name (one English name, not two that drift) and names.ko is Korean; a
    version's Korean name is its main record's with the same kind of suffix as in English."""
    event = catalogue.events[rid]
    assert event.names is not None, "no names"
    assert event.names["en"] == event.name
    assert HANGUL.search(event.names.get("ko", "")), "no Korean name"
    if event.version_of is not None:
        main = catalogue.events[event.version_of]
        assert event.name.startswith(main.name + ": ")
        assert event.names["ko"].startswith(main.names["ko"] + ": ")


@pytest.mark.parametrize("rid", _ids("zones.yaml"))
def test_every_zone_has_a_valid_geometry_in_the_region(catalogue, rid):
    geometry = catalogue.zone_geometry[rid]
    assert geometry.is_valid and not geometry.is_empty
    west, south, east, north = geometry.bounds
    assert 110 < west < east < 175 and 10 < south < north < 45  # the 2009 Pacific area: 172°E
    assert 100 < geodesy.area_km2(geometry) < 150_000


def test_every_source_is_cited(catalogue):
    cited = {c.source for kind in ("anchors", "sites", "events", "zones", "models")
             for rec in getattr(catalogue, kind).values() for c in rec.sources}
    cited |= {c.source for model in catalogue.models.values() for v in model.versions
              for c in v.sources}
    assert set(catalogue.sources) - cited == set()


def test_a_source_read_in_a_copy_says_so(layers):
    """via and secondary reach every popup through the publisher's text."""
    for name in ("sites", "events", "zones"):
        for item in layers[name]:
            for src in item["properties"]["sources"]:
                if src.get("via"):
                    assert f", via {src['via']}" in src["publisher"], src["id"]
                if src.get("secondary"):
                    assert "(secondary" in src["publisher"], src["id"]


def test_distances_between_sites_match_the_research(catalogue):
    sites = catalogue.sites
    lc1, lc2 = sites["sohae-lc1"], sites["sohae-lc2"]
    dist, azimuth = geodesy.distance_azimuth(lc1.lon, lc1.lat, lc2.lon, lc2.lat)
    assert dist == pytest.approx(2800, abs=100) and azimuth == pytest.approx(107, abs=2)
    pyongyang = sites["pyongyang"]
    dist, _ = geodesy.distance_azimuth(lc1.lon, lc1.lat, pyongyang.lon, pyongyang.lat)
    assert dist == pytest.approx(114_000, abs=2000)
    pad = sites["vostochny-1s"]
    dist, azimuth = geodesy.distance_azimuth(lc1.lon, lc1.lat, pad.lon, pad.lat)
    assert dist == pytest.approx(1_387_000, abs=5000) and azimuth == pytest.approx(10, abs=1)


def test_launches_of_facts_md_are_all_there(catalogue):
    launches = [e.time_utc[:10] for e in catalogue.events.values()
                if e.kind == "launch" and e.version_of is None]
    assert sorted(launches) == ["1998-08-31", "2009-04-05", "2012-04-12", "2012-12-12",
                                "2016-02-07", "2023-05-30", "2023-08-23", "2023-11-21",
                                "2024-05-27"]


def test_no_launch_since_may_2024(catalogue):
    """The story to 2026-11-29: visits, a treaty, construction and engine tests, no launch."""
    later = [e for e in catalogue.events.values() if e.time_utc[:10] > "2024-05-27"]
    assert later and all(e.kind != "launch" for e in later)
    assert {e.kind for e in later} >= {"visit", "treaty", "construction", "engine_test", "claim"}


def test_versions_disagree_and_say_so(layers):
    """Each version of a fact is its own record with its own sources; every member of a group
    names the others."""
    for name in ("events", "zones"):
        by_id = {f["id"]: f["properties"] for f in layers[name]}
        for fid, props in by_id.items():
            for other in props["versions"]:
                assert fid in by_id[other]["versions"], (fid, other)
                assert by_id[other]["name"] in props["versions_note"]
                assert {s["id"] for s in props["sources"]} != {s["id"] for s in
                                                              by_id[other]["sources"]}
    events = {f["id"]: f["properties"] for f in layers["events"]}
    assert "2009-04-05-kwangmyongsong-2-kcna-time" in events["2009-04-05-kwangmyongsong-2"]["versions"]
    zones = {f["id"]: f["properties"] for f in layers["zones"]}
    assert zones["2012-04-13-mnd-fall-area"]["versions"] == ["2012-04-13-first-stage-debris"]


def test_the_corrected_facts_of_the_audit(catalogue):
    events, sites = catalogue.events, catalogue.sites
    assert events["2009-04-05-kwangmyongsong-2"].time_utc == "2009-04-05T02:30:15Z"
    assert sites["tonghae"].precision_m == 1000
    assert events["2024-05-27-malligyong-1-1"].site == "sohae-lc2"
    assert (sites["pyongyang-gscc"].lat, sites["pyongyang-gscc"].lon) == (39.0425, 125.71)
    for zid in ("2009-04-first-stage", "2009-04-second-stage", "2012-04-first-stage",
                "2012-04-second-stage"):
        assert catalogue.zones[zid].geometry_method == "reported", zid
    assert not any(s.publisher.startswith("Wikinews") for s in catalogue.sources.values())


def test_pyongyang_time_of_2016_is_utc_plus_8_30(layers):
    event = next(f for f in layers["events"] if f["id"] == "2016-02-07-kwangmyongsong-4")
    assert event["properties"]["time_local"] == "2016-02-07T09:00+08:30"


def test_reported_zone_corners_are_the_published_ones(catalogue):
    first_stage = catalogue.zone_geometry["2016-02-first-stage"]
    west, south, east, north = first_stage.bounds
    assert (south, north) == pytest.approx((35 + 19 / 60, 36 + 4 / 60))
    assert (west, east) == pytest.approx((124.5, 124.9))
    april = catalogue.zone_geometry["2012-04-first-stage"]  # Kantei, 19 March 2012
    west, south, east, north = april.bounds
    assert (south, north) == pytest.approx((35 + 12 / 60 + 13 / 3600, 35 + 55 / 60 + 20 / 3600))
    assert (west, east) == pytest.approx((124 + 30 / 60 + 34 / 3600, 124 + 52 / 60 + 23 / 3600))
    tongil = catalogue.zone_geometry["2009-04-first-stage-tongilnews"].bounds
    yonhap = catalogue.zone_geometry["2009-04-first-stage"].bounds
    assert tongil[3] == pytest.approx(40 + 41 / 60 + 40 / 3600)  # the one value they dispute
    assert yonhap[3] == pytest.approx(40 + 41 / 60 + 44 / 3600)


def test_catalogue_loads_twice_the_same(catalogue):
    again = load_catalogue(SEEDS)
    assert again.events == catalogue.events
