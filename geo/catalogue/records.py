"""The typed records of seeds/: each field declared once, with the check that reads it.

A record class is a frozen dataclass; each field's metadata holds its check (a function of
geo.catalogue.checks that returns the clean value or raises FieldError) and, where the YAML
spells it differently, its YAML name. A field without a default is required.
geo.catalogue.validate reads every record of every file through these declarations.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import MISSING, Field, dataclass, field, fields
from functools import partial
from typing import Any

from ..errors import FieldError
from ..times import PRECISIONS
from . import checks

SITE_KINDS = ("launch_site", "launch_pad", "city", "control_center", "border_station")
EVENT_KINDS = ("launch", "salvage", "journey", "meeting", "visit", "treaty", "institutional",
               "plan", "claim", "construction", "engine_test", "launch_preparation",
               "satellite_test", "orbit")
ZONE_KINDS = ("danger_area", "debris_area", "salvage_area")
OUTCOMES = ("success", "failure", "n/a")
SEED_METHODS = ("reported", "digitised")  # "derived" shapes are computed, never seeded
CONFIDENCES = ("high", "medium", "low")
LANGUAGES = ("en", "ko", "ru")

Check = Callable[[Any], Any]


def checked(check: Check, *, default: Any = MISSING, yaml: str | None = None) -> Any:
    """A dataclass field read by check; required unless it has a default."""
    meta = {"check": check, "yaml": yaml}
    if default is MISSING:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


def yaml_name(item: Field[Any]) -> str:
    """The name a field has in the YAML file."""
    return str(item.metadata.get("yaml") or item.name)


def is_required(item: Field[Any]) -> bool:
    """Whether a record must give the field."""
    return item.default is MISSING and item.default_factory is MISSING


def _text(max_len: int = checks.MAX_TEXT) -> Check:
    return partial(checks.text, max_len=max_len)


def _choice(choices: tuple[str, ...]) -> Check:
    return partial(checks.one_of, choices=choices)


def _names(value: Any) -> dict[str, str]:
    """A mapping of language to name with at least 'en', in LANGUAGES order."""
    if not isinstance(value, dict) or "en" not in value:
        raise FieldError("must be a mapping of language to name with at least 'en'")
    clean = {}
    for lang, name in value.items():
        if lang not in LANGUAGES:
            raise FieldError(f"language {lang!r:.20} is not one of {', '.join(LANGUAGES)}")
        clean[lang] = checks.text(name, 200)
    return {lang: clean[lang] for lang in LANGUAGES if lang in clean}


@dataclass(frozen=True, kw_only=True)
class Citation:
    """A source cited by id, with the words of it that support the record."""

    source: str
    quote: str | None = None


def _citations(value: Any) -> tuple[Citation, ...]:
    """A list of source ids or {source: id, quote: text}; ids are resolved by the validator."""
    if not isinstance(value, list) or not value:
        raise FieldError("must list at least one source id from sources.yaml")
    cited = []
    for item in value:
        if isinstance(item, str):
            cited.append(Citation(source=checks.identifier(item)))
        elif isinstance(item, dict) and set(item) <= {"source", "quote"} and "source" in item:
            quote = checks.text(item["quote"], 600) if "quote" in item else None
            cited.append(Citation(source=checks.identifier(item["source"]), quote=quote))
        else:
            raise FieldError("each source must be an id or a mapping with 'source' and 'quote'")
    return tuple(cited)


def _range(value: Any, low: float, high: float) -> tuple[float, float]:
    """[low, high] of an assumption: two numbers in order, within the field's bounds."""
    if not isinstance(value, list) or len(value) != 2:
        raise FieldError(f"must be a range [low, high] of two numbers (got {value!r:.60})")
    lo, hi = (checks.number(item, low, high) for item in value)
    if lo > hi:
        raise FieldError(f"low end {lo:g} is above the high end {hi:g}")
    return lo, hi


def _bounded(low: float, high: float, positive: bool = False) -> Check:
    return partial(checks.number, low=low, high=high, positive=positive)


def _ranged(low: float, high: float) -> Check:
    return partial(_range, low=low, high=high)


_ID = checks.identifier


@dataclass(frozen=True, kw_only=True)
class Source:
    """A publication the catalogue cites (sources.yaml)."""

    id: str = checked(_ID)
    title: str = checked(checks.title)  # as published, or described when headline_seen is false
    headline_seen: bool = checked(checks.boolean, default=True)  # false: title is a description
    publisher: str = checked(_text(200))
    date: str = checked(checks.partial_date)
    url: str = checked(checks.url)
    accessed: str | None = checked(checks.full_date, default=None)
    quote: str | None = checked(_text(600), default=None)
    supports: str | None = checked(_text(600), default=None)
    via: str | None = checked(_text(200), default=None)  # the copy read, when not the original
    secondary: bool = checked(checks.boolean, default=False)  # the original was not found


@dataclass(frozen=True, kw_only=True)
class Anchor:
    """A place that reports measure from, used to digitise described areas (anchors.yaml)."""

    id: str = checked(_ID)
    name: str = checked(_text(200))
    lat: float = checked(checks.latitude)
    lon: float = checked(checks.longitude)
    precision_m: float = checked(_bounded(0, 1e6, positive=True))
    sources: tuple[Citation, ...] = checked(_citations)


@dataclass(frozen=True, kw_only=True)
class Site:
    """A launch site or pad, a city, a control centre, a border station (sites.yaml)."""

    id: str = checked(_ID)
    name: str = checked(_text(200))
    kind: str = checked(_choice(SITE_KINDS))
    country: str = checked(checks.country)
    names: dict[str, str] = checked(_names)
    lat: float = checked(checks.latitude)
    lon: float = checked(checks.longitude)
    precision_m: float = checked(_bounded(0, 1e6, positive=True))
    timezone: str = checked(checks.timezone)
    parent: str | None = checked(_ID, default=None)
    description: str = checked(_text())
    sources: tuple[Citation, ...] = checked(_citations)


def _as_is(value: Any) -> Any:
    """A field checked together with another one by the validator."""
    return value


_COSPAR = re.compile(r"^(19[5-9]\d|2\d{3})-\d{3}[A-Z]{1,3}$")


def _cospar(value: Any) -> str:
    """An international designator, e.g. 2012-072A."""
    if not isinstance(value, str) or not _COSPAR.match(value):
        raise FieldError(f"must be a COSPAR id such as 2012-072A (got {value!r:.30})")
    return value


def _norad(value: Any) -> int:
    """A NORAD (SATCAT) catalogue number."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 999_999:
        raise FieldError(f"must be a NORAD catalogue number, 1 to 999999 (got {value!r:.30})")
    return value


SATELLITE_FACTS = ("cospar_id", "norad_id", "decay_date")


def _cited(value: Any) -> dict[str, tuple[Citation, ...]]:
    """A mapping of a satellite's catalogue fact (SATELLITE_FACTS) to the sources that give it."""
    if not isinstance(value, dict):
        raise FieldError(f"must map {', '.join(SATELLITE_FACTS)} to the sources that give them")
    unknown = sorted(str(k) for k in value if k not in SATELLITE_FACTS)
    if unknown:
        raise FieldError(f"{unknown[0]!r:.30} is not one of {', '.join(SATELLITE_FACTS)}")
    return {fact: _citations(value[fact]) for fact in SATELLITE_FACTS if fact in value}


@dataclass(frozen=True, kw_only=True)
class Satellite:
    """What a successful launch put in orbit: its catalogue numbers, its orbit at insertion
    (as its sources give it, orbit_note saying whose figures) and the date it decayed; cited
    names the sources of each catalogue number and of the decay."""

    name: str = checked(_text(200))
    cospar_id: str | None = checked(_cospar, default=None)
    norad_id: int | None = checked(_norad, default=None)
    perigee_km: float | None = checked(_bounded(80, 5000), default=None)
    apogee_km: float | None = checked(_bounded(80, 50000), default=None)
    inclination_deg: float | None = checked(_bounded(0, 180), default=None)
    orbit_note: str | None = checked(_text(400), default=None)
    decay_date: str | None = checked(checks.full_date, default=None)
    cited: dict[str, tuple[Citation, ...]] = checked(_cited, default=None)


def _satellite(value: Any) -> Satellite:
    """A mapping of Satellite's fields (name required)."""
    if not isinstance(value, dict):
        raise FieldError(f"must be a mapping with {', '.join(yaml_name(f) for f in fields(Satellite))}")
    sat = Satellite(**_checked_fields(Satellite, value, ""))
    if sat.perigee_km is not None and sat.apogee_km is not None and sat.perigee_km > sat.apogee_km:
        raise FieldError(f"perigee_km {sat.perigee_km:g} is above apogee_km {sat.apogee_km:g}")
    if (sat.perigee_km is None) != (sat.apogee_km is None):
        raise FieldError("give perigee_km and apogee_km together")
    cited = sat.cited or {}
    for fact in SATELLITE_FACTS:
        if getattr(sat, fact) is not None and fact not in cited:
            raise FieldError(f"{fact} has no source: name it under cited")
        if getattr(sat, fact) is None and fact in cited:
            raise FieldError(f"cited names sources of {fact}, which is not given")
    return sat


@dataclass(frozen=True, kw_only=True)
class Event:
    """A launch or another dated fact, drawn at a site or at a zone's centre (events.yaml)."""

    id: str = checked(_ID)
    name: str = checked(_text(200))
    names: dict[str, str] | None = checked(_names, default=None)  # as a site's: en, ko, ru
    kind: str = checked(_choice(EVENT_KINDS))
    time_utc: str = checked(_as_is)  # checked against time_precision
    time_precision: str = checked(_choice(PRECISIONS))
    time_approximate: bool = checked(checks.boolean, default=False)
    time_local: str | None = checked(_as_is, default=None)  # checked against the site's zone
    site: str | None = checked(_ID, default=None)
    zone: str | None = checked(_ID, default=None)
    vehicle: str | None = checked(_text(200), default=None)
    payload: str | None = checked(_text(200), default=None)
    outcome: str = checked(_choice(OUTCOMES))
    summary: str = checked(_text())
    satellite: Satellite | None = checked(_satellite, default=None)  # a launch that reached orbit
    version_of: str | None = checked(_ID, default=None)  # another source's version of that record
    sources: tuple[Citation, ...] = checked(_citations)


@dataclass(frozen=True, kw_only=True)
class Offset:
    """A point distance_km from an anchor or site along azimuth_deg (a geodesic)."""

    origin: str = checked(_ID, yaml="from")
    azimuth_deg: float = checked(_bounded(0, 360))
    distance_km: float = checked(_bounded(0, 20000))


@dataclass(frozen=True, kw_only=True)
class Construction:
    """How a digitised zone is drawn from the points its description gives.

    With radius_km: a circle around the points' centre that must hold every point (one point:
    "about 220 km west of Eocheongdo"; several: one area described from several places).
    Without: the polygon through the points in order ("100-150 km west of Pyeongtaek-Gunsan")."""

    points: tuple[Offset, ...]
    radius_km: float | None = None


def _mapping(value: Any, cls: type, what: str) -> dict[str, Any]:
    """The checked fields of a YAML mapping read as cls (every field required)."""
    declared = {yaml_name(item): item for item in fields(cls)}
    if not isinstance(value, dict):
        raise FieldError(f"{what} must be a mapping with {', '.join(declared)}")
    unknown = sorted(set(value) - set(declared))
    if unknown:
        raise FieldError(f"{what}: unknown key {unknown[0]!r:.30}; allowed: {', '.join(sorted(declared))}")
    missing = sorted(set(declared) - set(value))
    if missing:
        raise FieldError(f"{what} lacks {', '.join(missing)}")
    return {item.name: item.metadata["check"](value[key]) for key, item in declared.items()}


_RADIUS = _bounded(0, 2000, positive=True)


def _construction(value: Any) -> Construction:
    """{from, azimuth_deg, distance_km, radius_km} (a circle around one point) or
    {points: [{from, azimuth_deg, distance_km}, ...], radius_km} (radius optional)."""
    if isinstance(value, dict) and "points" in value:
        unknown = sorted(set(value) - {"points", "radius_km"})
        if unknown:
            raise FieldError(f"unknown key {unknown[0]!r:.30}; allowed: points, radius_km")
        raw = value["points"]
        if not isinstance(raw, list) or not raw:
            raise FieldError("points must be a list of {from, azimuth_deg, distance_km}")
        points = tuple(Offset(**_mapping(item, Offset, f"point {i + 1}"))
                       for i, item in enumerate(raw))
        radius = _RADIUS(value["radius_km"]) if value.get("radius_km") is not None else None
        if radius is None and len(points) < 3:
            raise FieldError("a polygon needs at least 3 points (or give radius_km for a circle)")
        return Construction(points=points, radius_km=radius)
    if isinstance(value, dict) and "radius_km" in value:
        rest = {key: item for key, item in value.items() if key != "radius_km"}
        return Construction(points=(Offset(**_mapping(rest, Offset, "geometry")),),
                            radius_km=_RADIUS(value["radius_km"]))
    raise FieldError("must be a mapping with from, azimuth_deg, distance_km, radius_km, "
                     "or with points (and radius_km)")


@dataclass(frozen=True, kw_only=True)
class Zone:
    """An announced danger area, or where debris fell or was salvaged (zones.yaml)."""

    id: str = checked(_ID)
    name: str = checked(_text(200))
    kind: str = checked(_choice(ZONE_KINDS))
    stage: str | None = checked(_text(100), default=None)
    event_id: str = checked(_ID)
    issuer: str = checked(_text(200))
    valid_from: str | None = checked(checks.full_date, default=None)
    valid_to: str | None = checked(checks.full_date, default=None)
    validity_note: str | None = checked(_text(400), default=None)
    geometry_method: str = checked(_choice(SEED_METHODS))
    confidence: str = checked(_choice(CONFIDENCES))
    raw_text: str = checked(_text())
    geometry: Construction | None = checked(_construction, default=None)
    note: str | None = checked(_text(1500), default=None)  # which sources the shape follows, why
    version_of: str | None = checked(_ID, default=None)  # another source's version of that record
    sources: tuple[Citation, ...] = checked(_citations)


@dataclass(frozen=True, kw_only=True)
class Version:
    """One source's account of how a failed flight ended, as the fall model is conditioned on it:
    every given observation must hold for a draw to be kept (model.yaml, under versions)."""

    id: str = checked(_ID)  # short: the footprint's id is the launch id, "footprint" and this
    label: str = checked(_text(200))  # whose account, in words
    breakup_s: tuple[float, float] | None = checked(_ranged(1, 600), default=None)
    breakup_at_burnout: bool = checked(checks.boolean, default=False)
    before_burnout: bool = checked(checks.boolean, default=False)  # "during first-stage flight"
    breakup_altitude_km: tuple[float, float] | None = checked(_ranged(0, 500), default=None)
    apex_km: tuple[float, float] | None = checked(_ranged(0, 2000), default=None)
    fell_in: str | None = checked(_ID, default=None)  # zone of the same launch
    observed: str = checked(_text(1000))  # the observations, in words, as the sources give them
    sources: tuple[Citation, ...] = checked(_citations)


def _versions(value: Any) -> tuple[Version, ...]:
    """A list of versions, each a mapping of Version's fields."""
    if not isinstance(value, list) or not value:
        raise FieldError("must be a list of versions (id, label, observed, sources, ...)")
    out = []
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise FieldError(f"version {index + 1} must be a mapping")
        version = Version(**_checked_fields(Version, item, f"version {index + 1}"))
        if (version.breakup_s is None) == (not version.breakup_at_burnout):
            raise FieldError(f"version {index + 1}: give breakup_s or breakup_at_burnout: true")
        out.append(version)
    ids = [v.id for v in out]
    if len(set(ids)) != len(ids):
        raise FieldError("two versions have the same id")
    return tuple(out)


def _times(value: Any) -> tuple[float, ...]:
    """Seconds after lift-off, in increasing order."""
    if not isinstance(value, list) or not value:
        raise FieldError("must be a list of seconds, e.g. [60, 90, 120]")
    times = tuple(checks.number(item, 1, 600) for item in value)
    if list(times) != sorted(set(times)):
        raise FieldError("must be increasing")
    return times


@dataclass(frozen=True, kw_only=True)
class FallModel:
    """How a failed launch ended, the figures of its first stage and the versions the fall model
    is conditioned on (model.yaml). The ranges are what the Monte Carlo draws from, uniformly
    (the ballistic coefficient log-uniformly); see docs/model.md."""

    id: str = checked(_ID)  # the launch's event id
    ending: str = checked(_text(600))
    fell_in: str | None = checked(_ID, default=None)  # where the flight path ends
    thrust_to_weight: tuple[float, float] | None = checked(_ranged(1.01, 5), default=None)
    isp_s: tuple[float, float] | None = checked(_ranged(150, 460), default=None)
    burn_s: tuple[float, float] | None = checked(_ranged(20, 600), default=None)
    vertical_s: tuple[float, float] | None = checked(_ranged(1, 60), default=None)
    burnout_angle_deg: tuple[float, float] | None = checked(_ranged(5, 85), default=None)
    azimuth_deg: tuple[float, float] | None = checked(_ranged(0, 360), default=None)
    piece_ballistic_coefficient: tuple[float, float] | None = checked(_ranged(10, 50_000),
                                                                      default=None)
    breakup_speed_ms: tuple[float, float] | None = checked(_ranged(0, 1_000), default=None)
    vehicle: str | None = checked(_text(), default=None)  # what is sourced, what is assumed
    versions: tuple[Version, ...] = checked(_versions, default=())
    scenario_s: tuple[float, ...] = checked(_times, default=(60.0, 90.0, 120.0))
    sources: tuple[Citation, ...] = checked(_citations)

    @property
    def has_vehicle(self) -> bool:
        """True when every figure the Monte Carlo draws from is given."""
        return all(getattr(self, name) is not None for name in VEHICLE_FIELDS)


VEHICLE_FIELDS = ("thrust_to_weight", "isp_s", "burn_s", "vertical_s", "burnout_angle_deg",
                  "piece_ballistic_coefficient", "breakup_speed_ms", "vehicle")
"""What a FallModel must give to be flown (versions and scenarios need them all)."""


def _checked_fields(cls: type, item: dict[str, Any], where: str) -> dict[str, Any]:
    """The checked values of a nested record's mapping (a satellite, a version), by field name;
    where ('version 2', or '' for a single one) starts each message."""
    declared = {yaml_name(f): f for f in fields(cls)}
    unknown = sorted(set(item) - set(declared))
    if unknown:
        raise FieldError(f"{where + ': ' if where else ''}unknown key {unknown[0]!r:.30}; "
                         f"allowed: {', '.join(declared)}")
    values: dict[str, Any] = {}
    for key, spec in declared.items():
        if item.get(key) is None:
            if is_required(spec):
                raise FieldError(f"{where + ' ' if where else ''}lacks {key}")
            continue
        try:
            values[spec.name] = spec.metadata["check"](item[key])
        except FieldError as exc:
            raise FieldError(f"{where + ', ' if where else ''}{key}: {exc}") from None
    return values
