"""The layers: one description of each, read by the build, validation, export, the map, the app,
the permalink and the importers. Adding a layer or a field is one edit here (plus the seeds).

Built-in layers have bare names ("sites"). Layers the user brings (imported files, a pasted
notice, range rings) have keys that start with their namespace and a hyphen
("imported-tracks"): no built-in name starts that way, so they can never take a built-in
layer's place, whatever the file was called.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..catalogue.records import CONFIDENCES, EVENT_KINDS, OUTCOMES, SITE_KINDS, ZONE_KINDS
from .spec import Block, LayerSpec, LegendRow, Popup, Prop, Row, Style, frozen

METHODS = ("reported", "digitised", "derived")
FOOTPRINT_KIND = "debris_footprint"
SCENARIO_KIND = "breakup_scenario"
PATH_KIND = "flight_path"
FOOTPRINTS_NAME = "footprints"  # named here: the events' popup lists a launch's footprints

SITE_COLOURS = {
    "launch_site": "#7f0000",
    "launch_pad": "#d7301f",
    "city": "#08519c",
    "control_center": "#6a51a3",
    "border_station": "#8c510a",
}
OUTCOME_COLOURS = {"success": "#1a9850", "failure": "#d73027", "n/a": "#4575b4"}
EVENT_GROUPS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("launches", ("launch",), ""),
    ("programme", ("engine_test", "launch_preparation", "construction", "salvage", "plan",
                   "claim", "institutional", "satellite_test", "orbit"), "#bf812d"),
    ("diplomacy", ("journey", "meeting", "visit", "treaty"), OUTCOME_COLOURS["n/a"]),
)
"""Kinds of event by what they tell: the launches (coloured by outcome), the programme around
them, the diplomacy with Russia and others; each a lane of the timeline and, but for the
launches, a colour of its own."""
if sorted(k for _, kinds, _ in EVENT_GROUPS for k in kinds) != sorted(EVENT_KINDS):
    raise AssertionError("every kind of event belongs to one group of EVENT_GROUPS")
ZONE_COLOURS = {"danger_area": "#f46d43", "debris_area": "#a50026", "salvage_area": "#762a83"}
MODELLED_COLOUR = "#6a3d9a"  # footprints and scenarios: an outline, never a filled "fell here"
UNKNOWN_COLOUR = "#555555"
UNCERTAIN = {"fillOpacity": 0.08, "opacity": 0.7, "dashArray": "6 5"}  # digitised or derived
RAW_TEXT_LABELS = {"reported": "Notice text", "digitised": "Described as",
                   "derived": "Model assumptions"}
FOOTPRINT_NOTE = ("Modelled, not observed: where debris could have fallen if this account is "
                  "right and the model's assumptions hold. No piece was found here because of "
                  "this shape.")
SCENARIO_NOTE = ("A what-if, not a report: where the pieces would have fallen had the rocket "
                 "broken up at this time, under the model's assumptions.")
INCLINATION_NOTE = ("Inclination from cos i = cos φ · sin A, with φ the pad's latitude and A the "
                    "launch azimuth: the orbit a rocket would reach flying that azimuth without "
                    "turning.")


def _words(name: str) -> str:
    return name.replace("_", " ")


def _colours(keys: Iterable[str], colours: Mapping[str, str], *names: str
             ) -> Mapping[str, Mapping[str, Any]]:
    return frozen({key: frozen(dict.fromkeys(names, colours[key])) for key in keys})


# --- properties every layer shares ---------------------------------------------------------

def _common() -> tuple[Prop, ...]:
    return (Prop("id", "id", "the feature's id (also the Feature's id member)"),
            Prop("name", "text", "what the feature is, in words"))


def _provenance(methods: tuple[str, ...]) -> tuple[Prop, ...]:
    return (Prop("geometry_method", "text", "how the geometry was obtained", choices=methods),
            Prop("geometry_note", "text", "how the geometry was obtained, in words"))


SOURCES = Prop("sources", "sources",
               "every source cited: {id, title, publisher, date, url} and optional quote, via "
               "(the copy read) and secondary (true: the original was not found); publisher "
               "ends with ', via …' and '(secondary)' when they are set")
SOURCES_BLOCK = Block("sources", field="sources")


def _versions() -> tuple[Prop, ...]:
    return (Prop("version_of", "id", "the record this one is another source's version of",
                 required=False),
            Prop("versions", "ids", "the other records that report the same fact differently"),
            Prop("versions_note", "text", "how the versions differ, in words", required=False))


VERSIONS_BLOCK = Block("text", field="versions_note", label="Sources disagree.")

# --- the built-in layers -------------------------------------------------------------------

SITES = LayerSpec(
    name="sites",
    title="Sites",
    geometry=("Point",),
    properties=(
        *_common(),
        Prop("kind", "text", "what the site is", choices=SITE_KINDS),
        Prop("country", "text", "ISO 3166-1 alpha-2 code"),
        Prop("names", "names", "names by language: en, and ko or ru where known"),
        Prop("parent_id", "id", "the site a pad belongs to", required=False),
        Prop("precision_m", "number", "how far the true position may be, in metres"),
        Prop("timezone", "text", "IANA time zone, for local times"),
        *_provenance(("reported",)),
        Prop("description", "text", "what the site is and what happened there"),
        SOURCES,
    ),
    style=Style(
        base=frozen({"color": UNKNOWN_COLOUR, "fillColor": UNKNOWN_COLOUR, "fillOpacity": 0.25,
                     "weight": 2, "radius": 6}),
        by=(("kind", _colours(SITE_COLOURS, SITE_COLOURS, "color", "fillColor")),
            ("kind", frozen({"launch_site": frozen({"radius": 9}), "city": frozen({"radius": 9})}))),
    ),
    legend=tuple(LegendRow("dot", colour, _words(kind)) for kind, colour in SITE_COLOURS.items()),
    popup=Popup(
        rows=(Row("Kind", ("kind",), "words", card=True),
              Row("Local name", ("names",), "names"),
              Row("Country", ("country",)),
              Row("Position", ("precision_m",), "within_m")),
        blocks=(Block("text", field="description"),
                Block("related", label="Events here", layer="events", via="site_id",
                      show=("date", "name"), card=True),
                SOURCES_BLOCK),
    ),
    importable=True,
    draw_order=2,
)

EVENTS = LayerSpec(
    name="events",
    title="Events",
    geometry=("Point",),
    properties=(
        *_common(),
        Prop("names", "names", "names by language: en (the name), and ko or ru where known",
             required=False),
        Prop("kind", "text", "what happened", choices=EVENT_KINDS),
        Prop("time_utc", "time", "ISO 8601 at the precision the sources give"),
        Prop("time_precision", "text", "second, minute, day or month",
             choices=("second", "minute", "day", "month")),
        Prop("time_approximate", "boolean", "true when the sources say 'about'"),
        Prop("time_local", "time", "the reported local time with its UTC offset", required=False),
        Prop("date", "date", "the UTC date the time falls on"),
        Prop("site_id", "id", "the site the event is drawn at", required=False),
        Prop("site_name", "text", "that site's name", required=False),
        Prop("vehicle", "text", "the rocket (launches)", required=False),
        Prop("payload", "text", "the satellite (launches)", required=False),
        Prop("satellite_name", "text", "the satellite in orbit (launches that reached orbit)",
             required=False),
        Prop("cospar_id", "text", "the satellite's international designator (launches that "
             "reached orbit)", required=False),
        Prop("norad_id", "integer", "the satellite's NORAD catalogue number", required=False),
        Prop("perigee_km", "number", "perigee at insertion, as the sources give it",
             required=False),
        Prop("apogee_km", "number", "apogee at insertion", required=False),
        Prop("inclination_deg", "number", "inclination at insertion", required=False),
        Prop("orbit_note", "text", "whose orbital figures these are", required=False),
        Prop("decay_date", "date", "the date the satellite decayed (re-entered)",
             required=False),
        Prop("satellite_sources", "text", "which source gives each of the satellite's catalogue "
             "numbers and its decay", required=False),
        Prop("outcome", "text", "success, failure, or n/a for other events", choices=OUTCOMES),
        Prop("summary", "text", "what happened, in words"),
        Prop("zone_ids", "ids", "the event's zones"),
        *_versions(),
        *_provenance(METHODS),
        SOURCES,
    ),
    style=Style(
        base=frozen({"color": "#222222", "fillColor": UNKNOWN_COLOUR, "fillOpacity": 0.9,
                     "weight": 1, "radius": 5}),
        by=(("outcome", _colours(OUTCOMES, OUTCOME_COLOURS, "fillColor")),
            ("kind", frozen({"launch": frozen({"radius": 6}),
                             **{kind: frozen({"fillColor": colour})
                                for _, kinds, colour in EVENT_GROUPS[1:] for kind in kinds}}))),
    ),
    legend=(LegendRow("disc", OUTCOME_COLOURS["success"], "launch: success"),
            LegendRow("disc", OUTCOME_COLOURS["failure"], "launch: failure"),
            *(LegendRow("disc", colour, f"{group}: " + ", ".join(_words(k) for k in kinds))
              for group, kinds, colour in EVENT_GROUPS[1:])),
    popup=Popup(
        rows=(Row("UTC", ("time_utc", "time_approximate"), "utc", card=True),
              Row("Local", ("time_local",), "local"),
              Row("Site", ("site_name",), card=True),
              Row("Vehicle → payload", ("vehicle", "payload"), "arrow"),
              Row("COSPAR", ("cospar_id",), card=True),
              Row("NORAD", ("norad_id",), card=True),
              Row("Orbit at insertion", ("orbit_note",)),
              Row("Decayed", ("decay_date",), card=True),
              Row("Satellite's numbers from", ("satellite_sources",), card=True),
              Row("Outcome", ("outcome",), hide=("n/a",), card=True)),
        blocks=(Block("text", field="summary"), VERSIONS_BLOCK,
                Block("related", label="Modelled footprints (layer off by default)",
                      layer=FOOTPRINTS_NAME, via="event_id", show=("version", "survival")),
                SOURCES_BLOCK),
    ),
    time_fields=("time_utc",),
    importable=True,
    draw_order=3,
    version_of="version_of",
    sent=("names",),  # the event list, cards, timeline and search name events in the language
)

ZONES = LayerSpec(
    name="zones",
    title="Danger and debris zones",
    geometry=("Polygon", "MultiPolygon"),
    properties=(
        *_common(),
        Prop("kind", "text", "what the zone is", choices=ZONE_KINDS),
        Prop("stage", "text", "the stage or part it is announced for", required=False),
        Prop("event_id", "id", "the launch or event it belongs to"),
        Prop("event_name", "text", "that event's name"),
        Prop("issuer", "text", "who announced or reported it"),
        Prop("valid_from", "date", "first day of the announced window", required=False),
        Prop("valid_to", "date", "last day of the announced window", required=False),
        Prop("validity_note", "text", "hours and changes of the window", required=False),
        *_provenance(METHODS),
        Prop("confidence", "text", "high, medium or low", choices=CONFIDENCES),
        Prop("area_km2", "number", "geodesic area"),
        Prop("raw_text", "text", "the notice or report text the shape comes from"),
        *_versions(),
        SOURCES,
    ),
    style=Style(
        base=frozen({"color": UNKNOWN_COLOUR, "fillColor": UNKNOWN_COLOUR, "weight": 2,
                     "fillOpacity": 0.3, "opacity": 1.0, "dashArray": None}),
        by=(("kind", _colours(ZONE_COLOURS, ZONE_COLOURS, "color", "fillColor")),
            ("geometry_method", frozen({"digitised": frozen(UNCERTAIN)}))),
    ),
    legend=(*(LegendRow("box", colour, _words(kind)) for kind, colour in ZONE_COLOURS.items()),
            LegendRow("solid", "#333333", "reported geometry"),
            LegendRow("dashed", "#333333", "digitised geometry")),
    popup=Popup(
        rows=(Row("Kind", ("kind",), "words", card=True),
              Row("Stage", ("stage",), card=True),
              Row("Event", ("event_name",), card=True),
              Row("Geometry", ("geometry_method",), card=True),
              Row("How drawn", ("geometry_note",)),
              Row("Confidence", ("confidence",), card=True),
              Row("Valid", ("valid_from", "valid_to", "validity_note"), "window"),
              Row("Issuer", ("issuer",)),
              Row("Area", ("area_km2",), "km2")),
        blocks=(Block("pre", field="raw_text", label="Notice text", label_field="geometry_method",
                      labels=frozen(RAW_TEXT_LABELS)),
                VERSIONS_BLOCK,
                SOURCES_BLOCK),
    ),
    time_fields=("valid_from", "valid_to"),
    follows=(EVENTS.name, "event_id"),
    importable=True,
    draw_order=0,
)

TRACKS = LayerSpec(
    name="tracks",
    title="Flight paths (derived)",
    geometry=("LineString",),
    properties=(
        *_common(),
        Prop("names", "names", "names by language: en (the name), and ko where its event has one",
             required=False),
        Prop("kind", "text", "always flight_path", choices=(PATH_KIND,)),
        Prop("event_id", "id", "the launch"),
        Prop("event_name", "text", "the launch's name"),
        Prop("outcome", "text", "the launch's outcome", choices=OUTCOMES),
        Prop("site_id", "id", "the pad or site the path starts at"),
        Prop("azimuth_deg", "number", "launch azimuth: from the pad to the first area's centre"),
        Prop("inclination_deg", "number", "from cos i = cos φ · sin A"),
        Prop("length_km", "integer", "geodesic length"),
        Prop("zone_ids", "ids", "the announced areas it runs through, in flight order"),
        Prop("end_reason", "text", "how the path ends"),
        *_provenance(("derived",)),
        Prop("confidence", "text", "always low", choices=CONFIDENCES),
        SOURCES,
    ),
    style=Style(
        base=frozen({"color": UNKNOWN_COLOUR, "weight": 2.5, "opacity": 0.9, "dashArray": "8 6",
                     "fill": False}),
        by=(("outcome", _colours(OUTCOMES, OUTCOME_COLOURS, "color")),),
    ),
    legend=(LegendRow("dashed", OUTCOME_COLOURS["success"], "flight path: reached orbit"),
            LegendRow("dashed", OUTCOME_COLOURS["failure"], "flight path: failed")),
    popup=Popup(
        rows=(Row("Event", ("event_name",), card=True),
              Row("Outcome", ("outcome",), card=True),
              Row("Launch azimuth", ("azimuth_deg",), "degrees", card=True),
              Row("Inclination", ("inclination_deg",), "degrees"),
              Row("Length", ("length_km",), "km"),
              Row("Geometry", ("geometry_method",)),
              Row("Confidence", ("confidence",))),
        blocks=(Block("note", text=INCLINATION_NOTE),
                Block("text", field="end_reason", label="How it ends"),
                Block("text", field="geometry_note", label="How drawn"),
                SOURCES_BLOCK),
    ),
    sent=("names",),  # named in the page's language
    follows=(EVENTS.name, "event_id"),
    draw_order=1,
)

FOOTPRINTS = LayerSpec(
    name=FOOTPRINTS_NAME,
    title="Debris footprints (modelled)",
    geometry=("Polygon", "MultiPolygon"),
    properties=(
        *_common(),
        Prop("names", "names", "names by language: en (the name), and ko where its event has one",
             required=False),
        Prop("kind", "text", "always debris_footprint", choices=(FOOTPRINT_KIND,)),
        Prop("event_id", "id", "the failed launch"),
        Prop("event_name", "text", "the launch's name"),
        Prop("version", "text", "whose account of the failure the model was conditioned on"),
        Prop("observed", "text", "what that account observed, as its sources give it"),
        Prop("fell_in_id", "id", "the zone the pieces had to fall in", required=False),
        Prop("draws", "integer", "how many draws the Monte Carlo made"),
        Prop("survivors", "integer", "how many of them every observation allowed"),
        Prop("survival", "text", "the survivors in words: '65 of 48,000 draws kept (0.1%)'"),
        Prop("rejected", "text", "the rejected draws by the first check they failed"),
        Prop("issuer", "text", "who made the shape (this project)"),
        *_provenance(("derived",)),
        Prop("confidence", "text", "always low", choices=CONFIDENCES),
        Prop("area_km2", "number", "geodesic area"),
        Prop("raw_text", "text", "the model's assumptions in words"),
        SOURCES,
    ),
    sent=("names", "draws", "survivors"),  # named, the survivors written, in the page's language
    style=Style(base=frozen({"color": MODELLED_COLOUR, "weight": 2, "opacity": 0.9,
                             "dashArray": "2 5", "fill": False, "fillOpacity": 0.0})),
    legend=(LegendRow("dashed", MODELLED_COLOUR,
                      "modelled: where debris consistent with one account could fall"),),
    popup=Popup(
        rows=(Row("Event", ("event_name",), card=True),
              Row("Account", ("version",), card=True),
              Row("Draws", ("survival",), card=True),
              Row("Area", ("area_km2",), "km2")),
        blocks=(Block("note", text=FOOTPRINT_NOTE, card=True),
                Block("text", field="observed", label="Conditioned on:"),
                Block("text", field="rejected", label="Rejected draws:"),
                Block("text", field="geometry_note", label="How drawn:"),
                Block("pre", field="raw_text", label="Model assumptions"),
                SOURCES_BLOCK),
    ),
    follows=(EVENTS.name, "event_id"),
    visible=False,
    draw_order=1,
)

SCENARIOS = LayerSpec(
    name="scenarios",
    title="Break-up scenarios (modelled)",
    geometry=("Point",),
    properties=(
        *_common(),
        Prop("names", "names", "names by language: en (the name), and ko where its event has one",
             required=False),
        Prop("kind", "text", "always breakup_scenario", choices=(SCENARIO_KIND,)),
        Prop("event_id", "id", "the failed launch"),
        Prop("event_name", "text", "the launch's name"),
        Prop("breakup_s", "integer", "the imagined break-up, seconds after lift-off"),
        Prop("breakup", "text", "the same in words"),
        Prop("distance_km", "integer", "median fall distance from the pad"),
        Prop("spread_km", "integer", "half the spread of the middle half of the falls, along the path"),
        Prop("vehicle_then", "text", "the rocket at that time (medians of the draws)"),
        *_provenance(("derived",)),
        Prop("confidence", "text", "always low", choices=CONFIDENCES),
        Prop("raw_text", "text", "the model's assumptions in words"),
        SOURCES,
    ),
    style=Style(base=frozen({"color": MODELLED_COLOUR, "fillColor": "#ffffff", "fillOpacity": 0.6,
                             "weight": 2, "radius": 5})),
    legend=(LegendRow("ring", MODELLED_COLOUR, "modelled: fall point if it broke up at T+60/90/120 s"),),
    popup=Popup(
        rows=(Row("Event", ("event_name",), card=True),
              Row("Break-up at", ("breakup",), card=True),
              Row("Median fall from the pad", ("distance_km",), "km", card=True),
              Row("Spread along the path", ("spread_km",), "km"),
              Row("The rocket then", ("vehicle_then",))),
        blocks=(Block("note", text=SCENARIO_NOTE, card=True),
                Block("text", field="geometry_note", label="How drawn:"),
                Block("pre", field="raw_text", label="Model assumptions"),
                SOURCES_BLOCK),
    ),
    sent=("names",),  # named in the page's language
    follows=(EVENTS.name, "event_id"),
    visible=False,
    draw_order=2,
)

BUILTIN: tuple[LayerSpec, ...] = (SITES, EVENTS, ZONES, TRACKS, FOOTPRINTS, SCENARIOS)
"""The catalogue's layers, in the order of their files and of every listing."""
NAMES: tuple[str, ...] = tuple(spec.name for spec in BUILTIN)
BY_NAME: Mapping[str, LayerSpec] = frozen({spec.name: spec for spec in BUILTIN})
IMPORT_KINDS: tuple[str, ...] = tuple(spec.name for spec in BUILTIN if spec.importable)
HOME: Mapping[str, tuple[str, ...]] = frozen({SITES.name: ("launch_site",),
                                              ZONES.name: ("debris_area", "salvage_area")})
"""The first view when a link names none: the launch sites and where debris came down, by layer
and kind (the story's region, not every far-off capital or second-stage area)."""

# --- layers the user brings ----------------------------------------------------------------

IMPORTED = "imported"
PASTED = "pasted"
RINGS = "rings"
ORBIT = "orbit"
USER_NAMESPACES = (IMPORTED, PASTED, RINGS, ORBIT)
_USER_STYLES = {
    IMPORTED: Style(frozen({"color": "#00838f", "fillColor": "#26c6da", "fillOpacity": 0.35,
                            "weight": 2, "radius": 5})),
    PASTED: Style(frozen({"color": "#e7298a", "fillColor": "#e7298a", "fillOpacity": 0.15,
                          "weight": 2.5})),
    RINGS: Style(frozen({"color": "#5e3c99", "weight": 1.5, "fill": False, "dashArray": "4 4"})),
    ORBIT: Style(frozen({"color": "#d95f02", "weight": 2, "fill": False})),
}
_USER_POPUPS = {
    IMPORTED: Popup(blocks=(Block("every_field", card=True),)),
    PASTED: Popup(rows=(Row("Area", ("area_km2",), "km2", card=True),
                        Row("Notice", ("notice_id",), card=True),
                        Row("Valid (UTC)", ("valid_from", "valid_to", "schedule"), "window", card=True),
                        Row("Validity", ("validity_note",), card=True),
                        Row("Type", ("notice_type",), "words"),
                        Row("Replaces", ("replaces",)),
                        Row("Cancels", ("cancels",)),
                        Row("Cancelled by", ("cancelled_by",)),
                        Row("Issuer", ("issuer",)),
                        Row("Locations", ("fir",)),
                        Row("Limits", ("lower_limit", "upper_limit"), "arrow"),
                        Row("Shape", ("shape",)),
                        Row("Expected fall point (lon; lat)", ("expected_fall_point",)),
                        Row("Language", ("language",))),
                  blocks=(Block("text", field="geometry_note", label="How drawn"),
                          Block("pre", field="raw_text", label="Notice text"))),
    RINGS: Popup(rows=(Row("Radius", ("radius_km",), "km", card=True),),
                 blocks=(Block("text", field="geometry_note", label="How drawn"), SOURCES_BLOCK)),
    ORBIT: Popup(rows=(Row("Satellite", ("name",), card=True),
                       Row("NORAD", ("norad_id",), card=True),
                       Row("Track (UTC)", ("time_from", "time_to"), "arrow", card=True),
                       Row("Element set epoch", ("epoch",), "utc", card=True),
                       Row("Days from the epoch", ("days_from_epoch",), card=True)),
                 blocks=(Block("text", field="geometry_note", label="How drawn"),)),
}
USER_TITLES = {IMPORTED: "Imported: {}", PASTED: "Pasted notice: {}", RINGS: "Range rings: {}",
                ORBIT: "Ground track: {}"}
_TIME_FIELDS = {IMPORTED: ("time_utc",), ORBIT: ("time_from", "time_to")}  # on the timeline
_SENT = {ORBIT: ("times", "around")}  # geo/satellite.js draws the satellite from them
_SWATCH = {IMPORTED: "dot", PASTED: "box", RINGS: "ring", ORBIT: "solid"}
_LEGEND = {IMPORTED: "each row of the file", PASTED: "each area of the notice",
           RINGS: "each distance from the site",
           ORBIT: "derived by SGP4; not a position days away from its epoch"}
_SLUG = re.compile(r"[^a-z0-9_-]+")

if any(name.startswith(f"{ns}-") for name in NAMES for ns in USER_NAMESPACES):
    raise AssertionError("a built-in layer name starts like a user layer's key")


def user_key(namespace: str, label: str, taken: Iterable[str] = ()) -> str:
    """A new user layer's key: namespace, '-', a slug of label; unique among taken."""
    if namespace not in USER_NAMESPACES:
        raise ValueError(f"unknown user layer namespace {namespace!r}")
    slug = _SLUG.sub("-", label.lower()).strip("-_") or "layer"
    base = f"{namespace}-{slug}"
    used = set(taken)
    key, number = base, 2
    while key in used:
        key, number = f"{base}-{number}", number + 1
    return key


def user_spec(key: str, title: str) -> LayerSpec:
    """The spec of a user layer: its namespace's style and popup, its own title and legend."""
    namespace = key.split("-", 1)[0]
    if namespace not in USER_NAMESPACES or is_builtin(key):
        raise ValueError(f"{key!r} is not a user layer key")
    style = _USER_STYLES[namespace]
    full_title = USER_TITLES[namespace].format(title)
    colour = str(style.base.get("color"))
    return LayerSpec(name=key, title=full_title, geometry=(), properties=(), style=style,
                     legend=(LegendRow(_SWATCH[namespace], colour, _LEGEND[namespace]),),
                     popup=_USER_POPUPS[namespace],
                     time_fields=_TIME_FIELDS.get(namespace, ()),
                     namespace=namespace, sent=_SENT.get(namespace, ()),
                     draw_order=4)


def is_builtin(name: str) -> bool:
    """Whether name is one of the catalogue's layers."""
    return name in BY_NAME


def spec_of(name: str) -> LayerSpec:
    """The spec of a built-in layer, or of a user layer by its key (titled by its key)."""
    if name in BY_NAME:
        return BY_NAME[name]
    return user_spec(name, name.split("-", 1)[-1])

