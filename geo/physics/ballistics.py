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
ASCENT_STEP_S = 15.0  # RK4 on a smooth ascent: within 15 m and 0.2 km of apex of 2 s steps
FALL_STEP_S = 4.0
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
    flow = ascent.thrust_to_weight / ascent.isp_s  # share of the lift-off mass burnt per second
    thrust = G0 * ascent.thrust_to_weight
    span = np.maximum(ascent.burnout_s - ascent.vertical_s, 1e-6)
    turn = np.radians(90.0 - ascent.burnout_angle_deg)  # pitch-over, radians, over span seconds

    def rates(t: Array, v: Array, h: Array) -> tuple[Array, Array, Array]:
        gamma = np.pi / 2 - turn * np.clip((t - ascent.vertical_s) / span, 0.0, 1.0)
        sin_g, cos_g = np.sin(gamma), np.cos(gamma)
        r = EARTH_RADIUS_M + h
        return (thrust / (1.0 - flow * t) - MU / (r * r) * sin_g, v * sin_g,
                v * cos_g * (EARTH_RADIUS_M / r))

    t = np.zeros_like(stop)
    while np.any(t < stop):
        dt = np.clip(stop - t, 0.0, ASCENT_STEP_S)
        half = dt / 2
        k1 = rates(t, speed, alt)
        k2 = rates(t + half, speed + half * k1[0], alt + half * k1[1])
        k3 = rates(t + half, speed + half * k2[0], alt + half * k2[1])
        k4 = rates(t + dt, speed + dt * k3[0], alt + dt * k3[1])
        sixth = dt / 6
        speed = speed + sixth * (k1[0] + 2 * (k2[0] + k3[0]) + k4[0])
        alt = alt + sixth * (k1[1] + 2 * (k2[1] + k3[1]) + k4[1])
        ground = ground + sixth * (k1[2] + 2 * (k2[2] + k3[2]) + k4[2])
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


def vacuum_range_m(state: State, kick_speed_ms: Array) -> Array:
    """The farthest each piece can fall from the pad: no air, the kick's full speed added along
    the flight (drag only shortens a fall)."""
    theta = np.asarray(state.downrange_m, dtype=float) / EARTH_RADIUS_M
    gamma = np.radians(state.path_angle_deg)
    vr = state.speed_ms * np.sin(gamma) + kick_speed_ms
    vt = state.speed_ms * np.cos(gamma) + kick_speed_ms
    r0 = EARTH_RADIUS_M + np.asarray(state.altitude_m, dtype=float)
    arc = _kepler_arc(r0, vr, vt, EARTH_RADIUS_M)[3]
    return np.asarray((theta + arc) * EARTH_RADIUS_M)


def _coast_to_interface(r0: Array, vr: Array, vt: Array) -> tuple[Array, Array, Array, Array]:
    """Pieces above the interface follow a Kepler arc down to it: their radius, radial and
    transverse speed there, and the angle flown; the others are returned as they are."""
    return _kepler_arc(r0, vr, vt, EARTH_RADIUS_M + INTERFACE_M)


def _kepler_arc(r0: Array, vr: Array, vt: Array, r_i: float
                ) -> tuple[Array, Array, Array, Array]:
    """Pieces above radius r_i coast without air down to it: their radius, radial and transverse
    speed there, and the angle flown; the others are returned as they are, angle 0."""
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
    arc = np.zeros_like(r0)
    index = np.arange(len(r0))  # the pieces still in the air, and their state
    x, y, vx, vy = r0.copy(), np.zeros_like(r0), np.array(vr, dtype=float), np.array(vt, dtype=float)
    b2 = 2.0 * np.asarray(beta, dtype=float)
    clock = np.zeros_like(r0)  # seconds flown by each piece still in the air

    def accel(px: Array, py: Array, qx: Array, qy: Array, b: Array
              ) -> tuple[Array, Array, Array]:
        r2 = px * px + py * py
        r = np.sqrt(r2)
        rho = SEA_LEVEL_DENSITY * np.exp(np.minimum(EARTH_RADIUS_M - r, 0.0) / SCALE_HEIGHT_M)
        drag = rho * np.sqrt(qx * qx + qy * qy) / b  # per second: the drag rate
        grav = MU / (r2 * r)
        return -grav * px - drag * qx, -grav * py - drag * qy, drag

    while index.size:
        a1x, a1y, drag = accel(x, y, vx, vy, b2)
        # a step of at most FALL_STEP_S, and short where drag is strong (RK4 stays stable)
        dt = np.clip(1.0 / np.maximum(drag, 1e-9), MIN_FALL_STEP_S, FALL_STEP_S)
        half = dt / 2
        q2x, q2y = vx + half * a1x, vy + half * a1y
        a2x, a2y, _ = accel(x + half * vx, y + half * vy, q2x, q2y, b2)
        q3x, q3y = vx + half * a2x, vy + half * a2y
        a3x, a3y, _ = accel(x + half * q2x, y + half * q2y, q3x, q3y, b2)
        q4x, q4y = vx + dt * a3x, vy + dt * a3y
        a4x, a4y, _ = accel(x + dt * q3x, y + dt * q3y, q4x, q4y, b2)
        sixth = dt / 6
        nx = x + sixth * (vx + 2 * (q2x + q3x) + q4x)
        ny = y + sixth * (vy + 2 * (q2y + q3y) + q4y)
        nvx = vx + sixth * (a1x + 2 * (a2x + a3x) + a4x)
        nvy = vy + sixth * (a1y + 2 * (a2y + a3y) + a4y)
        h_old = np.sqrt(x * x + y * y) - EARTH_RADIUS_M
        r_new = np.sqrt(nx * nx + ny * ny)
        h_new = r_new - EARTH_RADIUS_M
        landed = h_new <= 0.0
        sideways = np.abs(nvy * nx - nvx * ny) / r_new  # speed across the local vertical
        done = landed | ((h_new < DRIFT_DONE_BELOW_M) & (sideways < DRIFT_DONE_MS))
        if done.any():
            frac = np.clip(h_old[done] / np.maximum(h_old[done] - h_new[done], 1e-9), 0.0, 1.0)
            frac = np.where(landed[done], frac, 1.0)
            ex = x[done] + frac * (nx[done] - x[done])
            ey = y[done] + frac * (ny[done] - y[done])
            arc[index[done]] = np.arctan2(ey, ex)
            keep = ~done
            index, x, y, vx, vy, b2 = (index[keep], nx[keep], ny[keep], nvx[keep], nvy[keep],
                                       b2[keep])
            clock = clock[keep] + dt[keep]
        else:
            x, y, vx, vy = nx, ny, nvx, nvy
            clock = clock + dt
        if index.size and clock.max() > MAX_FALL_S:
            late = int((clock > MAX_FALL_S).sum())
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
