"""The orbit history and its manoeuvre rule, on the published sets and on a synthetic history
built from a real one with known changes."""

from __future__ import annotations

import math
import random

import pytest
from sgp4 import exporter
from sgp4.api import WGS72, Satrec

from geo.errors import GeoError
from geo.orbits.elements import ElementSet, read_tle
from geo.orbits.history import EARTH_RADIUS_KM, MU_KM3_S2, history, rows

from .conftest import PYONGYANG_GSCC

JD_1949_12_31 = 2433281.5


def test_the_published_sets_show_the_june_2024_raise(malligyong) -> None:
    """6 → 12 June 2024 the mean semi-major axis rose 2.1 km, which drag cannot do; 12 June →
    7 July it fell by what the 12 June set's own decay rate predicts (within 0.12 km)."""
    states = history(malligyong)
    assert [s.manoeuvre for s in states] == ["", "raise", ""]
    assert states[1].residual_km == pytest.approx(2.11, abs=0.01)
    assert abs(states[2].residual_km) < states[2].threshold_km
    assert states[0].perigee_km == pytest.approx(499.17, abs=0.01)  # 512 x 493 km at launch
    assert states[0].period_min == pytest.approx(1440 / 15.21704003)
    assert states[0].inclination_deg == pytest.approx(97.4052)


def _a_km(mean_motion_rev_day: float) -> float:
    return (MU_KM3_S2 / (mean_motion_rev_day * 2 * math.pi / 86400) ** 2) ** (1 / 3)


def _n_of(a_km: float) -> float:
    return math.sqrt(MU_KM3_S2 / a_km ** 3) * 86400 / (2 * math.pi)


def _synthetic(base: ElementSet, changes: dict[int, tuple[float, float]], count: int = 24,
               hours: float = 12.0) -> list[ElementSet]:
    """Element sets every `hours` from a real one: the mean motion follows the set's own decay
    rate, the semi-major axis gets ±40 m and the inclination ±0.003° of seeded noise (what
    consecutive real sets scatter by), and at set k the perigee is raised by changes[k][0] km
    (apogee kept) and the inclination moved by changes[k][1] degrees. Each set goes through
    sgp4's TLE exporter and back through our reader, checksums and all."""
    rng = random.Random(25)
    s = base.satrec
    ndot_rev_day2 = 2 * s.ndot * 1036800 / math.pi
    n0 = s.no_kozai * 1440 / (2 * math.pi)
    perigee_offset, incl_offset = 0.0, 0.0
    text = []
    for k in range(count):
        days = k * hours / 24
        a = _a_km(n0 + ndot_rev_day2 * days)
        raise_km, turn_deg = changes.get(k, (0.0, 0.0))
        perigee_offset += raise_km
        incl_offset += turn_deg
        rp, ra = a * (1 - s.ecco) + perigee_offset, a * (1 + s.ecco)
        # a perigee raised past the apogee makes that point the apogee: the perigee turns 180°
        argp = s.argpo + (math.pi if rp > ra else 0.0)
        a, e = (rp + ra) / 2 + rng.uniform(-0.04, 0.04), abs(ra - rp) / (ra + rp)
        sat = Satrec()
        inclination = s.inclo + math.radians(incl_offset + rng.uniform(-0.003, 0.003))
        sat.sgp4init(WGS72, "i", s.satnum, s.jdsatepoch + s.jdsatepochF - JD_1949_12_31 + days, s.bstar,
                     s.ndot, 0.0, e, argp % (2 * math.pi), inclination, s.mo, _n_of(a) * 2 * math.pi / 1440,
                     s.nodeo)
        sat.classification, sat.intldesg, sat.elnum, sat.revnum = "U", "23179A", 999, 3005
        l1, l2 = exporter.export_tle(sat)
        text.append(f"MALLIGYONG-1\n{l1}\n{l2}")
    return read_tle("\n".join(text), "synthetic.tle")


def test_a_known_perigee_raise_is_flagged_where_it_was_made_and_noise_is_not(malligyong) -> None:
    sets = _synthetic(malligyong[0], {9: (1.8, 0.0)})  # Langbroek: ~1.8 km a raise in Feb 2024
    states = history(sets)
    assert [k for k, s in enumerate(states) if s.manoeuvre] == [9]
    assert states[9].manoeuvre == "raise"
    assert states[9].residual_km == pytest.approx(0.9, abs=0.1)  # a = (rp + ra) / 2
    assert states[9].perigee_km - states[8].perigee_km == pytest.approx(1.8, abs=0.15)


def test_five_daily_raises_like_february_2024(malligyong) -> None:
    sets = _synthetic(malligyong[0], dict.fromkeys((6, 8, 10, 12, 14), (1.8, 0.0)))
    assert [k for k, s in enumerate(history(sets)) if s.manoeuvre == "raise"] == [6, 8, 10, 12, 14]


def test_a_lowering_and_a_plane_change_are_flagged(malligyong) -> None:
    states = history(_synthetic(malligyong[0], {5: (-1.0, 0.0), 15: (0.0, 0.05)}))
    flagged = {k: s.manoeuvre for k, s in enumerate(states) if s.manoeuvre}
    assert flagged == {5: "lowering", 15: "plane change"}


def test_the_passes_over_a_place_between_the_epochs_of_a_manoeuvre(malligyong) -> None:
    lat, lon = PYONGYANG_GSCC
    states = history(malligyong, (lat, lon, "Asia/Pyongyang"))
    found = states[1].passes
    assert len(found) >= 20 and not states[2].passes  # only where a manoeuvre is flagged
    first, last = malligyong[0].epoch.isoformat(), malligyong[1].epoch.isoformat()
    assert all(first <= p["rise"].replace("Z", "+00:00") <= last for p in found)
    row = rows(states)[1]
    assert row["manoeuvre"] == "raise" and row["passes_between_epochs"].count("deg") == len(found)


def test_a_history_of_two_satellites_is_refused(malligyong, cbers) -> None:
    with pytest.raises(GeoError, match="one satellite"):
        history([*malligyong, cbers])


def test_heights_are_above_the_sgp4_earth_radius(malligyong) -> None:
    s = history(malligyong[:1])[0]
    assert s.apogee_km + s.perigee_km + 2 * EARTH_RADIUS_KM == pytest.approx(2 * s.semi_major_axis_km)
