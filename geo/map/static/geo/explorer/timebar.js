/* The timeline under the map (geo/timeline.js draws it): the events in their lanes and the
   user's dated features, the dates brushed on it, its zoom buttons, and what it names on hover. */
import {ctx} from "geo-explorer/context.js";
import {DAY, withBrush, withRange, zoomCentre} from "geo-explorer/state.js";
import {button, events, isBuiltin, isVersion, layer, layers, nameOf, own, spec, t} from "geo-explorer/features.js";
import {whenOf} from "geo-explorer/layertimes.js";
import {applyFilter, scheduleFilter, shownFeature} from "geo-explorer/filter.js";
import {refreshDates} from "geo-explorer/topbar.js";
import {choose} from "geo-explorer/choice.js";
import {stopPlay, togglePlay} from "geo-explorer/playback.js";
import {writeUrl} from "geo-explorer/permalink.js";

/* The events' lanes (their groups of kinds, in the page's order), then a lane for each user
   layer with times. */
function timelineItems() {
  const lanes = [], laneOf = {}, items = [], ev = events(), groupOf = {};
  function lane(name) {
    if (!own.call(laneOf, name)) { laneOf[name] = lanes.length; lanes.push(name); }
    return laneOf[name];
  }
  (ctx.options.lanes || []).forEach(function (group) {
    group[1].forEach(function (kind) { groupOf[kind] = group[0]; });
  });
  function eventLane(i) {
    const kind = String(ev.packed.get(i, "kind") || "event");
    return own.call(groupOf, kind) ? groupOf[kind] : kind;
  }
  if (ev) {
    const times = ctx.times[ev.name] || [];
    for (let i = 0; i < ev.size(); i++) {
      const time = times[i];
      if (!time || isVersion(ev, i)) continue;
      const style = ev.packed.styleOf(i);
      items.push({t: time.t, t1: time.t1, colour: style.fillColor || style.color, key: ev.name + ":" + ev.id(i),
                  layer: ev.name, index: i});
    }
    // the page's lanes in its order, those with an event only
    (ctx.options.lanes || []).forEach(function (group) {
      if (items.some(function (item) { return eventLane(item.index) === group[0]; })) lane(group[0]);
    });
    items.forEach(function (item) { item.lane = lane(eventLane(item.index)); });
  }
  layers().forEach(function (l) {
    if (l === ev || isBuiltin(l) || !ctx.times[l.name]) return;
    for (let j = 0; j < l.size(); j++) {
      const time = ctx.times[l.name][j];
      if (!time) continue;
      const s = l.packed.styleOf(j);
      items.push({t: time.t, t1: time.t1, lane: lane(spec(l).title || l.name),
                  colour: s.fillColor || s.color, key: l.name + ":" + l.id(j), layer: l.name, index: j});
    }
  });
  return {items: items, lanes: lanes};
}

export function buildTimelineItems() {
  const timeline = ctx.timeline, extent = ctx.extent;
  if (!timeline) return;
  const built = timelineItems();
  const span = extent[1] - extent[0], padding = Math.max(span * 0.02, 30 * DAY);
  timeline.setItems(built.items, built.lanes.map(function (name) { return geoI18n.text(name); }),
                    [extent[0] - padding, extent[1] + padding]);
  timeline.setShown(function (item) { return shownFeature(item.layer, item.index); });
  timeline.setRange(ctx.state.start, ctx.state.end);
  ctx.map.invalidateSize({animate: false});
  geoHost.resize();
}

function eventTime() {
  const ev = events(), id = ctx.state.event, i = id && ev ? ev.indexOf(id) : -1;
  return i >= 0 && ctx.times[ev.name] ? ctx.times[ev.name][i] : null;
}

function zoomAt() { return zoomCentre(ctx.state, ctx.extent, eventTime()); }

export function buildTimeline() {
  const box = ctx.el.time, el = ctx.el;
  box.innerHTML = '<div class="geo-time-buttons"></div><canvas></canvas>';
  const buttons = box.firstChild;
  el.play = button("▶", "", togglePlay);
  el.stop = button("■", "", stopPlay);
  el.zoomIn = button("+", "", function () { ctx.timeline.zoomBy(2, zoomAt(), true); });
  el.zoomOut = button("−", "", function () { ctx.timeline.zoomBy(0.5, zoomAt(), true); });
  el.zoomIn.className = el.zoomOut.className = "geo-time-zoom";
  relabelTimeline();
  [el.play, el.stop, el.zoomIn, el.zoomOut].forEach(function (b) { buttons.appendChild(b); });
  el.tip = document.createElement("div");
  el.tip.className = "geo-time-tip";
  el.tip.hidden = true;
  document.body.appendChild(el.tip);
  ctx.timeline = new geoTimeline.Timeline(box.lastChild, {
    onBrush: function (start, end, final) {
      if (start === null && end === null) { setRange(null, null); return; }
      ctx.state = withBrush(ctx.state, start, end);
      ctx.timeline.setRange(ctx.state.start, ctx.state.end);
      scheduleFilter();
      if (final) writeUrl();
    },
    onPick: function (item) { choose(item.layer, item.index, "timeline"); },
    onHover: function (item, x, y) {
      if (!item) { el.tip.hidden = true; return; }
      const l = layer(item.layer);
      el.tip.textContent = nameOf(l, item.index) + " · " + whenOf(l, item.index);
      el.tip.hidden = false;
      el.tip.style.left = Math.min(x + 12, window.innerWidth - 330) + "px";
      el.tip.style.top = Math.max(4, y - 34) + "px";
    }
  });
  buildTimelineItems();
}

export function relabelTimeline() {
  const el = ctx.el;
  if (!el.play) return;
  el.time.querySelector("canvas").setAttribute("aria-label", t("time.label"));
  el.play.title = t("time.play");
  el.stop.title = t("time.stop");
  el.zoomIn.title = t("time.zoom_in_title");
  el.zoomOut.title = t("time.zoom_out_title");
  el.zoomIn.setAttribute("aria-label", t("time.zoom_in"));
  el.zoomOut.setAttribute("aria-label", t("time.zoom_out"));
}

/* The dates shown: from start to end (ms; null: open). */
export function setRange(start, end) {
  ctx.state = withRange(ctx.state, start, end);
  if (ctx.timeline) ctx.timeline.setRange(ctx.state.start, ctx.state.end);
  applyFilter();
  refreshDates();
  writeUrl();
}

/* Each ground track's satellite at the playhead (geo/satellite.js; from the track's times). */
export function showSatellites() { geoSatellite.at(ctx.map, layers(), ctx.state.play); }
