/* The layers' times: each feature's, read once from its layer's time fields, the extent of them
   all, and how lists and cards write them in the page's language. */
import {ctx} from "geo-explorer/context.js";
import {earliest, latest} from "geo-explorer/state.js";
import {layer, layers, spec} from "geo-explorer/features.js";

export function indexTimes(l) {
  const fields = spec(l).timeFields || [];
  ctx.times[l.name] = null;
  ctx.windows[l.name] = null;
  if (!fields.length) return;
  const first = [], spans = fields.length > 1 ? [] : null;
  for (let i = 0; i < l.size(); i++) {
    first.push(geoTimeline.parseTime(l.packed.get(i, fields[0])));
    if (spans) {
      const a = first[i], b = geoTimeline.parseTime(l.packed.get(i, fields[1]));
      spans.push(a ? [earliest(a), latest(b || a)] : null);
    }
  }
  ctx.times[l.name] = first;
  ctx.windows[l.name] = spans;
}

/* The first and last time of the layers that have their own (not those that follow another). */
export function computeExtent() {
  let lo = Infinity, hi = -Infinity;
  layers().forEach(function (l) {
    if (spec(l).follows && spec(l).follows.length) return;
    (ctx.times[l.name] || []).forEach(function (time) {
      if (!time) return;
      if (time.t < lo) lo = time.t;
      if (time.t1 > hi) hi = time.t1;
    });
  });
  if (lo === Infinity) { lo = Date.UTC(1998, 0, 1); hi = Date.UTC(2025, 0, 1); }
  ctx.extent = [lo, hi];
}

/* The feature of the leading layer that feature i of l follows (a zone's launch), or -1. */
export function leaderOf(l, i) {
  const follows = spec(l).follows;
  if (!follows || !follows.length) return null;
  const leader = layer(follows[0]), j = leader ? leader.indexOf(l.packed.get(i, follows[1])) : -1;
  return j >= 0 ? {layer: leader, index: j} : null;
}

/* The time a feature is drawn at and named by: its own, or that of the feature it follows. */
export function timeOf(l, i) {
  const mine = ctx.times[l.name] && ctx.times[l.name][i];
  if (mine) return mine;
  const lead = leaderOf(l, i);
  return lead ? (ctx.times[lead.layer.name] && ctx.times[lead.layer.name][lead.index]) || null : null;
}

/* Whether a feature's time is "about" (its own flag, or that of the event it follows). */
export function approximate(l, i) {
  if (l.packed.get(i, "time_approximate") === true) return true;
  const lead = leaderOf(l, i);
  return !!lead && lead.layer.packed.get(lead.index, "time_approximate") === true;
}

/* A feature's time as lists and tooltips write it: a window's two days, or the time at its
   precision. */
export function whenOf(l, i) {
  const time = timeOf(l, i), fields = spec(l).timeFields || [];
  if (time && fields.length > 1) {  // a window, as recorded (the playback widens date-only ones)
    const end = geoTimeline.parseTime(l.packed.get(i, fields[1])) || time;
    return geoI18n.day(time.t) + " – " + geoI18n.day(end.t);
  }
  return time ? geoTimeline.describe(time, approximate(l, i)) : "";
}

/* A UTC date at its recorded precision, as lists show it (ISO in English). */
export function dayAt(time) {
  if (geoI18n.language() === "en") return geoTimeline.isoAt(time);
  const fields = {timeZone: "UTC", year: "numeric"};
  if (time.precision !== "year") fields.month = "2-digit";
  if (time.precision !== "year" && time.precision !== "month") fields.day = "2-digit";
  return new Intl.DateTimeFormat(geoI18n.language(), fields).format(new Date(time.t));
}

/* The day an offline page was made. */
export function madeDay() {
  const made = geoTimeline.parseTime(ctx.options.made || "");
  return made ? dayAt(made) : ctx.options.made;
}
