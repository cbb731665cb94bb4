/* The layers and their features as the explorer names them: the layer registry's titles and a
   feature's name in the page's language, and the few helpers every view uses to write HTML. */
import {ctx} from "geo-explorer/context.js";

export const own = Object.prototype.hasOwnProperty;

export function esc(text) { return geoPopups.esc(text); }
export function t(key, params) { return geoI18n.t(key, params); }
export function tn(key, count, params) { return geoI18n.n(key, count, params); }

export function layers() { return geoFeatureLayer.layers(); }
export function layer(name) { return geoFeatureLayer.byName(name); }
export function spec(l) { return l.spec || {}; }
export function isBuiltin(l) { return spec(l).namespace === "builtin"; }
export function events() { return layer(ctx.options.eventLayer); }
export function sites() { return layer(ctx.options.siteLayer); }
/* Another source's account of a record: drawn on the map, listed once under its first account. */
export function isVersion(l, i) { const f = spec(l).versionOf; return !!(f && l.packed.get(i, f)); }
/* Whether a layer is on the map. */
export function isOn(l) { return ctx.map.hasLayer(l.group); }

/* [layer name, index] of the feature with this id in the first layer that has it, or null. */
export function findFeature(id) {
  const l = layers().find(function (each) { return each.indexOf(id) >= 0; });
  return l ? [l.name, l.indexOf(id)] : null;
}

/* A layer's title in the page's language: the registry's, or a user layer's own label in
   its namespace's title ("Imported: {}"). */
export function titleOf(l) {
  const title = spec(l).title || l.name, pattern = (ctx.options.userTitles || {})[spec(l).namespace];
  if (isBuiltin(l) || !pattern) return geoI18n.text(title);
  const head = pattern.split("{}")[0];
  return title.indexOf(head) === 0 ? geoI18n.text(pattern).replace("{}", title.slice(head.length)) : title;
}

/* The same as HTML, a user layer's own label (a file's name) marked as data. */
export function titleHtml(l) {
  const title = spec(l).title || l.name, pattern = (ctx.options.userTitles || {})[spec(l).namespace];
  // in English the title stays one text, as it always was (the layer control's readers rely on it)
  if (isBuiltin(l) || !pattern || geoI18n.language() === "en") return esc(titleOf(l));
  const head = pattern.split("{}")[0];
  if (title.indexOf(head) !== 0) return '<span translate="no">' + esc(title) + "</span>";
  return esc(geoI18n.text(pattern)).replace("{}", '<span translate="no">' + esc(title.slice(head.length)) + "</span>");
}

/* A feature's name in the page's language (its English one where it has no other). */
export function nameOf(l, i) {
  return geoI18n.name(l.packed.get(i, "names"), l.packed.get(i, "name") || l.id(i)).text;
}

export function nameHtml(l, i) {
  return geoI18n.nameHtml(l.packed.get(i, "names"), l.packed.get(i, "name") || l.id(i), esc);
}

/* The indices of a layer's features shown (within the dates, on the map or not). */
export function shownIndices(l) {
  const out = [];
  for (let i = 0; i < l.size(); i++) if (l.shown[i]) out.push(i);
  return out;
}

export function shownCount(l) {
  let count = 0;
  for (let i = 0; i < l.size(); i++) count += l.shown[i];
  return count;
}

/* A button of the page's controls. */
export function button(text, title, fn) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.title = title;
  b.addEventListener("click", fn);
  return b;
}

/* fn() on a click anywhere outside box (a menu's, the search's list: they close). One listener
   on the document for them all: a top bar built again (a new language) adds none, and boxes no
   longer in the page are forgotten. */
let outside = null;
export function onOutsideClick(box, fn) {
  if (outside === null) {
    outside = [];
    document.addEventListener("click", function (e) {
      outside = outside.filter(function (pair) { return pair[0].isConnected; });
      outside.forEach(function (pair) { if (!pair[0].contains(e.target)) pair[1](); });
    });
  }
  outside.push([box, fn]);
}

export function cssEscape(text) {
  return window.CSS && CSS.escape ? CSS.escape(text) : String(text).replace(/["\\]/g, "\\$&");
}
