"""How things look: sites by kind, events by outcome, zones by kind and geometry method."""

from __future__ import annotations

from typing import Any

SITE_COLOURS = {
    "launch_site": "#7f0000",
    "launch_pad": "#d7301f",
    "city": "#08519c",
    "control_center": "#6a51a3",
    "border_station": "#8c510a",
}
EVENT_COLOURS = {"success": "#1a9850", "failure": "#d73027", "n/a": "#4575b4"}
ZONE_COLOURS = {"danger_area": "#f46d43", "debris_area": "#a50026", "salvage_area": "#762a83",
                "debris_footprint": "#ce1256"}
DASHED_METHODS = ("digitised", "derived")


def site_style(props: dict[str, Any]) -> dict[str, Any]:
    """Circle marker style of a site: colour by kind, bigger for whole sites."""
    colour = SITE_COLOURS.get(str(props.get("kind")), "#555555")
    radius = 9 if props.get("kind") in ("launch_site", "city") else 6
    return {"color": colour, "fillColor": colour, "fillOpacity": 0.25, "weight": 2,
            "radius": radius}


def event_style(props: dict[str, Any]) -> dict[str, Any]:
    """Circle marker style of an event: filled, colour by outcome."""
    colour = EVENT_COLOURS.get(str(props.get("outcome")), "#555555")
    return {"color": "#222222", "fillColor": colour, "fillOpacity": 0.9, "weight": 1,
            "radius": 6 if props.get("kind") == "launch" else 5}


def zone_style(props: dict[str, Any]) -> dict[str, Any]:
    """Polygon style of a zone: colour by kind; digitised or derived dashed and translucent."""
    colour = ZONE_COLOURS.get(str(props.get("kind")), "#555555")
    uncertain = props.get("geometry_method") in DASHED_METHODS
    return {"color": colour, "fillColor": colour, "weight": 2,
            "fillOpacity": 0.08 if uncertain else 0.3,
            "opacity": 0.7 if uncertain else 1.0,
            "dashArray": "6 5" if uncertain else None}


def legend_entries() -> list[tuple[str, str, str]]:
    """(swatch kind, colour, label) rows for the legend."""
    rows = [("dot", colour, kind.replace("_", " ")) for kind, colour in SITE_COLOURS.items()]
    rows += [("disc", EVENT_COLOURS["success"], "launch: success"),
             ("disc", EVENT_COLOURS["failure"], "launch: failure"),
             ("disc", EVENT_COLOURS["n/a"], "other event")]
    rows += [("box", colour, kind.replace("_", " ")) for kind, colour in ZONE_COLOURS.items()]
    rows += [("dashed", EVENT_COLOURS["success"], "flight path: reached orbit"),
             ("dashed", EVENT_COLOURS["failure"], "flight path: failed")]
    rows += [("solid", "#333333", "reported geometry"),
             ("dashed", "#333333", "digitised / derived geometry")]
    return rows


def track_style(props: dict[str, Any]) -> dict[str, Any]:
    """Flight path: a dashed line (derived geometry), coloured by the launch's outcome."""
    colour = EVENT_COLOURS.get(str(props.get("outcome")), "#555555")
    return {"color": colour, "weight": 2.5, "opacity": 0.9, "dashArray": "8 6", "fill": False}


def imported_style(props: dict[str, Any]) -> dict[str, Any]:
    """Imported features: one neutral colour, so they stand apart from the catalogue."""
    return {"color": "#00838f", "fillColor": "#26c6da", "fillOpacity": 0.35, "weight": 2,
            "radius": 5}
