"""Real element sets for the orbit tests, and the independent computation (skyfield, with its
built-in timescale and leap seconds, so it runs offline)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import sgp4
from skyfield.api import EarthSatellite, load

from geo.orbits.elements import ElementSet, read_tle

DATA = Path(__file__).resolve().parent.parent / "data" / "orbits"
MALLIGYONG = DATA / "malligyong-1.tle"
VER = Path(sgp4.__file__).parent / "SGP4-VER.TLE"  # Vallado's verification set, in the sgp4 package
TS = load.timescale(builtin=True)
PYONGYANG_GSCC = (39.0425, 125.7100)  # as given by Langbroek, The Space Review, 2024


def cbers_text() -> str:
    """CBERS 2 (28057), a sun-synchronous LEO of Vallado's set (its lines carry extra columns)."""
    lines = VER.read_text().splitlines()
    i = next(n for n, line in enumerate(lines) if line.startswith("1 28057"))
    return f"CBERS 2\n{lines[i][:69]}\n{lines[i + 1][:69]}\n"


def skyfield_of(es: ElementSet) -> EarthSatellite:
    """The same element set in skyfield (its own TEME to ITRS, with polar motion off)."""
    return EarthSatellite(es.line1, es.line2, es.name, TS)


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a 6371 km sphere."""
    p1, p2, d = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(d)
    return 6371.0 * math.acos(max(-1.0, min(1.0, c)))


@pytest.fixture(scope="session")
def malligyong() -> list[ElementSet]:
    """The three published Malligyong-1 sets (tests/data/orbits/README.md says where from)."""
    return read_tle(MALLIGYONG.read_text(), "malligyong-1.tle")


@pytest.fixture(scope="session")
def cbers() -> ElementSet:
    return read_tle(cbers_text())[0]
