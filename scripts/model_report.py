"""Numbers and map picture for docs/model.md: the fall model against what the sources report.

Usage:
    python scripts/model_report.py                 # print the tables (Markdown)
    python scripts/model_report.py --png docs/model-footprints.png   # and draw the map

The picture is the project's own folium map (offline basemap), shown in Debian's Chromium.
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from shapely.geometry import LineString

from geo import geojson
from geo.build.footprints import check_against_reports, fall_ranges
from geo.build.tracks import launch_route
from geo.catalogue import Catalogue, load_catalogue
from geo.layers import registry
from geo.layers.files import read_layers
from geo.map.assets import standalone_html
from geo.map.explorer import make_map
from geo.physics import footprint
from geo.physics.geodesy import WGS84, distance_azimuth

ROOT = Path(__file__).resolve().parent.parent
BREAKUP_TIMES_S = (60, 75, 90, 105, 120, 135, 150)
CHROMIUM = "/usr/bin/chromium"


def validation_table(rows: list[dict[str, Any]]) -> str:
    """Markdown: footprint centroid and edge against the reported place."""
    lines = ["| launch | reported place | centroid → reported place | nearest edge → reported place "
             "| footprint area |", "| --- | --- | --- | --- | --- |"]
    for row in rows:
        lines.append(f"| {row['event_id']} | {row['reported']} | {row['centroid_km']:.0f} km "
                     f"| {row['edge_km']:.0f} km | {row['area_km2']:,.0f} km² |")
    return "\n".join(lines)


def sensitivity_table(cat: Catalogue) -> str:
    """Markdown: where the median piece falls if the break-up came at a given second."""
    lines = ["| launch | break-up at | median fall, from the pad | median fall → reported place |",
             "| --- | --- | --- | --- |"]
    for event_id, model in sorted(cat.models.items()):
        found = launch_route(cat, event_id)
        if model.breakup_s is None or model.fell_in is None or found is None:
            continue
        route = found[0]
        reported = cat.zone_geometry[model.fell_in].centroid
        for seconds in BREAKUP_TIMES_S:
            trial = replace(fall_ranges(model), breakup_s=(float(seconds), float(seconds)))
            impacts = footprint.simulate(trial, route, event_id)
            lon, lat = _median_point(route.pad, route.azimuth_deg, impacts)
            from_pad = distance_azimuth(*route.pad, lon, lat)[0] / 1000
            off = distance_azimuth(lon, lat, reported.x, reported.y)[0] / 1000
            lines.append(f"| {event_id} | {seconds} s | {from_pad:.0f} km | {off:.0f} km |")
    return "\n".join(lines)


def _median_point(pad: tuple[float, float], azimuth: float, impacts: Any) -> tuple[float, float]:
    rel = np.radians(impacts.bearing_deg - azimuth)
    x = np.median(impacts.distance_m * np.cos(rel))
    y = np.median(impacts.distance_m * np.sin(rel))
    lon, lat, _ = WGS84.fwd(pad[0], pad[1], azimuth + np.degrees(np.arctan2(y, x)), float(np.hypot(x, y)))
    return float(lon), float(lat)


def draw(png: Path, cat: Catalogue, rows: list[dict[str, Any]]) -> None:
    """The failures' areas, paths, footprints and offsets, screenshotted in Chromium."""
    from playwright.sync_api import sync_playwright

    layers = read_layers(ROOT / "layers")
    events = {r["event_id"] for r in rows}
    shown = {name: [f for f in feats if f["properties"].get("event_id") in events]
             for name, feats in layers.items() if name in (registry.ZONES.name, registry.TRACKS.name)}
    shown[registry.SITES.name] = [f for f in layers[registry.SITES.name]
                                  if f["id"] in ("sohae-lc1", "sohae-lc2")]
    offsets = []
    for row in rows:
        item = next(f for f in layers[registry.ZONES.name]
                    if f["id"] == f"{row['event_id']}-debris-footprint")
        centre = geojson.read_geometry(item["geometry"]).centroid
        reported = cat.zone_geometry[str(cat.models[row["event_id"]].fell_in)].centroid
        name = f"{row['event_id'][:7]}: footprint centroid → reported place, {row['centroid_km']:.0f} km"
        offsets.append(geojson.feature(f"{row['event_id']}-offset", LineString([centre, reported]),
                                       {"name": name}))
    key = registry.user_key(registry.IMPORTED, "offsets")
    m = make_map({**shown, key: offsets}, specs={key: registry.user_spec(key, "offsets")},
                 static_url=None, center=(37.1, 124.9), zoom=7)
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
    rows = check_against_reports(cat, read_layers(ROOT / "layers")[registry.ZONES.name])
    print(validation_table(rows), end="\n\n")
    print(sensitivity_table(cat))
    if args.png:
        draw(args.png, cat, rows)
        print(f"\nwrote {args.png}")


if __name__ == "__main__":
    main()
