/* The explorer's one state, and every change of it as a pure function (state, …) => state.

   The state says what the user chose: the dates (start, end: ms, or null for the whole
   range), the chosen event and feature, the playback's clock, the layers switched on or off,
   the language. Every view (map, legend, event list, timeline, side panel, URL) is drawn from
   it. Nothing here touches the page, the map or Leaflet: this module is tested on its own with
   Node's test runner (tests/js). A state is never changed in place: each transition returns a
   new, frozen one. */

export const DAY = 864e5;
export const PLAY_MS = 20000;  // the whole range plays in this long
/* The permalink's parameters: what the explorer writes and reads (others of a URL are kept). */
export const URL_KEYS = ["event", "feature", "from", "to", "layers", "lat", "lon", "z", "lang"];

export function initial(language) {
  return Object.freeze({start: null, end: null, visible: Object.freeze({}), event: null, detail: null,
                        play: null, language: language || "en"});
}

function changed(state, changes) {
  return Object.freeze(Object.assign({}, state, changes));
}

/* --- dates ---------------------------------------------------------------------------------- */

export function dayStart(t) {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/* A UTC day as YYYY-MM-DD. */
export function isoDay(t) {
  const d = new Date(t), pad = function (n) { return (n < 10 ? "0" : "") + n; };
  return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate());
}

/* The dates shown: from start to end (ms), null for an open end. */
export function withRange(state, start, end) {
  return changed(state, {start: start === undefined ? null : start, end: end === undefined ? null : end});
}

/* Dates brushed on the timeline: whole UTC days, from the first's start to the last's end. */
export function withBrush(state, start, end) {
  return withRange(state, start === null ? null : dayStart(start), end === null ? null : dayStart(end) + DAY - 1);
}

/* Whether the dates chosen cover all there is (extent: [first, last] of the layers' times). */
export function isWhole(state, extent) {
  return (state.start === null || state.start <= extent[0]) && (state.end === null || state.end >= extent[1]);
}

/* The dates shown, each end within the extent where it is open. */
export function shownRange(state, extent) {
  return [state.start === null ? extent[0] : state.start, state.end === null ? extent[1] : state.end];
}

/* The permalink's and the downloads' dates: only the ends that narrow the extent. */
export function rangeParams(state, extent) {
  const out = [];
  if (state.start !== null && state.start > extent[0]) out.push(["from", isoDay(state.start)]);
  if (state.end !== null && state.end < extent[1]) out.push(["to", isoDay(state.end)]);
  return out;
}

/* A time ({t, t1, precision}) recorded to the minute or second keeps its hours; a date alone
   ("2023-05-31", often a local date: Japan's notices) may start and end at any hour of that
   day wherever it is reckoned, from UTC-12 to UTC+14. */
const EAST_MS = 14 * 3600000, WEST_MS = 12 * 3600000;
export function timed(time) { return time.precision === "minute" || time.precision === "second"; }
export function earliest(time) { return timed(time) ? time.t : time.t - EAST_MS; }
export function latest(time) { return timed(time) ? time.t1 : time.t1 + WEST_MS; }

/* Whether a feature of time t is within the dates chosen (undated ones always are). */
export function inRange(state, extent, t) {
  if (!t) return true;
  const low = state.start === null || state.start <= extent[0] ? null : state.start;
  const high = state.end === null || state.end >= extent[1] ? null : state.end;
  return (low === null || t.t >= low) && (high === null || t.t <= high);
}

/* Whether it is shown: within the dates, and, while playing, begun by the playback's clock. */
export function shownAt(state, extent, t) {
  return inRange(state, extent, t) && (state.play === null || !t || t.t <= state.play);
}

/* While playing, whether a window [from, to] (a danger area's) holds the playback's clock. */
export function inWindow(state, span) {
  return state.play !== null && span[0] <= state.play && state.play <= span[1];
}

/* --- playback ----------------------------------------------------------------------------- */

/* What the playback runs over: the dates shown, within the extent. */
export function playSpan(state, extent) {
  return [state.start === null ? extent[0] : Math.max(state.start, extent[0]),
          state.end === null ? extent[1] : Math.min(state.end, extent[1])];
}

export function withPlay(state, t) {
  return changed(state, {play: t === undefined ? null : t});
}

/* Play pressed over span (playSpan's, taken when it is pressed and kept while it plays, however
   the dates are brushed meanwhile): from where it paused, or from the start when it had not
   begun or had ended. */
export function playStarted(state, span) {
  return state.play === null || state.play >= span[1] ? withPlay(state, span[0]) : state;
}

/* The clock after ms of playing: the whole span in PLAY_MS, stopping at its end. */
export function playStepped(state, span, ms) {
  const rate = (span[1] - span[0]) / PLAY_MS;
  return withPlay(state, Math.min(span[1], state.play + ms * rate));
}

export function playEnded(state, span) {
  return state.play !== null && state.play >= span[1];
}

/* Where the timeline's zoom buttons widen it: the playback's clock, the chosen event (its
   time given), the middle of the dates chosen, else nowhere in particular (undefined). */
export function zoomCentre(state, extent, eventTime) {
  if (state.play !== null) return state.play;
  if (eventTime) return (eventTime.t + eventTime.t1) / 2;
  if (state.start !== null || state.end !== null) {
    const range = shownRange(state, extent);
    return (range[0] + range[1]) / 2;
  }
  return undefined;
}

/* --- the chosen event and feature ------------------------------------------------------------ */

/* detail: {layer, index, id} of the feature chosen; event: the id of its event, or null. */
export function withChoice(state, event, detail) {
  return changed(state, {event: event || null, detail: detail ? Object.freeze(Object.assign({}, detail)) : null});
}

/* Another feature of the same event shown in detail. */
export function withDetail(state, detail) {
  return withChoice(state, state.event, detail);
}

export function withoutChoice(state) {
  return changed(state, {event: null, detail: null});
}

/* --- layers and language ------------------------------------------------------------------ */

export function withVisible(state, name, on) {
  const visible = Object.assign({}, state.visible);
  visible[name] = !!on;
  return changed(state, {visible: Object.freeze(visible)});
}

export function withLanguage(state, code) {
  return changed(state, {language: code});
}

/* --- the permalink ------------------------------------------------------------------------ */

/* What a permalink asks for, from its parameters (a URLSearchParams): only what is there and
   valid. known: {parseTime(text) → {t, precision} or null, hasEvent(id), featureOf(id) →
   [layer, index] or null, builtins: the built-in layers' names}. */
export function readPermalink(params, known) {
  const out = {};
  const id = params.get("event");
  if (id && known.hasEvent(id)) out.event = id;
  const feature = params.get("feature");
  if (feature) {
    const found = known.featureOf(feature);
    if (found) out.feature = found;
  }
  ["from", "to"].forEach(function (key) {
    const t = known.parseTime(params.get(key) || "");
    if (t && t.precision === "day") out[key] = t.t;
  });
  if (out.from !== undefined && out.to !== undefined && out.from > out.to) { delete out.from; delete out.to; }
  if (params.has("layers")) {
    const names = String(params.get("layers")).split(",");
    out.layers = {};
    known.builtins.forEach(function (name) { out.layers[name] = names.indexOf(name) >= 0; });
  }
  const lat = Number(params.get("lat")), lon = Number(params.get("lon")), z = Number(params.get("z"));
  if (params.has("lat") && params.has("lon") && params.has("z") && isFinite(lat) && isFinite(lon) &&
      isFinite(z) && Math.abs(lat) <= 85 && Math.abs(lon) <= 180 && z >= 1 && z <= 19) {
    out.view = [lat, lon, Math.round(z)];
  }
  const lang = params.get("lang");
  if (lang) out.lang = lang;
  return out;
}

/* The state as a permalink's parameters ([key, value] pairs, in URL_KEYS' order).
   view: {lat, lon, z} of the map; layers: {shown: names of the built-in layers on, changed:
   whether they differ from the layers shown by default}. */
export function permalinkParams(state, extent, view, layers) {
  const out = [];
  if (state.event) out.push(["event", state.event]);
  if (state.detail && state.detail.id !== state.event) out.push(["feature", String(state.detail.id)]);
  rangeParams(state, extent).forEach(function (pair) { out.push(pair); });
  if (layers.changed) out.push(["layers", layers.shown.join(",") || "none"]);
  out.push(["lat", view.lat.toFixed(4)], ["lon", view.lon.toFixed(4)], ["z", String(view.z)]);
  if (state.language !== "en") out.push(["lang", state.language]);
  return out;
}
