/* What is shown: each layer's features within the dates chosen (and, while playing, begun by
   the playback's clock); a layer that follows another (the zones of a launch) shows what its
   leader shows, or, while playing, each zone during its own window. Then every view that
   counts or lists what is shown is redrawn. */
import {ctx} from "geo-explorer/context.js";
import {inWindow, shownAt, withPlay} from "geo-explorer/state.js";
import {isOn, layer, layers, spec} from "geo-explorer/features.js";
import {refreshCounts} from "geo-explorer/legend.js";
import {refreshEventList} from "geo-explorer/eventlist.js";
import {refreshSources} from "geo-explorer/side.js";
import {drawPointers} from "geo-explorer/pointers.js";
import {drawLabels} from "geo-explorer/placelabels.js";
import {refreshDates} from "geo-explorer/topbar.js";
import {showSatellites} from "geo-explorer/timebar.js";

function filterMask(l, state) {
  const n = l.size(), mask = new Uint8Array(n), list = ctx.times[l.name];
  for (let i = 0; i < n; i++) mask[i] = shownAt(state, ctx.extent, list ? list[i] : null) ? 1 : 0;
  return mask;
}

function followerMask(l, state, leaderShown, leaderInRange) {
  const follows = spec(l).follows, leader = layer(follows[0]), n = l.size();
  const mask = new Uint8Array(n), spans = ctx.windows[l.name];
  for (let i = 0; i < n; i++) {
    const j = leader ? leader.indexOf(l.packed.get(i, follows[1])) : -1;
    if (j < 0) { mask[i] = 1; continue; }
    if (state.play !== null && spans && spans[i]) {  // playback: a zone during its window
      mask[i] = leaderInRange[j] && inWindow(state, spans[i]) ? 1 : 0;
    } else {
      mask[i] = leaderShown[j];
    }
  }
  return mask;
}

function sameMask(a, b) {
  if (!b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function applyFilter() {
  const state = ctx.state, unplayed = withPlay(state, null), shownBy = {}, rangeBy = {};
  layers().forEach(function (l) {
    if (spec(l).follows && spec(l).follows.length) return;
    shownBy[l.name] = filterMask(l, state);
    rangeBy[l.name] = state.play !== null ? filterMask(l, unplayed) : shownBy[l.name];
  });
  layers().forEach(function (l) {
    const follows = spec(l).follows;
    if (follows && follows.length) {
      const lead = follows[0];
      shownBy[l.name] = shownBy[lead] ? followerMask(l, state, shownBy[lead], rangeBy[lead])
        : new Uint8Array(l.size()).fill(1);
    }
    const mask = shownBy[l.name];
    if (!sameMask(mask, l.shown)) l.setShown(mask);
  });
  refreshCounts();
  if (ctx.timeline) ctx.timeline.setShown(function (item) { return shownFeature(item.layer, item.index); });
  refreshEventList();
  refreshSources();
  drawPointers();
  drawLabels();
  showSatellites();
}

/* The filter at the next frame, once however many times the dates move before it. */
let framePending = false;
export function scheduleFilter() {
  if (framePending) return;
  framePending = true;
  requestAnimationFrame(function () {
    framePending = false;
    applyFilter();
    refreshDates();
  });
}

export function shownFeature(name, i) {
  const l = layer(name);
  return !!l && !!l.shown[i] && isOn(l);
}

export function visibleNames() {
  return layers().filter(isOn).map(function (l) { return l.name; });
}
