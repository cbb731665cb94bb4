/* Cards on the map: a feature's short card (geo/popups.js renders it, in the page's language),
   or a list where features are stacked; neither ever moves the map to fit. */
import {ctx} from "geo-explorer/context.js";
import {esc, layer, nameHtml, own, sites, spec, t, titleOf, tn} from "geo-explorer/features.js";
import {dayAt, whenOf} from "geo-explorer/layertimes.js";
import {zoomToFeature} from "geo-explorer/focus.js";
import {choose} from "geo-explorer/choice.js";
import {showSide} from "geo-explorer/side.js";

function copy(item) { const out = {}; Object.keys(item).forEach(function (k) { out[k] = item[k]; }); return out; }

/* A feature's popup in the page's language: the registry's labels and the kinds, outcomes…
   of its choice fields translated, its name the one of the language where it has one. */
export function renderPopup(l, i, asCard) {
  let popup = spec(l).popup, props = l.props(i), fallback = false;
  if (geoI18n.language() !== "en") {
    popup = localPopup(popup);
    props = localProps(props);
    if (props.versions_note) props.versions_note = versionsNote(l, props);
    fallback = popup.title === "name" && geoI18n.name(props.names, props.name).fallback;
  }
  const html = geoPopups.render(popup, props, {related: related, rows: l.packed.rows(i)}, asCard);
  // a name shown in English for want of one in the page's language: marked as such
  return fallback ? html.replace("<h4>", '<h4 lang="en" class="geo-fallback" title="' + esc(t("name.fallback")) + '">')
    : html;
}

function localPopup(popup) {
  return {title: popup.title,
          rows: popup.rows.map(function (r) {
            const out = copy(r);
            out.label = geoI18n.text(r.label);
            out.hide = r.hide.map(function (v) { return geoI18n.word(v) || v; });
            return out;
          }),
          blocks: popup.blocks.map(function (b) {
            const out = copy(b), labels = {};
            if (b.label) out.label = geoI18n.text(b.label);
            if (b.text) out.text = geoI18n.text(b.text);
            Object.keys(b.labels || {}).forEach(function (k) { labels[k] = geoI18n.text(b.labels[k]); });
            if (b.labels) out.labels = labels;
            return out;
          })};
}

/* "Other reported versions: …" (the build's note, in English) again in the page's language, each
   version by its name in it. */
function versionsNote(l, props) {
  const field = spec(l).versionOf;
  if (!field) return props.versions_note;
  // as the build lists them: the record they are versions of and each of its versions, by id
  const main = props[field] || props.id, j = l.indexOf(main);
  const group = geoFeatureLayer.related(l.name, field, main).concat(main !== props.id && j >= 0 ? [l.props(j)] : []);
  const others = group.filter(function (v) { return v.id !== props.id; })
    .sort(function (a, b) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; });
  if (!others.length) return props.versions_note;
  return t("popup.versions", {names: others.map(function (v) { return geoI18n.name(v.names, v.name).text; })
    .join("; ")});
}

/* A card's list of the features of another layer that refer to it (a site's events), in the
   page's language like the card. */
function related(name, via, value) {
  const found = geoFeatureLayer.related(name, via, value);
  return geoI18n.language() === "en" ? found : found.map(localProps);
}

function localProps(props) {
  const out = copy(props);
  (ctx.options.choiceFields || []).forEach(function (field) {
    const word = own.call(out, field) ? geoI18n.word(out[field]) : null;
    if (word) out[field] = word;
  });
  const named = geoI18n.name(out.names, out.name);
  if (!named.fallback && own.call(out, "name")) out.name = named.text;
  // a footprint's survivors, which the build wrote in English: in the page's language
  if (own.call(out, "survival") && typeof out.draws === "number" && typeof out.survivors === "number" && out.draws) {
    out.survival = t("popup.survival", {kept: geoI18n.number(out.survivors), draws: geoI18n.number(out.draws),
                                        share: geoI18n.number(100 * out.survivors / out.draws, 1)});
  }
  // the site an event names by its English name: by the site's own in the page's language
  const siteLayer = sites(), j = siteLayer && own.call(out, "site_name") ? siteLayer.indexOf(out.site_id) : -1;
  const site = j >= 0 ? geoI18n.name(siteLayer.packed.get(j, "names"), out.site_name) : null;
  if (site && !site.fallback) out.site_name = site.text;
  return out;
}

/* How popups.js writes times, windows and precisions in a language other than English. */
export function popupHooks() {
  return {
    get sources() { return geoI18n.language() === "en" ? null : t("popup.sources"); },
    format: function (format, values) {
      if (geoI18n.language() === "en") return null;
      const blank = function (v) { return v === null || v === undefined || v === ""; };
      if (format === "utc" && !blank(values[0])) {
        const time = geoTimeline.parseTime(String(values[0]));
        if (!time) return null;
        const text = geoI18n.when(time, values[1] === true);
        return time.precision === "day" ? t("popup.date_only", {date: text}) : text;
      }
      if (format === "window" && !(blank(values[0]) && blank(values[1]))) {
        const days = [values[0], values[1]].filter(function (v) { return !blank(v); }).map(function (v) {
          const d = geoTimeline.parseTime(String(v));
          return d ? dayAt(d) : String(v);
        }).join(" ~ ");
        return blank(values[2]) ? days : days + " (" + values[2] + ")";
      }
      if (format === "within_m" && typeof values[0] === "number") {
        return t("popup.within_m", {m: geoI18n.number(Math.round(values[0]))});
      }
      return null;
    }
  };
}

export function openCard(name, i, latlng) {
  const l = layer(name);
  if (!l || !latlng) return;
  const box = document.createElement("div");
  box.innerHTML = renderPopup(l, i, true);
  const actions = document.createElement("div");
  actions.className = "geo-card-actions";
  actions.innerHTML = '<button type="button" data-act="details">' + esc(t("card.details")) + "</button>" +
    '<button type="button" data-act="zoom">' + esc(t("card.zoom")) + "</button>";
  actions.addEventListener("click", function (e) {
    const act = e.target && e.target.getAttribute("data-act");
    if (act === "details") showSide(true, true);
    if (act === "zoom") zoomToFeature(name, i);
  });
  box.appendChild(actions);
  ctx.card = showPopup(latlng, box, "geo-card");
}

/* After a choice that moved the map anyway (list, timeline, search), the card is brought
   wholly into the map; a click on the map never moves it (the card opens below instead). */
export function cardIntoView() {
  const map = ctx.map, node = ctx.card && map.hasLayer(ctx.card) ? ctx.card.getElement() : null;
  if (!node) return;
  const mapBox = map.getContainer().getBoundingClientRect(), box = node.getBoundingClientRect();
  let dx = 0, dy = 0;
  if (box.top < mapBox.top + 8) dy = box.top - mapBox.top - 8;
  else if (box.bottom > mapBox.bottom - 8) dy = Math.min(box.bottom - mapBox.bottom + 8, box.top - mapBox.top - 8);
  if (box.left < mapBox.left + 8) dx = box.left - mapBox.left - 8;
  else if (box.right > mapBox.right - 8) dx = box.right - mapBox.right + 8;
  if (dx || dy) map.panBy([Math.round(dx), Math.round(dy)], {animate: false});
}

/* The list of features stacked under a click (hits: [layer name, index, draw order]). */
export function openPicker(hits, latlng) {
  const box = document.createElement("div");
  box.className = "geo-pick";
  box.innerHTML = "<p>" + esc(tn("picker.here", hits.length)) + "</p>";
  const list = document.createElement("ul");
  hits.forEach(function (hit) {
    const l = layer(hit[0]), i = hit[1], id = l.id(i), style = l.packed.styleOf(i);
    const item = document.createElement("li"), button = document.createElement("button");
    button.type = "button";
    button.innerHTML = '<span class="geo-swatch geo-disc" style="--c: ' +
      esc(style.fillColor || style.color || "#555") + '"></span><span>' +
      nameHtml(l, i) + '</span><span class="geo-when">' + esc(whenOf(l, i)) + "</span>";
    button.title = titleOf(l);
    button.addEventListener("click", function () {
      // by id: the layers may have changed since the list opened (a new paste)
      const now = layer(hit[0]), j = now ? now.indexOf(id) : -1;
      if (j < 0) { ctx.map.closePopup(); return; }
      choose(hit[0], j, "map", latlng);
    });
    item.appendChild(button);
    list.appendChild(item);
  });
  box.appendChild(list);
  ctx.picker = showPopup(latlng, box, "geo-picker");
}

/* A popup that never moves the map: if it would stick out, it opens below the point or is
   shifted sideways instead. */
function showPopup(latlng, content, className) {
  const map = ctx.map, size = map.getSize(), mapBox = map.getContainer().getBoundingClientRect();
  // the zoom and ruler buttons keep their strip on the left: the card fits beside them
  const buttons = map.getContainer().querySelector(".leaflet-top.leaflet-left");
  const b = buttons ? buttons.getBoundingClientRect() : null;
  const room = size.x - 24 - (b && b.width ? b.right - mapBox.left : 0) - 50;  // 50: the card's frame
  const popup = L.popup({autoPan: false, maxWidth: Math.max(180, Math.min(340, room)),
                         minWidth: Math.min(220, room - 20), className: className,
                         maxHeight: Math.max(140, Math.min(360, size.y - 60))})
    .setLatLng(latlng).setContent(content).openOn(map);
  const node = popup.getElement();
  if (!node) return popup;
  const close = node.querySelector(".leaflet-popup-close-button");
  if (close) { close.setAttribute("aria-label", t("map.close")); close.title = t("map.close"); }
  const point = map.latLngToContainerPoint(latlng), box = node.getBoundingClientRect();
  let dx = 0, dy = 0;
  if (box.top < mapBox.top + 4) {
    dy = box.height + 28;
    L.DomUtil.addClass(node, "geo-below");
  }
  if (box.left < mapBox.left + 4) dx = mapBox.left + 4 - box.left;
  if (box.right > mapBox.right - 4) dx = mapBox.right - 4 - box.right;
  if (point.y + dy > size.y) dy = 0;
  // nor under the zoom and ruler buttons: moved right of them when there is room
  if (b && b.width && box.left + dx < b.right + 4 && box.top + dy < b.bottom && box.bottom + dy > b.top) {
    const shift = b.right + 4 - (box.left + dx);
    if (box.right + dx + shift <= mapBox.right - 4) dx += shift;
  }
  if (dx || dy) { popup.options.offset = L.point(dx, 7 + dy); popup.update(); }
  return popup;
}
