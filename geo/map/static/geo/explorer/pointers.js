/* Arrows at the map's edge towards the chosen event's parts that are out of view, each with
   its name and distance; a click frames that part. */
import {ctx} from "geo-explorer/context.js";
import {esc, isOn, layer, nameOf, t} from "geo-explorer/features.js";
import {fitTo} from "geo-explorer/focus.js";

/* A point of the map moved sideways out of the controls (legend, buttons) it falls in. */
function clearOfControls(at) {
  const map = ctx.map, mapBox = map.getContainer().getBoundingClientRect(), size = map.getSize();
  Array.prototype.forEach.call(map.getContainer().querySelectorAll(".leaflet-control"), function (node) {
    const b = node.getBoundingClientRect(), left = b.left - mapBox.left - 24, right = b.right - mapBox.left + 24;
    if (!b.width || at.y < b.top - mapBox.top - 16 || at.y > b.bottom - mapBox.top + 16) return;
    if (at.x > left && at.x < right) at = L.point(right < size.x / 2 ? right + 90 : left - 90, at.y);
  });
  return at;
}

export function drawPointers() {
  const pane = ctx.el.pointers, map = ctx.map;
  if (!pane) return;
  pane.innerHTML = "";
  if (!ctx.state.event || !ctx.pointers.length) return;
  const size = map.getSize(), view = map.getBounds(), centre = L.point(size.x / 2, size.y / 2);
  const margin = 34, placed = [];
  ctx.pointers.forEach(function (p) {
    const l = layer(p.layer);
    if (!l || !isOn(l) || !l.shown[p.index] || view.intersects(p.bounds)) return;
    const target = map.latLngToContainerPoint(l.anchorOf(p.index) || p.bounds.getCenter());
    const dx = target.x - centre.x, dy = target.y - centre.y;
    const scale = Math.min(Math.abs((size.x / 2 - margin) / (dx || 1e-9)), Math.abs((size.y / 2 - margin) / (dy || 1e-9)));
    const at = clearOfControls(L.point(centre.x + dx * scale, centre.y + dy * scale));
    if (placed.some(function (q) { return q.distanceTo(at) < 40; })) return;
    placed.push(at);
    const km = map.getCenter().distanceTo(l.anchorOf(p.index) || p.bounds.getCenter()) / 1000;
    const name = nameOf(l, p.index), distance = geoI18n.number(Math.round(km));
    const node = document.createElement("button");
    node.type = "button";
    node.className = "geo-pointer";
    node.setAttribute("data-id", l.id(p.index));
    node.style.left = Math.round(at.x) + "px";
    node.style.top = Math.round(at.y) + "px";
    node.title = t("pointer.title", {km: distance});  // the name is data: in the text
    node.innerHTML = '<span class="geo-pointer-arrow" style="transform: rotate(' +
      Math.round(Math.atan2(dy, dx) * 180 / Math.PI) + 'deg)">➜</span><span class="geo-pointer-text">' +
      esc(t("pointer.text", {km: distance})) + ' · <span translate="no">' + esc(name) + "</span></span>";
    node.addEventListener("click", function (e) {
      L.DomEvent.stopPropagation(e);
      fitTo(p.bounds);
    });
    pane.appendChild(node);
  });
}
