/* The explorer: everything a user does on the map happens in the page, without asking the
   server: the date range, the layers, the chosen event, hover, click, playback. The state is
   one object (geo-explorer/state.js, its changes pure functions); every view of it (map,
   legend, event list, timeline, side panel, URL) is a module of its own that draws it and
   sends the user's changes back. The server is only asked for what only it can give: the
   layers a user added in the app's sidebar (geo-explorer/session.js) and downloads.

   The page hands over its map with geoHost.explore(map, options, tiles) (geo/map/ui.py); this
   module, deferred as every module is, starts from it once the page's scripts have run, and
   offers the page's scripts and tests the global geoExplorer. */
import {ctx} from "geo-explorer/context.js";
import {DAY, withLanguage, withRange} from "geo-explorer/state.js";
import {events, layers, own} from "geo-explorer/features.js";
import {computeExtent, indexTimes} from "geo-explorer/layertimes.js";
import {applyFilter, visibleNames} from "geo-explorer/filter.js";
import {eventView, fitTo, home} from "geo-explorer/focus.js";
import {drawLabels, placeNames} from "geo-explorer/placelabels.js";
import {drawPointers} from "geo-explorer/pointers.js";
import {choose, chooseById, onMapClick, showDetail} from "geo-explorer/choice.js";
import {popupHooks} from "geo-explorer/cards.js";
import {listenSide, openSources, renderSide, showSide} from "geo-explorer/side.js";
import {buildTop, refreshDates} from "geo-explorer/topbar.js";
import {refreshEventList} from "geo-explorer/eventlist.js";
import {localiseControls} from "geo-explorer/language.js";
import {LayersControl, fitLegend, setVisible} from "geo-explorer/legend.js";
import {setColour} from "geo-explorer/colour.js";
import {buildTimeline, setRange} from "geo-explorer/timebar.js";
import {setPlayhead} from "geo-explorer/playback.js";
import {defaultVisible, readUrl, writeUrl} from "geo-explorer/permalink.js";
import {onArgs} from "geo-explorer/session.js";

function layout() {
  const narrow = geoHost.narrow();
  document.body.classList.toggle("geo-narrow", narrow);
  if (narrow && window.parent !== window) {
    document.body.style.setProperty("--geo-map-height", Math.round(window.parent.innerHeight * 0.62) + "px");
  }
  if (ctx.map) ctx.map.invalidateSize({animate: false});
}

/* Printing: the list of the sources of what is shown opens, the map fits the paper; and back. */
function watchPrint() {
  const map = ctx.map;
  let screenView = null;  // the view on the screen: printed on the paper's map, then given back
  function printing(on) {
    if (on) openSources();
    if (on && !screenView) screenView = {bounds: map.getBounds(), center: map.getCenter(), zoom: map.getZoom()};
    map.invalidateSize({animate: false});
    if (on) fitTo(ctx.state.event ? eventView(ctx.state.event).bounds : screenView.bounds, 9);
    else if (screenView) { map.setView(screenView.center, screenView.zoom, {animate: false}); screenView = null; }
  }
  window.addEventListener("beforeprint", function () { printing(true); });
  window.addEventListener("afterprint", function () { printing(false); });
  const query = window.matchMedia && window.matchMedia("print");
  if (query && query.addEventListener) query.addEventListener("change", function (e) { printing(e.matches); });
}

/* The map's own listeners and panes: clicks, the permalink, the pointers and labels. */
function listenMap() {
  const map = ctx.map, el = ctx.el;
  map.on("click", onMapClick);
  map.on("moveend", writeUrl);
  el.pointers = L.DomUtil.create("div", "geo-pointers", map.getContainer());
  // a pane of the map: labels move with it while it is dragged, under cards and tooltips
  el.labels = map.createPane("geo-labels");
  el.labels.setAttribute("aria-hidden", "true");
  map.on("move zoomend resize", drawPointers);
  map.on("moveend zoomend resize", drawLabels);
  map.on("resize", fitLegend);
  if (window.ResizeObserver) new ResizeObserver(function () { fitLegend(); }).observe(map.getContainer());
  map.on("zoomstart", function () { el.labels.innerHTML = ""; });
  window.addEventListener("resize", function () { layout(); fitLegend(); if (ctx.timeline) ctx.timeline.draw(); });
}

/* After the first frame: the controls and panels, then what the permalink chose. */
function buildPanels(initial) {
  const map = ctx.map;
  buildTop();
  localiseControls();
  ctx.control = new LayersControl().addTo(map);
  ctx.control.render();
  buildTimeline();
  map.invalidateSize({animate: false});
  const size = map.getSize();  // with the timeline in place: the map's own size
  ctx.control.open(size.x >= 1000 && size.y >= 600);  // a small map keeps its legend folded
  fitLegend();
  refreshDates();
  if (!initial.view && !initial.event && !initial.feature) fitTo(home());  // beside the legend
  listenSide();
  watchPrint();
  if (initial.event) {
    const ev = events();
    choose(ev.name, ev.indexOf(initial.event), initial.view ? "map" : "link");
  } else if (initial.feature) {
    choose(initial.feature[0], initial.feature[1], initial.view ? "map" : "link");
  } else {
    renderSide();
  }
  if (initial.event && initial.feature) showDetail(initial.feature[0], initial.feature[1], false);
  refreshEventList();
  ctx.ready = true;
  writeUrl();
  geoHost.onArgs(onArgs);
  geoHost.resize();
  performance.mark("geo-ready");
}

function start(leafletMap, options, tileLayers) {
  ctx.map = leafletMap;
  ctx.options = options;
  ctx.tiles = tileLayers || {};
  layers().forEach(indexTimes);
  computeExtent();
  const initial = readUrl();  // the permalink over what the page was made with
  const asked = geoHost.readParams().get("lang") || new URLSearchParams(window.location.search).get("lang") ||
    initial.lang;
  geoI18n.setup(options.messages, asked);
  ctx.state = withLanguage(ctx.state, geoI18n.language());
  geoPopups.setHooks(popupHooks());
  document.body.classList.add("geo-explorer");
  ctx.el.top = document.querySelector(".geo-top");
  ctx.el.side = document.querySelector(".geo-side");
  ctx.el.time = document.querySelector(".geo-time");
  layout();
  layers().forEach(function (l) {
    const on = initial.layers && own.call(initial.layers, l.name) ? initial.layers[l.name] : defaultVisible(l);
    if (on && !ctx.map.hasLayer(l.group)) ctx.map.addLayer(l.group);
    if (!on && ctx.map.hasLayer(l.group)) ctx.map.removeLayer(l.group);
  });
  ctx.state = withRange(ctx.state, initial.from === undefined ? null : initial.from,
                        initial.to === undefined ? null : initial.to + DAY - 1);
  applyFilter();
  if (initial.view) ctx.map.setView([initial.view[0], initial.view[1]], initial.view[2], {animate: false});
  else fitTo(home());
  listenMap();
  showSide(true);
  geoI18n.whenFontsReady(placeNames(), function () {
    requestAnimationFrame(function () { buildPanels(initial); });
  });
}

/* What the page's scripts and the tests may ask of the explorer. */
window.geoExplorer = {
  state: function () {
    const state = ctx.state;
    return {start: state.start, end: state.end, event: state.event, play: state.play,
            detail: state.detail ? state.detail.id : null, visible: ctx.map ? visibleNames() : [],
            extent: ctx.extent.slice(), ready: ctx.ready, language: state.language};
  },
  choose: chooseById,
  setRange: setRange,
  setVisible: setVisible,
  setPlayhead: setPlayhead,
  setColour: setColour,
  timeline: function () { return ctx.timeline; },
  map: function () { return ctx.map; },
  parseTime: geoTimeline.parseTime
};

geoHost.explored(start);
