/* The language: a switch in the top bar, kept in the permalink; a change redraws every view
   in the other language once its fonts are in (the app's sidebar follows at its next run). */
import {ctx} from "geo-explorer/context.js";
import {withLanguage} from "geo-explorer/state.js";
import {button, esc, layer, t} from "geo-explorer/features.js";
import {placeNames, drawLabels} from "geo-explorer/placelabels.js";
import {drawPointers} from "geo-explorer/pointers.js";
import {buildTop, refreshDates} from "geo-explorer/topbar.js";
import {refreshEventList} from "geo-explorer/eventlist.js";
import {renderSide} from "geo-explorer/side.js";
import {openCard} from "geo-explorer/cards.js";
import {buildTimelineItems, relabelTimeline} from "geo-explorer/timebar.js";
import {writeUrl} from "geo-explorer/permalink.js";

export function languageSwitch() {
  const box = document.createElement("span");
  box.className = "geo-lang";
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", t("top.language"));
  if (geoI18n.languages().length < 2) return box;  // an offline page of one language
  geoI18n.languages().forEach(function (pair) {
    const b = button(pair[1], pair[1], function () { setLanguage(pair[0]); });
    b.setAttribute("lang", pair[0]);
    b.setAttribute("translate", "no");  // each language's name in its own language
    b.setAttribute("data-lang", pair[0]);
    b.setAttribute("aria-pressed", pair[0] === geoI18n.language() ? "true" : "false");
    box.appendChild(b);
  });
  return box;
}

export function setLanguage(code) {
  if (geoI18n.setLanguage(code) === ctx.state.language) return;
  ctx.state = withLanguage(ctx.state, geoI18n.language());
  geoI18n.whenFontsReady(placeNames(), redrawInLanguage);
}

function redrawInLanguage() {
  const map = ctx.map, state = ctx.state;
  localiseControls();
  buildTop();
  if (ctx.control) ctx.control.render();
  relabelTimeline();
  buildTimelineItems();
  refreshEventList();
  refreshDates();
  renderSide();
  drawLabels();
  drawPointers();
  if (state.detail && ctx.card && map.hasLayer(ctx.card)) {  // the open card, in the language
    const l = layer(state.detail.layer);
    if (l) openCard(l.name, state.detail.index, ctx.card.getLatLng());
  } else {
    map.closePopup();
  }
  writeUrl();
  geoHost.send({lang: state.language});
  if (typeof geoTools !== "undefined") geoTools.relabel();
}

/* Leaflet's and the ruler's own controls, and the basemap's credit, in the page's language. */
let credit = null, leafletPrefix = null;
export function localiseControls() {
  const map = ctx.map, box = map.getContainer();
  [[".leaflet-control-zoom-in", "map.zoom_in"], [".leaflet-control-zoom-out", "map.zoom_out"],
   [".leaflet-control-measure-toggle", "map.measure"]].forEach(function (pair) {
    const node = box.querySelector(pair[0]);
    if (!node) return;
    node.title = t(pair[1]);
    node.setAttribute("aria-label", t(pair[1]));
  });
  const toggle = box.querySelector(".leaflet-control-measure-toggle");
  if (toggle && !toggle.children.length) toggle.textContent = t("map.measure_short");
  if (ctx.el.side) ctx.el.side.setAttribute("aria-label", t("side.details"));
  const att = map.attributionControl, wanted = t("map.attribution"), options = ctx.options;
  if (!att) return;
  if (leafletPrefix === null) leafletPrefix = String(att.options.prefix || "");
  // Leaflet's own credit says what Leaflet is in its title: in the page's language
  att.setPrefix(leafletPrefix.replace(/title="[^"]*"/, 'title="' + esc(t("map.leaflet")) + '"'));
  if (!options.credit || wanted === (credit || options.credit)) return;
  att.removeAttribution(credit || options.credit);  // the basemap layer's, in English
  credit = wanted;
  att.addAttribution(credit);
}
