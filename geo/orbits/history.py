"""An orbit's history from a series of element sets: perigee, apogee, inclination and period
against time, and the changes that drag and tracking noise do not explain flagged as manoeuvres.

The rule (MANOEUVRE_RULE below says it in words): drag only lowers a low orbit, at the rate the
element set itself states (its first derivative of the mean motion, the TLE's "ndot/2" field).
From each set the next one's semi-major axis is predicted with that rate; the difference between
the next set's semi-major axis and the prediction is the `residual_km`. A residual beyond
NOISE_KM + DRAG_SHARE × |predicted change| (either sign), or an inclination change beyond
INCLINATION_DEG, is a manoeuvre between the two epochs. NOISE_KM covers the scatter of mean
semi-major axes between consecutive sets of a tracked LEO object (tens of metres); the share of
the predicted change covers drag that varies with solar activity between the epochs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from ..errors import GeoError
from ..i18n.catalogue import DEFAULT, translate
from .elements import ElementSet
from .passes import passes

MU_KM3_S2 = 398600.4418  # as Space-Track and CelesTrak use for SEMIMAJOR_AXIS, APOGEE, PERIGEE
EARTH_RADIUS_KM = 6378.135  # WGS72, the radius of the SGP4 model and of those catalogues
NOISE_KM = 0.2
DRAG_SHARE = 0.5
INCLINATION_DEG = 0.02
MAX_PASS_WINDOW = timedelta(days=31)
MANOEUVRE_RULE = translate(DEFAULT, "orbit.manoeuvre_rule", noise=f"{NOISE_KM:g}", share=f"{DRAG_SHARE:g}",
                           inclination=f"{INCLINATION_DEG:g}")  # the catalogue's words (geo.i18n)


@dataclass(frozen=True)
class OrbitState:
    """The mean orbit of one element set, and how it compares with the one before."""

    epoch: datetime
    name: str
    norad_id: int
    semi_major_axis_km: float
    perigee_km: float
    apogee_km: float
    inclination_deg: float
    eccentricity: float
    period_min: float
    residual_km: float | None = None  # None for the first set
    threshold_km: float | None = None
    manoeuvre: str = ""  # "" or what changed: "raise", "lowering", "plane change"
    passes: tuple[dict, ...] = field(default_factory=tuple)


def _mean_motion_rev_day(es: ElementSet) -> float:
    return es.satrec.no_kozai * 1440 / (2 * math.pi)


def _ndot_rev_day2(es: ElementSet) -> float:
    """The first derivative of the mean motion (rev/day²): twice the TLE's 'ndot/2' field."""
    return 2 * es.satrec.ndot * 1036800 / math.pi


def semi_major_axis_km(mean_motion_rev_day: float) -> float:
    """Kepler's third law for a mean motion in revolutions per day."""
    n = mean_motion_rev_day * 2 * math.pi / 86400
    return float((MU_KM3_S2 / n ** 2) ** (1 / 3))


def _state(es: ElementSet) -> OrbitState:
    n = _mean_motion_rev_day(es)
    a = semi_major_axis_km(n)
    e = float(es.satrec.ecco)
    return OrbitState(es.epoch, es.name, es.norad_id, a, a * (1 - e) - EARTH_RADIUS_KM,
                      a * (1 + e) - EARTH_RADIUS_KM, math.degrees(es.satrec.inclo), e, 1440 / n)


def history(sets: Sequence[ElementSet], over: tuple[float, float, str] | None = None,
            min_elevation: float = 0.0) -> list[OrbitState]:
    """The orbit of each element set in time order, manoeuvres flagged by the stated rule; with
    `over` (lat, lon, time zone) the passes over that place between the two epochs of each
    manoeuvre (when they are at most 31 days apart)."""
    if not sets:
        raise GeoError("no element set given")
    ids = sorted({es.norad_id for es in sets})
    if len(ids) > 1:
        raise GeoError(f"a history is of one satellite; these element sets are of NORAD {ids}")
    ordered = sorted(sets, key=lambda es: es.epoch)
    states = [_state(ordered[0])]
    for before, es in zip(ordered, ordered[1:], strict=False):
        state = _state(es)
        days = (es.epoch - before.epoch).total_seconds() / 86400
        if days <= 0:  # the same epoch twice: a re-issue, nothing to compare
            states.append(state)
            continue
        previous = states[-1]
        n_predicted = _mean_motion_rev_day(before) + _ndot_rev_day2(before) * days
        a_predicted = semi_major_axis_km(n_predicted) if n_predicted > 0 else previous.semi_major_axis_km
        residual = state.semi_major_axis_km - a_predicted
        threshold = NOISE_KM + DRAG_SHARE * abs(a_predicted - previous.semi_major_axis_km)
        what = []
        if residual > threshold:
            what.append("raise")
        elif residual < -threshold:
            what.append("lowering")
        if abs(state.inclination_deg - previous.inclination_deg) > INCLINATION_DEG:
            what.append("plane change")
        found: tuple[dict, ...] = ()
        if what and over is not None and es.epoch - before.epoch <= MAX_PASS_WINDOW:
            lat, lon, zone = over
            found = tuple(passes([before, es], lat, lon, before.epoch, es.epoch, min_elevation, zone))
        states.append(replace(state, residual_km=residual, threshold_km=threshold,
                              manoeuvre=", ".join(what), passes=found))
    return states


CSV_FIELDS = ("epoch", "name", "norad_id", "semi_major_axis_km", "perigee_km", "apogee_km",
              "inclination_deg", "eccentricity", "period_min", "residual_km", "threshold_km",
              "manoeuvre", "passes_between_epochs")


def rows(states: Sequence[OrbitState]) -> list[dict]:
    """The history as rows for CSV: heights to 10 m, angles to 0.0001°, passes by culmination."""
    out = []
    for s in states:
        out.append({
            "epoch": s.epoch.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "name": s.name, "norad_id": s.norad_id,
            "semi_major_axis_km": f"{s.semi_major_axis_km:.2f}", "perigee_km": f"{s.perigee_km:.2f}",
            "apogee_km": f"{s.apogee_km:.2f}", "inclination_deg": f"{s.inclination_deg:.4f}",
            "eccentricity": f"{s.eccentricity:.7f}", "period_min": f"{s.period_min:.3f}",
            "residual_km": "" if s.residual_km is None else f"{s.residual_km:.2f}",
            "threshold_km": "" if s.threshold_km is None else f"{s.threshold_km:.2f}",
            "manoeuvre": s.manoeuvre,
            "passes_between_epochs": " ".join(
                f"{p['culminate']}/{p['max_elevation_deg']:g}deg" for p in s.passes)})
    return out


def figure(states: Sequence[OrbitState], path: Path) -> None:
    """Perigee and apogee (top) and inclination (bottom) against time, each manoeuvre shaded
    between the two epochs it lies between; PNG or SVG by the file's suffix (matplotlib)."""
    import matplotlib

    matplotlib.use("Agg")  # no display: a file only
    from matplotlib import pyplot as plt

    times = [s.epoch for s in states]
    fig, (top, bottom) = plt.subplots(2, 1, sharex=True, figsize=(9, 5.5), height_ratios=(3, 1.4))
    top.plot(times, [s.apogee_km for s in states], ".-", color="#b2182b", label="apogee")
    top.plot(times, [s.perigee_km for s in states], ".-", color="#2166ac", label="perigee")
    bottom.plot(times, [s.inclination_deg for s in states], ".-", color="#444444")
    bottom.ticklabel_format(axis="y", useOffset=False)
    for before, s in zip(states, states[1:], strict=False):
        if s.manoeuvre:
            for ax in (top, bottom):
                ax.axvspan(before.epoch, s.epoch, color="#fdb863", alpha=0.45, lw=0)
    first = states[0]
    top.set_title(f"{first.name or 'NORAD ' + str(first.norad_id)} (NORAD {first.norad_id}): "
                  f"mean orbit per element set; shaded: a manoeuvre between two epochs", fontsize=9)
    top.set_ylabel("height above 6378.135 km (km)")
    bottom.set_ylabel("inclination (°)")
    bottom.set_xlabel("epoch (UTC)")
    top.legend(loc="best", fontsize=8)
    fig.autofmt_xdate()
    fig.text(0.01, 0.005, MANOEUVRE_RULE, fontsize=6, wrap=True)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    kind = path.suffix.lower().lstrip(".")
    if kind not in ("png", "svg"):
        raise GeoError(f"{path}: a figure is .png or .svg")
    tmp = path.with_name(path.name + ".part")
    try:  # whole or not at all
        fig.savefig(tmp, format=kind, metadata={"Date": None} if kind == "svg" else {})
        tmp.replace(path)
    finally:
        plt.close(fig)
        tmp.unlink(missing_ok=True)
