/* The layers a user added in the app (imported files, pasted notices): fetched from this
   server when the app says they changed, drawn, and compared; the explorer's own stay. */
import {ctx} from "geo-explorer/context.js";
import {isBuiltin, layer, layers} from "geo-explorer/features.js";
import {computeExtent, indexTimes} from "geo-explorer/layertimes.js";
import {applyFilter} from "geo-explorer/filter.js";
import {applyEmphasis, fitTo} from "geo-explorer/focus.js";
import {setColour} from "geo-explorer/colour.js";
import {buildTimelineItems} from "geo-explorer/timebar.js";
import {renderSide, showSide} from "geo-explorer/side.js";

/* An announcement of the app's ({token, version, layers_url}). */
export function onArgs(args) {
  if (args.token) ctx.token = args.token;
  if (args.version === undefined || args.version === ctx.userVersion || !args.layers_url) return;
  if (!sameOrigin(args.layers_url)) return;  // layers come only from this server (issue 26)
  ctx.userVersion = args.version;
  fetch(args.layers_url, {credentials: "same-origin"}).then(function (response) {
    if (!response.ok) throw new Error("HTTP " + response.status);
    return response.json();
  }).then(function (payload) { setUserLayers(payload); })
    .catch(function (err) { if (window.console) console.warn("user layers:", err); });
}

function sameOrigin(url) {
  try { return new URL(url, window.location.href).origin === window.location.origin; }
  catch (err) { return false; }
}

function setUserLayers(payload) {
  const map = ctx.map, before = layers().filter(function (l) { return !isBuiltin(l); });
  // an open list of stacked features may list the user's features that go: it closes then (not at
  // the first announcement, when there were none: a click made before the tools connected stays)
  if (before.length && ctx.picker && map.hasLayer(ctx.picker)) map.closePopup(ctx.picker);
  layers().forEach(function (l) {
    if (!isBuiltin(l)) { map.removeLayer(l.group); geoFeatureLayer.forget(l.name); }
  });
  (payload.layers || []).forEach(function (item) {
    const group = geoFeatureLayer.make(item.data, {control: true, layer: item.spec.name, spec: item.spec,
                                                   popup: item.spec.popup});
    const l = group.geo;
    indexTimes(l);
    map.addLayer(group);
    if (ctx.colourBy[l.name]) setColour(l.name, ctx.colourBy[l.name].field);
  });
  ctx.compare = payload.compare || null;
  computeExtent();
  ctx.control.render();
  buildTimelineItems();
  applyFilter();
  applyEmphasis();
  renderSide();
  const focused = payload.focus ? layer(payload.focus) : null;
  if (focused) {
    const all = [];
    for (let i = 0; i < focused.size(); i++) all.push(i);
    fitTo(focused.boundsOf(all));
    if (ctx.compare) showSide(true);
  }
}
