/* Place labels: sites, cities and seas named on the map by zoom, in the page's language, never
   over each other, the controls or a site's dot (geo/labels.js lays them out). */
import {ctx} from "geo-explorer/context.js";
import {esc, isOn, nameOf, sites} from "geo-explorer/features.js";

const SITE_LABELS = {launch_site: [0, 5], city: [1, 4], control_center: [3, 9], border_station: [3, 7],
                     launch_pad: [4, 12]};  // kind: [priority, from zoom]
// as explorer.css draws them (.geo-label, .geo-label-site, .geo-label-sea)
const CJK = ", \"Noto Sans KR\", \"Noto Sans JP\", \"Noto Sans SC\", sans-serif";
const LABEL_FONT = "12px system-ui" + CJK, SITE_FONT = "600 12px system-ui" + CJK,
  SEA_FONT = "italic 13px system-ui" + CJK;

function labelCandidates() {
  const map = ctx.map, z = map.getZoom(), out = [], siteLayer = sites(), taken = [];
  if (siteLayer && isOn(siteLayer)) {
    for (let i = 0; i < siteLayer.size(); i++) {
      const rule = SITE_LABELS[siteLayer.packed.get(i, "kind")];
      if (!rule || z < rule[1] || !siteLayer.shown[i]) continue;
      const at = siteLayer.anchorOf(i);
      if (!at) continue;
      taken.push(at);
      const siteName = geoI18n.name(siteLayer.packed.get(i, "names"), siteLayer.packed.get(i, "name") || siteLayer.id(i));
      out.push({lines: [siteName.text], fallback: siteName.fallback, latlng: at, priority: rule[0],
                kind: "site", id: siteLayer.id(i)});
    }
  }
  (ctx.options.places || []).forEach(function (place, k) {
    if (z < place.zoom) return;
    const at = L.latLng(place.lat, place.lon);
    // a city the sites layer already names is not named twice
    if (place.kind === "city" && taken.some(function (p) { return p.distanceTo(at) < 30000; })) return;
    const sea = place.kind !== "city", other = place.names && place.names.en_other;
    // two names in use: both, the second on a line of its own (Yellow Sea / West Sea)
    const local = geoI18n.name(place.names, place.name);
    const lines = !local.fallback && geoI18n.language() !== "en" ? [local.text]
      : other ? [place.name.split(" / ")[0], other] : [place.name];
    out.push({lines: lines, fallback: local.fallback, latlng: at, priority: sea ? 0.5 : 2 + k / 1000,
              kind: sea ? "sea" : "place", id: place.id});
  });
  out.sort(function (a, b) { return a.priority - b.priority; });
  return out;
}

/* The boxes labels keep out of: the map's controls, and each shown site's dot. */
function obstacles() {
  const map = ctx.map, mapBox = map.getContainer().getBoundingClientRect(), out = [];
  Array.prototype.forEach.call(map.getContainer().querySelectorAll(".leaflet-control"), function (node) {
    const b = node.getBoundingClientRect();
    if (b.width && b.height) out.push({left: b.left - mapBox.left, top: b.top - mapBox.top,
                                       right: b.right - mapBox.left, bottom: b.bottom - mapBox.top});
  });
  const siteLayer = sites();
  if (siteLayer && isOn(siteLayer)) {
    for (let i = 0; i < siteLayer.size(); i++) {
      const at = siteLayer.shown[i] && siteLayer.anchorOf(i), p = at && map.latLngToContainerPoint(at);
      if (p) out.push({left: p.x - 7, top: p.y - 7, right: p.x + 7, bottom: p.y + 7, site: siteLayer.id(i),
                       cx: p.x, cy: p.y});
    }
  }
  return out;
}

export function drawLabels() {
  const pane = ctx.el.labels, map = ctx.map;
  if (!pane || !map) return;
  const size = map.getSize(), candidates = labelCandidates().map(function (c) {
    const p = map.latLngToContainerPoint(c.latlng);
    const font = c.kind === "sea" ? SEA_FONT : c.kind === "site" ? SITE_FONT : LABEL_FONT;
    const w = Math.max.apply(null, c.lines.map(function (line) { return geoLabels.width(line, font); }));
    return {lines: c.lines, x: p.x, y: p.y, w: w, h: (c.kind === "sea" ? 16 : 14) * c.lines.length,
            centred: c.kind === "sea", kind: c.kind, id: c.id, fallback: c.fallback};
  });
  pane.innerHTML = geoLabels.layout(candidates, size.x, size.y, obstacles()).map(function (placed) {
    const c = placed.label, at = map.containerPointToLayerPoint([placed.box.x, placed.box.y]);
    const data = c.fallback ? ' translate="no" lang="en"' : ' translate="no"';  // names: data
    return '<span class="geo-label geo-label-' + c.kind + '"' + data + ' data-id="' + esc(c.id) + '" style="left:' +
      Math.round(at.x) + "px;top:" + Math.round(at.y) + 'px">' +
      c.lines.map(esc).join("<br>") + "</span>";
  }).join("");
}

/* The names of places and sites in the page's language: their fonts are loaded with the
   interface's. */
export function placeNames() {
  const lang = geoI18n.language(), siteLayer = sites(), out = [];
  (ctx.options.places || []).forEach(function (place) { if (place.names && place.names[lang]) out.push(place.names[lang]); });
  for (let i = 0; siteLayer && i < siteLayer.size(); i++) out.push(nameOf(siteLayer, i));
  return out.join(" ");
}
