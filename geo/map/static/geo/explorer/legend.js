/* The layers and legend control (after Leaflet's own Control.Layers): the basemaps, each layer
   with its count of what is shown and its legend, switched on and off here; it folds, and
   never runs past the map. */
import {ctx} from "geo-explorer/context.js";
import {withVisible} from "geo-explorer/state.js";
import {cssEscape, esc, isBuiltin, isOn, layer, layers, shownCount, spec, t, titleHtml, tn}
  from "geo-explorer/features.js";
import {colourSelect, setColour} from "geo-explorer/colour.js";
import {drawPointers} from "geo-explorer/pointers.js";
import {drawLabels} from "geo-explorer/placelabels.js";
import {refreshSources} from "geo-explorer/side.js";
import {showSatellites} from "geo-explorer/timebar.js";
import {writeUrl} from "geo-explorer/permalink.js";

const BASEMAPS = [["offline", "layers.offline"], ["osm", "layers.osm"], ["esri", "layers.esri"]];

export const LayersControl = L.Control.extend({
  options: {position: "topright"},
  onAdd: function () {
    const box = L.DomUtil.create("div", "geo-layers leaflet-control");
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    this.box = box;
    box.innerHTML = '<div class="geo-layers-head" role="button" tabindex="0" aria-expanded="false">' +
      esc(t("layers.head")) + '</div><div class="geo-layers-body"></div>';
    const head = box.firstChild, self = this;
    function toggle() { self.open(!box.classList.contains("open")); }
    head.addEventListener("click", toggle);
    head.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") toggle(); });
    box.addEventListener("change", function (e) { self.changed(e.target); });
    return box;
  },
  open: function (open) {
    this.box.classList.toggle("open", open);
    this.box.firstChild.setAttribute("aria-expanded", open ? "true" : "false");
    fitLegend();
  },
  render: function () {
    const map = ctx.map, tiles = ctx.tiles;
    this.box.firstChild.textContent = t("layers.head");
    const html = ["<fieldset><legend>" + esc(t("layers.basemap")) + "</legend>"];
    BASEMAPS.forEach(function (pair) {
      if (pair[0] !== "offline" && !tiles[pair[0]]) return;
      const on = pair[0] === "offline" ? !Object.keys(tiles).some(function (k) { return map.hasLayer(tiles[k]); })
        : map.hasLayer(tiles[pair[0]]);
      html.push('<div><label><input type="radio" name="geo-basemap" value="' + pair[0] + '"' +
                (on ? " checked" : "") + "> " + esc(t(pair[1])) + "</label></div>");
    });
    html.push("</fieldset><fieldset><legend>" + esc(t("layers.layers")) + "</legend>");
    const order = ctx.options.layerOrder || [];
    function rank(l) { return isBuiltin(l) ? order.indexOf(l.name) : -1; }
    const ordered = layers().slice().sort(function (a, b) {  // the user's layers first, newest on top
      return rank(a) - rank(b) || (spec(b).drawOrder || 0) - (spec(a).drawOrder || 0);
    });
    ordered.forEach(function (l) {
      const on = isOn(l);
      html.push('<div class="geo-layer' + (on ? "" : " off") + '" data-layer="' + esc(l.name) + '">' +
                '<label><input type="checkbox" data-layer="' + esc(l.name) + '"' + (on ? " checked" : "") +
                "> " + titleHtml(l) + ' <span class="geo-count" data-count="' +
                esc(l.name) + '"></span></label>');
      if (!isBuiltin(l) && spec(l).namespace === "imported") html.push(colourSelect(l));
      html.push('<div class="geo-legend-rows">' + legendRows(l) + "</div></div>");
    });
    html.push("</fieldset>");
    this.box.lastChild.innerHTML = html.join("");
    refreshCounts();
  },
  changed: function (input) {
    const map = ctx.map, tiles = ctx.tiles;
    if (input.name === "geo-basemap") {
      Object.keys(tiles).forEach(function (k) { if (map.hasLayer(tiles[k])) map.removeLayer(tiles[k]); });
      if (tiles[input.value]) map.addLayer(tiles[input.value]);
    } else if (input.getAttribute("data-layer") && input.type === "checkbox") {
      setVisible(input.getAttribute("data-layer"), input.checked);
    } else if (input.getAttribute("data-colour")) {
      setColour(input.getAttribute("data-colour"), input.value);
    }
  }
});

/* The legend never runs past the map (nor under the timeline): it scrolls inside itself. */
export function fitLegend() {
  const control = ctx.control, map = ctx.map;
  if (!control || !control.box || !map) return;
  requestAnimationFrame(drawLabels);
  const mapBox = map.getContainer().getBoundingClientRect(), box = control.box.getBoundingClientRect();
  const below = map.getContainer().querySelector(".leaflet-bottom.leaflet-right");  // the attribution
  const floor = below && below.getBoundingClientRect().height ? below.getBoundingClientRect().top : mapBox.bottom;
  control.box.style.maxHeight = Math.max(80, Math.floor(floor - box.top - 6)) + "px";
}

function legendRows(l) {
  const rows = (ctx.colourBy[l.name] && ctx.colourBy[l.name].legend) || spec(l).legend || [];
  return rows.map(function (row) {
    return '<div><span class="geo-swatch geo-' + esc(row[0]) + '" style="--c: ' + esc(row[1]) +
      '"></span>' + esc(geoI18n.text(row[2])) + "</div>";
  }).join("");
}

/* Each layer's count of what is shown: "(12)", or "5 of 12" when the dates narrow it. */
export function refreshCounts() {
  const control = ctx.control;
  if (!control || !control.box) return;
  layers().forEach(function (l) {
    const node = control.box.querySelector('[data-count="' + cssEscape(l.name) + '"]');
    if (!node) return;
    const shown = shownCount(l);
    node.textContent = shown === l.size() ? "(" + geoI18n.number(shown) + ")"
      : tn("layers.count_of", l.size(), {shown: geoI18n.number(shown)});
  });
}

export function setVisible(name, on) {
  const l = layer(name), map = ctx.map;
  if (!l) return;
  if (on && !map.hasLayer(l.group)) map.addLayer(l.group);
  if (!on && map.hasLayer(l.group)) map.removeLayer(l.group);
  ctx.state = withVisible(ctx.state, name, on);
  if (ctx.control) ctx.control.render();
  if (ctx.timeline) ctx.timeline.draw();
  drawPointers();
  drawLabels();
  showSatellites();
  refreshSources();
  writeUrl();
}
