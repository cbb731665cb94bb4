"""The registry: one description of each layer, read everywhere; user layers never shadow it."""

from __future__ import annotations

import re
import subprocess
from html import escape

import pytest

from geo.layers import popup, registry
from geo.layers.files import feature_problems

from ..conftest import ROOT


def test_the_built_layers_conform_to_their_specs(layers):
    for name, features in layers.items():
        spec = registry.BY_NAME[name]
        for item in features:
            assert feature_problems(spec, item) == [], item["id"]


def test_a_feature_with_a_wrong_field_is_named(layers):
    item = dict(layers["events"][0])
    item["properties"] = {**item["properties"], "outcome": "maybe", "extra": 1}
    problems = dict(feature_problems(registry.EVENTS, item))
    assert "must be one of" in problems["outcome"] and "not a property" in problems["extra"]


def test_digitised_zones_are_dashed_and_translucent_and_modelled_ones_never_filled():
    style = registry.ZONES.style
    reported = style.resolve({"kind": "danger_area", "geometry_method": "reported"})
    digitised = style.resolve({"kind": "danger_area", "geometry_method": "digitised"})
    assert reported["dashArray"] is None
    assert digitised["dashArray"]
    assert digitised["fillOpacity"] < reported["fillOpacity"]
    modelled = registry.FOOTPRINTS.style.resolve({"kind": registry.FOOTPRINT_KIND})
    assert modelled["dashArray"] and modelled["fill"] is False
    assert not registry.FOOTPRINTS.visible and not registry.SCENARIOS.visible


def test_an_event_popup_says_its_sources_disagree(layers):
    event = next(f for f in layers["events"] if f["id"] == "2009-04-05-kwangmyongsong-2")
    html = popup.render(registry.EVENTS.popup, event["properties"], popup.related_in(layers))
    assert "Sources disagree." in html and "KCNA&#x27;s time, 11:20" in html
    assert "Modelled footprints" not in html  # none for this launch
    may = next(f for f in layers["events"] if f["id"] == "2024-05-27-malligyong-1-1")
    html = popup.render(registry.EVENTS.popup, may["properties"], popup.related_in(layers))
    assert "Modelled footprints (layer off by default)" in html
    shown = next(f["properties"] for f in layers["footprints"]
                 if f["properties"]["event_id"] == may["id"])
    assert escape(f"{shown['version']}: {shown['survival']}") in html


def test_launches_are_coloured_by_outcome():
    style = registry.EVENTS.style
    assert style.resolve({"outcome": "success"})["fillColor"] != style.resolve(
        {"outcome": "failure"})["fillColor"]


@pytest.mark.parametrize("label", [*registry.NAMES, "all-layers", "Sites", "events.csv"])
def test_user_layers_never_take_a_built_in_name(label):
    for namespace in registry.USER_NAMESPACES:
        key = registry.user_key(namespace, label)
        assert not registry.is_builtin(key) and key.startswith(f"{namespace}-")
        assert registry.spec_of(key).namespace == namespace


def test_every_popup_reads_declared_properties():
    for spec in registry.BUILTIN:
        declared = {prop.name for prop in spec.properties}
        assert set(spec.popup.fields()) <= declared, spec.name
        assert set(spec.style.keys) <= declared, spec.name
        assert set(spec.time_fields) <= declared, spec.name


def test_each_layer_name_is_spelled_in_the_registry_only():
    """Layer names as string literals appear in geo/layers/registry.py and nowhere else in the
    package (the CLI's own 'zones' command and docstrings aside)."""
    files = subprocess.run(["git", "ls-files", "geo/*.py"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.split()
    names = "|".join(registry.NAMES)
    literal = re.compile(rf"""(?<![\w-])["'](?:{names})["']""")
    found = []
    for path in files:
        if path == "geo/layers/registry.py":
            continue
        text = (ROOT / path).read_text(encoding="utf-8")
        code = re.sub(r'"""(?:.|\n)*?"""', "", text)  # docstrings aside
        for line in code.splitlines():
            if literal.search(line) and not re.search(r"add_parser\(|zones_command|: _zones", line):
                found.append(f"{path}: {line.strip()}")
    assert found == []
