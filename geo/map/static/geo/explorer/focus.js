/* The chosen event on the map: what belongs to it (it, its site, what follows it in every
   layer) drawn in full and the rest faded, and the views that frame it. */
import {ctx} from "geo-explorer/context.js";
import {events, isOn, layer, layers, shownIndices, sites, spec} from "geo-explorer/features.js";
import {drawPointers} from "geo-explorer/pointers.js";

/* The features that belong to an event, by layer name: it, its site, and what follows it. */
export function focusSet(eventId) {
  const set = {}, ev = events(), i = ev ? ev.indexOf(eventId) : -1;
  if (i < 0) return set;
  set[ev.name] = [i];
  const site = ev.packed.get(i, "site_id"), siteLayer = sites();
  if (site && siteLayer && siteLayer.indexOf(site) >= 0) set[siteLayer.name] = [siteLayer.indexOf(site)];
  layers().forEach(function (l) {
    const follows = spec(l).follows;
    if (!follows || follows[0] !== ev.name) return;
    const column = l.packed.column(follows[1]);
    if (!column) return;
    for (let j = 0; j < l.size(); j++) {
      if (l.packed.value(column, j) === eventId) (set[l.name] = set[l.name] || []).push(j);
    }
  });
  return set;
}

export function applyEmphasis() {
  const state = ctx.state, set = state.event ? focusSet(state.event) : {}, fade = !!state.event;
  if (!fade && state.detail) set[state.detail.layer] = [state.detail.index];
  layers().forEach(function (l) {
    const emphasis = new Uint8Array(l.size());
    if (fade) emphasis.fill(1);
    (set[l.name] || []).forEach(function (i) { emphasis[i] = 2; });
    if (state.detail && state.detail.layer === l.name && !fade) emphasis[state.detail.index] = 2;
    l.setEmphasis(emphasis);
  });
}

function boundsOfSet(set) {
  let bounds = null;
  Object.keys(set).forEach(function (name) {
    const b = layer(name).boundsOf(set[name]);
    if (b) bounds = bounds ? bounds.extend(b) : b;
  });
  return bounds;
}

export function fitTo(bounds, maxZoom, padTop) {
  if (!bounds) return;
  const map = ctx.map, size = map.getSize();
  const pad = Math.min(60, Math.max(16, Math.round(Math.min(size.x, size.y) / 10)));
  const top = pad + (padTop && size.y > 3 * padTop ? padTop : 0);
  if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
    map.setView(bounds.getCenter(), Math.max(map.getZoom(), 8), {animate: false});
  } else {
    // an open legend covers the map's right side: fit what is left of it
    const control = ctx.control;
    let covered = control && control.box.classList.contains("open") ? control.box.offsetWidth : 0;
    if (covered > size.x / 2) covered = 0;
    map.fitBounds(bounds, {paddingTopLeft: [pad, top], paddingBottomRight: [pad + covered, pad],
                           maxZoom: maxZoom || 10, animate: false});
  }
}

/* "Zoom to" on a card: that feature alone, filling a good part of the map (a point: zoom 10). */
export function zoomToFeature(name, i) {
  const l = layer(name), b = l && l.boundsOf([i]);
  if (!b) return;
  if (b.getNorthEast().equals(b.getSouthWest())) ctx.map.setView(b.getCenter(), 10, {animate: false});
  else fitTo(b, 13);
}

/* An event's view: its pad and what lies near it at a readable zoom; the parts far away
   (a second-stage area 2,000 km off, the whole of a flight path) are pointed to from the
   edge of the map, with their distance, rather than shrinking the view to the ocean. */
const NEAR_KM = 900;
export function eventView(eventId) {
  const set = focusSet(eventId), ev = events(), i = ev.indexOf(eventId);
  const origin = ev.anchorOf(i), near = {}, far = [];
  Object.keys(set).forEach(function (name) {
    const l = layer(name);
    set[name].forEach(function (j) {
      const b = l.boundsOf([j]);
      if (!b || !origin) return;
      const reach = Math.max(origin.distanceTo(b.getSouthWest()), origin.distanceTo(b.getNorthEast()),
                             origin.distanceTo(L.latLng(b.getSouth(), b.getEast())),
                             origin.distanceTo(L.latLng(b.getNorth(), b.getWest()))) / 1000;
      if (reach <= NEAR_KM) (near[name] = near[name] || []).push(j);
      else far.push({layer: name, index: j, bounds: b});
    });
  });
  return {bounds: boundsOfSet(near) || boundsOfSet(set), far: far};
}

export function showEvent(eventId) {
  const view = eventView(eventId);
  fitTo(view.bounds, 9, 150);  // room above for the card, which opens over the event's place
  ctx.pointers = view.far;
  drawPointers();
}

/* The first view: the page's own, else all that is shown. */
export function home() { return ctx.options.home ? L.latLngBounds(ctx.options.home) : allBounds(); }

function allBounds() {
  let bounds = null;
  layers().forEach(function (l) {
    if (!isOn(l)) return;
    const b = l.boundsOf(shownIndices(l));
    if (b) bounds = bounds ? bounds.extend(b) : b;
  });
  return bounds;
}
