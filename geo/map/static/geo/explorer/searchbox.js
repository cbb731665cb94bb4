/* The search of the top bar: sites, events, every shown layer's features, places and
   coordinates (geo/search.js reads them and ranks the matches), in either language. */
import {ctx} from "geo-explorer/context.js";
import {esc, isBuiltin, isOn, layer, layers, nameOf, onOutsideClick, spec, t, titleOf} from "geo-explorer/features.js";
import {whenOf} from "geo-explorer/layertimes.js";
import {choose} from "geo-explorer/choice.js";
import {setVisible} from "geo-explorer/legend.js";

function searchItems() {
  const items = [];
  layers().forEach(function (l) {
    if (!isBuiltin(l) && !isOn(l)) return;
    if (isBuiltin(l) && spec(l).visible === false && !isOn(l)) return;  // modelled layers
    for (let i = 0; i < l.size(); i++) {
      const names = [String(l.packed.get(i, "name") || ""), String(l.id(i))], more = l.packed.get(i, "names");
      if (more && typeof more === "object") Object.keys(more).forEach(function (k) { names.push(String(more[k])); });
      // a whole site or city before its parts (Sohae before its pads), then in the layers' order
      const kind = String(l.packed.get(i, "kind") || "");
      names.unshift(nameOf(l, i));  // the name in the page's language first: the one shown
      items.push({names: names, layer: l.name, index: i, title: titleOf(l),
                  boost: /_site$|^city$/.test(kind) ? 1 : 0});
    }
  });
  (ctx.options.places || []).forEach(function (place) {
    const local = geoI18n.name(place.names, place.name), names = [local.fallback ? place.name : local.text];
    Object.keys(place.names || {}).forEach(function (k) { names.push(String(place.names[k])); });
    names.push(place.name);
    items.push({names: names, place: place, title: place.kind === "city" ? t("search.place") : t("search.sea"),
                boost: place.kind === "city" ? 0 : 0.5});
  });
  return items;
}

function rowHtml(row) {
  if (row.error) return '<li class="geo-search-error" role="option" aria-disabled="true">' +
    esc(t("search.not_position", {why: row.key ? t(row.key, row) : row.error})) + "</li>";
  if (row.lat !== undefined) return '<li role="option"><b>' + esc(t("search.go")) + "</b> " +
    esc(geoSearch.formatted(row.lat, row.lon)) + "</li>";
  const when = row.layer ? whenOf(layer(row.layer), row.index) : "";
  return '<li role="option"><span class="geo-search-name" translate="no">' + esc(row.names[0] || row.names[1]) +
    '</span><span class="geo-search-kind">' + esc(row.title) + (when ? " · " + esc(when) : "") + "</span></li>";
}

let searchMark = null;  // the point a coordinate searched for is marked at
function unmark() {
  if (searchMark) { ctx.map.removeLayer(searchMark); searchMark = null; }
}

/* Go where a row of the list says: a coordinate (marked), a place, or a feature (chosen). */
function go(row) {
  const map = ctx.map;
  unmark();
  if (row.lat !== undefined) {
    map.closePopup();
    const label = geoSearch.formatted(row.lat, row.lon);
    searchMark = L.circleMarker([row.lat, row.lon], {radius: 7, color: "#cf222e", weight: 3, fill: false,
                                                     className: "geo-search-mark", interactive: false})
      .bindTooltip(esc(label), {permanent: true, direction: "right", className: "geo-search-label"}).addTo(map);
    map.setView([row.lat, row.lon], Math.max(map.getZoom(), 8), {animate: false});
  } else if (row.place) {
    map.setView([row.place.lat, row.place.lon], Math.max(map.getZoom(), row.place.zoom || 7), {animate: false});
  } else {
    if (!isOn(layer(row.layer))) setVisible(row.layer, true);
    choose(row.layer, row.index, "search");
  }
}

export function searchBox() {
  const box = document.createElement("div"), input = document.createElement("input");
  const list = document.createElement("ul");
  let rows = [], active = -1;
  box.className = "geo-search";
  input.type = "search";
  input.placeholder = t("search.placeholder");
  input.setAttribute("aria-label", t("search.label"));
  input.autocomplete = "off";
  list.className = "geo-search-list";
  list.hidden = true;
  list.setAttribute("role", "listbox");
  box.appendChild(input);
  box.appendChild(list);
  function close() { list.hidden = true; active = -1; }
  function mark(k) {
    active = k;
    Array.prototype.forEach.call(list.children, function (li, j) { li.classList.toggle("active", j === k); });
  }
  function pick(row) {
    if (!row || row.error) return;
    close();
    input.value = "";
    input.blur();
    go(row);
  }
  function render() {
    const text = input.value, c = text.trim() ? geoSearch.coordinate(text) : null;
    rows = [];
    if (c && c.error) rows.push(c);
    else if (c) rows.push({lat: c.lat, lon: c.lon});
    geoSearch.match(text, searchItems(), 8).forEach(function (item) { rows.push(item); });
    list.innerHTML = rows.map(rowHtml).join("") || (text.trim() ? '<li class="geo-search-none" aria-disabled="true">' +
                    esc(t("search.none", {text: text.trim()})) + "</li>" : "");
    list.hidden = !list.innerHTML;
    mark(rows.length && !rows[0].error ? 0 : -1);
  }
  input.addEventListener("input", render);
  input.addEventListener("focus", function () { if (input.value.trim()) render(); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!rows.length) return;
      mark(Math.max(0, Math.min(rows.length - 1, active + (e.key === "ArrowDown" ? 1 : -1))));
    } else if (e.key === "Enter") {
      e.preventDefault();
      pick(rows[active >= 0 ? active : 0]);
    } else if (e.key === "Escape") {
      close();
      unmark();
    }
  });
  list.addEventListener("mousedown", function (e) {  // before the input's blur
    const li = e.target.closest("li");
    if (!li) return;
    e.preventDefault();
    pick(rows[Array.prototype.indexOf.call(list.children, li)]);
  });
  onOutsideClick(box, close);
  return box;
}
