/* Choosing: a feature (from the map, a list, the timeline, the search, a permalink) and the
   event it belongs to; every view that shows the choice is redrawn from the state. */
import {ctx} from "geo-explorer/context.js";
import {withChoice, withDetail, withoutChoice} from "geo-explorer/state.js";
import {events, findFeature, layer, layers, spec} from "geo-explorer/features.js";
import {applyEmphasis, showEvent, zoomToFeature} from "geo-explorer/focus.js";
import {drawPointers} from "geo-explorer/pointers.js";
import {cardIntoView, openCard, openPicker} from "geo-explorer/cards.js";
import {renderSide} from "geo-explorer/side.js";
import {refreshEventList} from "geo-explorer/eventlist.js";
import {writeUrl} from "geo-explorer/permalink.js";

/* The event a feature belongs to: itself if it is one, the one it follows, or none. */
function eventOf(l, i) {
  const ev = events(), follows = spec(l).follows;
  if (ev && l.name === ev.name) return l.id(i);
  if (follows && ev && follows[0] === ev.name && ev.indexOf(l.packed.get(i, follows[1])) >= 0) {
    return l.packed.get(i, follows[1]);
  }
  return null;
}

/* Choose feature i of a layer. how: "map" (a click: the view stays), "list", "timeline",
   "search", "panel" or "link" (the view moves to the event and all that belongs to it). */
export function choose(name, i, how, latlng) {
  const l = layer(name);
  if (!l || i < 0 || i >= l.size()) return;
  ctx.state = withChoice(ctx.state, eventOf(l, i), {layer: name, index: i, id: l.id(i)});
  const state = ctx.state;
  applyEmphasis();
  renderSide();
  refreshEventList();
  if (ctx.timeline) ctx.timeline.setChosen(state.event ? ctx.options.eventLayer + ":" + state.event : name + ":" + l.id(i));
  if (how !== "map") {
    if (state.event) showEvent(state.event);
    else zoomToFeature(name, i);
  }
  if (!state.event) { ctx.pointers = []; drawPointers(); }
  if (ctx.el.side) ctx.el.side.scrollTop = 0;  // a new choice is read from its top
  if (how !== "link") openCard(name, i, latlng || l.anchorOf(i));
  if (how !== "map" && how !== "link") cardIntoView();
  writeUrl();
}

/* Choose a feature by its id, in whichever layer has it first. */
export function chooseById(id, how) {
  const found = findFeature(id);
  if (found) choose(found[0], found[1], how || "list");
}

/* Another part of the chosen event in detail (the side panel's list of its parts). */
export function showDetail(name, i, openIt) {
  const l = layer(name);
  if (!l) return;
  ctx.state = withDetail(ctx.state, {layer: name, index: i, id: l.id(i)});
  renderSide();
  if (openIt) openCard(name, i, l.anchorOf(i));
  writeUrl();
}

export function clearChoice() {
  ctx.state = withoutChoice(ctx.state);
  ctx.pointers = [];
  drawPointers();
  ctx.map.closePopup();
  applyEmphasis();
  renderSide();
  refreshEventList();
  if (ctx.timeline) ctx.timeline.setChosen(null);
  writeUrl();
}

/* A click on the map: the feature under it, a list where several are stacked, or the point
   for the orbit tool where there is none. */
export function onMapClick(e) {
  const map = ctx.map;
  if (ctx.control && map.getSize().x < 900) ctx.control.open(false);  // never over a popup
  layers().forEach(function (l) { l.group.closeTooltip(); });
  // Where the pointer was: for a click on a point Leaflet gives the point's own place, which
  // is not where a point of a spread-out stack is drawn.
  const at = e.originalEvent ? map.mouseEventToContainerPoint(e.originalEvent) : e.containerPoint;
  const latlng = map.containerPointToLatLng(at), hits = [];
  layers().forEach(function (l) {
    l.hitAll(map, at).forEach(function (i) { hits.push([l.name, i, spec(l).drawOrder || 0]); });
  });
  if (!hits.length) { geoPointPick.clicked(map, latlng); return; }  // the orbit tool's point
  hits.sort(function (a, b) { return b[2] - a[2] || b[1] - a[1]; });  // topmost first
  if (hits.length === 1) choose(hits[0][0], hits[0][1], "map", latlng);
  else openPicker(hits, latlng);
}
