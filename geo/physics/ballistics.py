"""Point-mass flight over a spherical Earth: a programmed first-stage ascent and a ballistic fall.

Every function works on numpy arrays, one value per Monte Carlo sample, so thousands of
outcomes are flown at once. Units are SI (metres, seconds, kilograms); angles in degrees.
The Earth is a non-rotating sphere; the atmosphere is exponential and still (no wind).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..errors import GeoError

Array = NDArray[np.float64]

G0 = 9.80665  # standard gravity, m/s²
EARTH_RADIUS_M = 6_371_000.0  # mean radius of the sphere the flight is computed on
MU = G0 * EARTH_RADIUS_M**2  # gravitational parameter that gives G0 at the surface
SEA_LEVEL_DENSITY = 1.225  # kg/m³
SCALE_HEIGHT_M = 7_200.0
ASCENT_STEP_S = 2.0
FALL_STEP_S = 2.5
MAX_FALL_S = 3_000.0


@dataclass(frozen=True)
class Ascent:
    """First-stage parameters, one per sample: thrust at lift-off, exhaust, propellant, pitch."""

    thrust_to_weight: Array  # thrust over lift-off weight (constant thrust)
    isp_s: Array  # effective specific impulse, seconds
    propellant_fraction: Array  # first-stage propellant over lift-off mass
    vertical_s: Array  # seconds of vertical rise before pitch-over
    burnout_angle_deg: Array  # flight-path angle above the horizon at burnout

    @property
    def burnout_s(self) -> Array:
        """Burn time: the propellant fraction used up at the constant mass flow."""
        return np.asarray(self.propellant_fraction * self.isp_s / self.thrust_to_weight)


@dataclass(frozen=True)
class State:
    """Where the vehicle is: ground distance from the pad, altitude, speed, flight-path angle."""

    downrange_m: Array
    altitude_m: Array
    speed_ms: Array
    path_angle_deg: Array


def path_angle_deg(ascent: Ascent, t: Array) -> Array:
    """Programmed flight-path angle: 90° until pitch-over, then linear down to the burnout angle."""
    span = np.maximum(ascent.burnout_s - ascent.vertical_s, 1e-6)
    frac = np.clip((t - ascent.vertical_s) / span, 0.0, 1.0)
    return np.asarray(90.0 - (90.0 - ascent.burnout_angle_deg) * frac)


def ascend(ascent: Ascent, until_s: Array) -> State:
    """Fly the ascent (RK4, drag-free) until each sample's time; stops at burnout at the latest."""
    stop = np.minimum(np.asarray(until_s, dtype=float), ascent.burnout_s)
    speed = np.zeros_like(stop)
    alt = np.zeros_like(stop)
    ground = np.zeros_like(stop)

    def rates(t: Array, v: Array, h: Array) -> tuple[Array, Array, Array]:
        gamma = np.radians(path_angle_deg(ascent, t))
        mass_left = 1.0 - ascent.thrust_to_weight * t / ascent.isp_s
        thrust_acc = G0 * ascent.thrust_to_weight / mass_left
        gravity = MU / (EARTH_RADIUS_M + h) ** 2
        return (thrust_acc - gravity * np.sin(gamma), v * np.sin(gamma),
                v * np.cos(gamma) * EARTH_RADIUS_M / (EARTH_RADIUS_M + h))

    t = np.zeros_like(stop)
    while np.any(t < stop):
        dt = np.clip(stop - t, 0.0, ASCENT_STEP_S)
        k1 = rates(t, speed, alt)
        k2 = rates(t + dt / 2, speed + dt / 2 * k1[0], alt + dt / 2 * k1[1])
        k3 = rates(t + dt / 2, speed + dt / 2 * k2[0], alt + dt / 2 * k2[1])
        k4 = rates(t + dt, speed + dt * k3[0], alt + dt * k3[1])
        speed = speed + dt / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0])
        alt = alt + dt / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])
        ground = ground + dt / 6 * (k1[2] + 2 * k2[2] + 2 * k3[2] + k4[2])
        t = t + dt
    return State(ground, alt, speed, path_angle_deg(ascent, stop))


def fall(state: State, ballistic_coefficient: Array, kick_ms: Array) -> tuple[Array, Array]:
    """Fly each piece from state to the ground; kick_ms (n×3: along, up, right) is added at the start.

    Returns the ground distance from the pad (m) and the bearing off the flight azimuth
    (degrees, positive to the right) of every impact point.
    """
    theta = state.downrange_m / EARTH_RADIUS_M
    radius = EARTH_RADIUS_M + state.altitude_m
    up = np.stack([np.cos(theta), np.sin(theta), np.zeros_like(theta)], axis=1)
    along = np.stack([-np.sin(theta), np.cos(theta), np.zeros_like(theta)], axis=1)
    right = np.stack([np.zeros_like(theta), np.zeros_like(theta), np.ones_like(theta)], axis=1)
    gamma = np.radians(state.path_angle_deg)
    speed_along = state.speed_ms * np.cos(gamma) + kick_ms[:, 0]
    speed_up = state.speed_ms * np.sin(gamma) + kick_ms[:, 1]
    pos = up * radius[:, None]
    vel = along * speed_along[:, None] + up * speed_up[:, None] + right * kick_ms[:, 2:3]
    beta = np.asarray(ballistic_coefficient, dtype=float)[:, None]

    def accel(p: Array, v: Array, b: Array) -> Array:
        r = _norm(p)
        rho = SEA_LEVEL_DENSITY * np.exp(-np.maximum(r - EARTH_RADIUS_M, 0.0) / SCALE_HEIGHT_M)
        drag = rho * _norm(v) / (2.0 * b)
        return np.asarray(-MU * p / r**3 - drag * v)

    impact = pos.copy()
    falling = np.ones(len(pos), dtype=bool)
    steps = int(MAX_FALL_S / FALL_STEP_S)
    dt = FALL_STEP_S
    for _ in range(steps):
        if not falling.any():
            break
        p, v, b = pos[falling], vel[falling], beta[falling]
        k1v, k1p = accel(p, v, b), v
        k2v, k2p = accel(p + dt / 2 * k1p, v + dt / 2 * k1v, b), v + dt / 2 * k1v
        k3v, k3p = accel(p + dt / 2 * k2p, v + dt / 2 * k2v, b), v + dt / 2 * k2v
        k4v, k4p = accel(p + dt * k3p, v + dt * k3v, b), v + dt * k3v
        new_p = p + dt / 6 * (k1p + 2 * k2p + 2 * k3p + k4p)
        new_v = v + dt / 6 * (k1v + 2 * k2v + 2 * k3v + k4v)
        h_old = _norm(p)[:, 0] - EARTH_RADIUS_M
        h_new = _norm(new_p)[:, 0] - EARTH_RADIUS_M
        landed = h_new <= 0.0
        frac = np.clip(h_old / np.maximum(h_old - h_new, 1e-9), 0.0, 1.0)[:, None]
        idx = np.flatnonzero(falling)
        impact[idx[landed]] = (p + frac * (new_p - p))[landed]
        pos[idx], vel[idx] = new_p, new_v
        falling[idx[landed]] = False
    if falling.any():
        raise GeoError(f"{int(falling.sum())} simulated pieces had not fallen after {MAX_FALL_S:g} s")
    unit = impact / _norm(impact)
    central = np.arctan2(np.hypot(unit[:, 1], unit[:, 2]), unit[:, 0])
    bearing = np.degrees(np.arctan2(unit[:, 2], unit[:, 1]))
    return central * EARTH_RADIUS_M, bearing


def _norm(vectors: Array) -> Array:
    """Length of each row, as a column."""
    return np.asarray(np.sqrt(np.einsum("ij,ij->i", vectors, vectors))[:, None])
