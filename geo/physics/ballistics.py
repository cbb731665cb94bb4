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
INTERFACE_M = 100_000.0  # above this the air is left out (density below 2e-6 kg/m³)
ASCENT_STEP_S = 2.0
FALL_STEP_S = 2.0
MIN_FALL_STEP_S = 0.05
MAX_FALL_S = 3_000.0
DRIFT_DONE_MS = 0.5  # below 20 km, a piece this slow sideways falls where it is
DRIFT_DONE_BELOW_M = 20_000.0


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


def apex_m(state: State) -> Array:
    """Highest altitude each sample reaches from state without thrust, air left out (a Kepler arc)."""
    r0 = EARTH_RADIUS_M + np.asarray(state.altitude_m, dtype=float)
    gamma = np.radians(state.path_angle_deg)
    vr, vt = state.speed_ms * np.sin(gamma), state.speed_ms * np.cos(gamma)
    energy = (vr**2 + vt**2) / 2 - MU / r0
    semi_major = -MU / (2 * np.minimum(energy, -1e-9))
    ecc = np.sqrt(np.maximum(1 + 2 * energy * (r0 * vt) ** 2 / MU**2, 0.0))
    top = np.where(vr > 0, semi_major * (1 + ecc), r0)
    return np.asarray(top - EARTH_RADIUS_M)


def fall(state: State, ballistic_coefficient: Array, kick_ms: Array) -> tuple[Array, Array]:
    """Fly each piece from state to the ground; kick_ms (n×3: along, up, right) is added at the start.

    Returns the ground distance from the pad (m) and the bearing off the flight azimuth
    (degrees, positive to the right) of every impact point. Gravity and drag keep a piece in
    the plane of its position and velocity, so its flight is computed in that plane: a Kepler
    arc down to INTERFACE_M (no air above), then RK4 steps with drag to the ground.
    """
    theta = np.asarray(state.downrange_m, dtype=float) / EARTH_RADIUS_M
    gamma = np.radians(state.path_angle_deg)
    along = state.speed_ms * np.cos(gamma) + kick_ms[:, 0]
    vr = state.speed_ms * np.sin(gamma) + kick_ms[:, 1]
    right = np.asarray(kick_ms[:, 2], dtype=float)
    vt = np.hypot(along, right)
    heading = np.arctan2(right, along)  # off the flight azimuth, positive to the right
    r0 = EARTH_RADIUS_M + np.asarray(state.altitude_m, dtype=float)
    r, vr, vt, arc = _coast_to_interface(r0, vr, vt)
    arc = arc + _through_the_air(r, vr, vt, np.asarray(ballistic_coefficient, dtype=float))
    return _from_pad(theta, heading, arc)


def _coast_to_interface(r0: Array, vr: Array, vt: Array) -> tuple[Array, Array, Array, Array]:
    """Pieces above the interface follow a Kepler arc down to it: their radius, radial and
    transverse speed there, and the angle flown; the others are returned as they are."""
    r_i = EARTH_RADIUS_M + INTERFACE_M
    high = r0 > r_i
    arc = np.zeros_like(r0)
    if not high.any():
        return r0, vr, vt, arc
    r, vr_h, vt_h = r0[high], vr[high], vt[high]
    h_mom = r * vt_h
    energy = (vr_h**2 + vt_h**2) / 2 - MU / r
    p = h_mom**2 / MU
    ecc = np.maximum(np.sqrt(np.maximum(1 + 2 * energy * h_mom**2 / MU**2, 0.0)), 1e-12)
    nu0 = np.arccos(np.clip((p / r - 1) / ecc, -1.0, 1.0))
    nu0 = np.where(vr_h >= 0, nu0, 2 * np.pi - nu0)
    nu_i = 2 * np.pi - np.arccos(np.clip((p / r_i - 1) / ecc, -1.0, 1.0))
    arc[high] = np.maximum(nu_i - nu0, 0.0)
    speed_i = np.sqrt(np.maximum(2 * (energy + MU / r_i), 0.0))
    vt_i = h_mom / r_i
    out_r, out_vr, out_vt = r0.copy(), vr.copy(), vt.copy()
    out_r[high] = r_i
    out_vt[high] = vt_i
    out_vr[high] = -np.sqrt(np.maximum(speed_i**2 - vt_i**2, 0.0))
    return out_r, out_vr, out_vt, arc


def _through_the_air(r0: Array, vr: Array, vt: Array, beta: Array) -> Array:
    """Angle flown in the plane from (r0, 0) with velocity (vr, vt) to the ground, with drag."""
    x, y, vx, vy = r0.copy(), np.zeros_like(r0), vr.copy(), vt.copy()
    arc = np.zeros_like(r0)
    clock = np.zeros_like(r0)
    active = np.arange(len(r0))

    def accel(px: Array, py: Array, qx: Array, qy: Array, b: Array) -> tuple[Array, Array]:
        rr = np.hypot(px, py)
        rho = SEA_LEVEL_DENSITY * np.exp(-np.maximum(rr - EARTH_RADIUS_M, 0.0) / SCALE_HEIGHT_M)
        drag = rho * np.hypot(qx, qy) / (2.0 * b)
        grav = MU / rr**3
        return -grav * px - drag * qx, -grav * py - drag * qy

    while active.size:
        px, py, qx, qy, b = x[active], y[active], vx[active], vy[active], beta[active]
        a1 = accel(px, py, qx, qy, b)
        # a step of at most FALL_STEP_S, and short where drag is strong (RK4 stays stable)
        drag_rate = np.hypot(a1[0] + MU / np.hypot(px, py) ** 3 * px,
                             a1[1] + MU / np.hypot(px, py) ** 3 * py) / np.maximum(np.hypot(qx, qy), 1.0)
        dt = np.clip(1.0 / np.maximum(drag_rate, 1e-9), MIN_FALL_STEP_S, FALL_STEP_S)
        a2 = accel(px + dt / 2 * qx, py + dt / 2 * qy, qx + dt / 2 * a1[0], qy + dt / 2 * a1[1], b)
        q2x, q2y = qx + dt / 2 * a1[0], qy + dt / 2 * a1[1]
        a3 = accel(px + dt / 2 * q2x, py + dt / 2 * q2y, qx + dt / 2 * a2[0], qy + dt / 2 * a2[1], b)
        q3x, q3y = qx + dt / 2 * a2[0], qy + dt / 2 * a2[1]
        a4 = accel(px + dt * q3x, py + dt * q3y, qx + dt * a3[0], qy + dt * a3[1], b)
        q4x, q4y = qx + dt * a3[0], qy + dt * a3[1]
        nx = px + dt / 6 * (qx + 2 * q2x + 2 * q3x + q4x)
        ny = py + dt / 6 * (qy + 2 * q2y + 2 * q3y + q4y)
        nqx = qx + dt / 6 * (a1[0] + 2 * a2[0] + 2 * a3[0] + a4[0])
        nqy = qy + dt / 6 * (a1[1] + 2 * a2[1] + 2 * a3[1] + a4[1])
        h_old = np.hypot(px, py) - EARTH_RADIUS_M
        r_new = np.hypot(nx, ny)
        h_new = r_new - EARTH_RADIUS_M
        landed = h_new <= 0.0
        frac = np.clip(h_old / np.maximum(h_old - h_new, 1e-9), 0.0, 1.0)
        sideways = np.abs(nqy * nx - nqx * ny) / r_new  # speed across the local vertical
        settled = ~landed & (h_new < DRIFT_DONE_BELOW_M) & (sideways < DRIFT_DONE_MS)
        done = landed | settled
        ex = np.where(landed, px + frac * (nx - px), nx)
        ey = np.where(landed, py + frac * (ny - py), ny)
        arc[active[done]] = np.arctan2(ey[done], ex[done])
        x[active], y[active], vx[active], vy[active] = nx, ny, nqx, nqy
        clock[active] += dt
        active = active[~done]
        if active.size and clock[active].max() > MAX_FALL_S:
            late = int((clock[active] > MAX_FALL_S).sum())
            raise GeoError(f"{late} simulated pieces had not fallen after {MAX_FALL_S:g} s")
    return arc


def _from_pad(theta: Array, heading: Array, arc: Array) -> tuple[Array, Array]:
    """Distance from the pad and bearing off the azimuth of the point reached by flying arc
    (radians, on the sphere) from the point theta downrange, heading off the azimuth."""
    cos_a, sin_a = np.cos(arc), np.sin(arc)
    ux = cos_a * np.cos(theta) - sin_a * np.cos(heading) * np.sin(theta)
    uy = cos_a * np.sin(theta) + sin_a * np.cos(heading) * np.cos(theta)
    uz = sin_a * np.sin(heading)
    central = np.arctan2(np.hypot(uy, uz), ux)
    bearing = np.degrees(np.arctan2(uz, uy))
    return central * EARTH_RADIUS_M, bearing
