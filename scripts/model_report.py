"""Numbers and map picture for docs/model.md: the conditioned fall model against the reports.

Usage:
    python scripts/model_report.py                 # print the tables (Markdown)
    python scripts/model_report.py --png docs/model-footprints.png   # and draw the map

The picture is the project's own folium map (offline basemap), shown in Debian's Chromium.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from shapely.geometry import LineString

from geo import geojson
from geo.build.footprints import (
    Fitted,
    check_against_reports,
    fit_versions,
    observations_of,
    survivor_ranges,
)
from geo.build.tracks import launch_route
from geo.catalogue import Catalogue, load_catalogue
from geo.layers import registry
from geo.layers.files import read_layers
from geo.map.assets import standalone_html
from geo.map.explorer import make_map
from geo.physics import footprint
from geo.physics.ballistics import apex_m, fall, vacuum_range_m

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


def agreement_table(rows: list[dict[str, Any]]) -> str:
    """Markdown: each footprint's centroid and edge against the nearest reported fall place."""
    lines = ["| footprint | account | nearest reported fall place | centroid → it | nearest edge "
             "→ it | area | draws kept |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for row in rows:
        lines.append(f"| {row['id']} | {row['version']} | {row['reported']} "
                     f"| {row['centroid_km']:.0f} km | {row['edge_km']:.0f} km "
                     f"| {row['area_km2']:,.0f} km² | {row['survival'].split(' draws')[0]} |")
    return "\n".join(lines)


def versions_table(cat: Catalogue, fitted: list[Fitted]) -> str:
    """Markdown: every version, what it was conditioned on, and how it fared."""
    lines = ["| launch | account | conditioned on | draws kept | result |",
             "| --- | --- | --- | --- | --- |"]
    for fit in fitted:
        result = "footprint" if fit.reconciled else "no footprint: " + why_not(cat, fit)
        lines.append(f"| {fit.model.id} | {fit.version.label} | {_checks(fit)} "
                     f"| {fit.outcome.count:,} of {fit.outcome.draws:,} | {result} |")
    return "\n".join(lines)


def _checks(fit: Fitted) -> str:
    v = fit.version
    parts = [f"break-up {v.breakup_s[0]:g}-{v.breakup_s[1]:g} s" if v.breakup_s
             else "break-up at burnout"]
    if v.before_burnout:
        parts.append("before burnout")
    if v.breakup_altitude_km:
        parts.append("at {:g}-{:g} km".format(*v.breakup_altitude_km))
    if v.apex_km:
        parts.append("apex {:g}-{:g} km".format(*v.apex_km))
    parts.append(f"fell in {v.fell_in}" if v.fell_in else "fall place not given")
    return ", ".join(parts)


def why_not(cat: Catalogue, fit: Fitted) -> str:
    """Why no draw of a version survives, in numbers: what its plausible draws can reach."""
    route, _ = launch_route(cat, fit.model.id)
    seen = observations_of(cat, fit.version)
    job = footprint.Job(f"{fit.model.id}-why-{fit.version.id}", _vehicle(cat, fit, route),
                        seen, route.pad)
    draws = footprint.draw(footprint._drawn_from(job), footprint.FIRST_ROUND, job.name,
                           seen.breakup_s)
    fraction = draws.ascent.propellant_fraction
    draws = draws.take((fraction >= footprint.PLAUSIBLE_PROPELLANT[0])
                       & (fraction <= footprint.PLAUSIBLE_PROPELLANT[1]))
    if seen.breakup_altitude_km is not None:
        top = float(np.max(draws.state.altitude_m)) / 1000
        return (f"no plausible draw is higher than {top:.0f} km at that time "
                f"({seen.breakup_altitude_km[0]:g} km at least reported)")
    assert seen.fell_in is not None
    reach = vacuum_range_m(draws.state, np.linalg.norm(draws.kick_ms, axis=1)) / 1000
    distance, _ = fall(draws.state, draws.ballistic_coefficient, draws.kick_ms)
    nearest = footprint._reach(route.pad, seen.fell_in).nearest_m / 1000 + 2
    return (f"pieces fall {np.median(distance) / 1000:.0f} km from the pad (median), at most "
            f"{reach.max():.0f} km even without air; the reported place is {nearest:.0f} km away")


def _vehicle(cat: Catalogue, fit: Fitted, route: Any) -> footprint.Vehicle:
    from geo.build.footprints import vehicle_of
    return vehicle_of(cat, fit.model, route)


def figures_table(fitted: list[Fitted]) -> str:
    """Markdown: the first-stage figures of the surviving draws (5th to 95th percentile)."""
    lines = ["| footprint | thrust-to-weight | specific impulse | burn | burnout angle "
             "| break-up | azimuth | highest altitude |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for fit in fitted:
        if not fit.reconciled:
            continue
        r = survivor_ranges(fit.outcome)
        apex = np.percentile(apex_m(fit.outcome.survivors.state) / 1000, [5, 95])
        lines.append(
            f"| {fit.model.id}-footprint-{fit.version.id} | {_r(r['thrust_to_weight'])} "
            f"| {_r(r['isp_s'])} s | {_r(r['burn_s'])} s | {_r(r['burnout_angle_deg'])}° "
            f"| {_r(r['breakup_s'])} s | {_r(r['azimuth_deg'])}° "
            f"| {apex[0]:.0f}-{apex[1]:.0f} km |")
    return "\n".join(lines)


def _r(pair: tuple[float, float]) -> str:
    return f"{pair[0]:g}-{pair[1]:g}"


def scenarios_table(layers: dict[str, list[dict[str, Any]]]) -> str:
    """Markdown: the what-if points along each failed path."""
    lines = ["| launch | break-up at | median fall from the pad | spread along the path "
             "| the rocket then |", "| --- | --- | --- | --- | --- |"]
    for item in sorted(layers[registry.SCENARIOS.name],
                       key=lambda f: (f["properties"]["event_id"], f["properties"]["breakup_s"])):
        p = item["properties"]
        lines.append(f"| {p['event_id']} | T+{p['breakup_s']} s | {p['distance_km']} km "
                     f"| ±{p['spread_km']} km | {p['vehicle_then']} |")
    return "\n".join(lines)


def draw(png: Path, cat: Catalogue, rows: list[dict[str, Any]]) -> None:
    """The failures' areas, paths, footprints, scenario points and offsets, in Chromium."""
    from playwright.sync_api import sync_playwright

    layers = read_layers(ROOT / "layers")
    events = set(cat.models)
    shown = {name: [f for f in feats if f["properties"].get("event_id") in events]
             for name, feats in layers.items()
             if name in (registry.ZONES.name, registry.TRACKS.name, registry.FOOTPRINTS.name,
                         registry.SCENARIOS.name)}
    shown[registry.ZONES.name] = [f for f in shown[registry.ZONES.name]
                                  if f["properties"]["kind"] != "danger_area"
                                  or f["properties"]["stage"] == "first stage"]
    shown[registry.SITES.name] = [f for f in layers[registry.SITES.name]
                                  if f["id"] in ("sohae-lc1", "sohae-lc2")]
    offsets = []
    for row in rows:
        item = next(f for f in layers[registry.FOOTPRINTS.name] if f["id"] == row["id"])
        centre = geojson.read_geometry(item["geometry"]).centroid
        reported = cat.zone_geometry[row["reported_id"]].centroid
        name = f"{row['id']}: centroid → reported place, {row['centroid_km']:.0f} km"
        offsets.append(geojson.feature(f"{row['id']}-offset", LineString([centre, reported]),
                                       {"name": name}))
    key = registry.user_key(registry.IMPORTED, "offsets")
    m = make_map({**shown, key: offsets}, specs={key: registry.user_spec(key, "offsets")},
                 static_url=None, center=(37.6, 125.3), zoom=7)
    html = standalone_html(m)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        page_file = Path(folder) / "map.html"
        page_file.write_text(html, encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1000, "height": 1150})
        page.goto(page_file.as_uri())
        page.wait_for_timeout(1500)
        page.screenshot(path=str(png))
        browser.close()


def main() -> None:
    """Print the tables; draw the map when asked."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--png", type=Path, help="where to write the map picture")
    args = parser.parse_args()
    cat = load_catalogue()
    layers = read_layers(ROOT / "layers")
    rows = check_against_reports(cat, layers[registry.FOOTPRINTS.name])
    fitted = fit_versions(cat)
    print(agreement_table(rows), end="\n\n")
    print(versions_table(cat, fitted), end="\n\n")
    print(figures_table(fitted), end="\n\n")
    print(scenarios_table(layers))
    if args.png:
        draw(args.png, cat, rows)
        print(f"\nwrote {args.png}")


if __name__ == "__main__":
    main()
