/* The Download menu: the layers shown as files, the view as one offline page, and the view as
   a figure for print or a slide; in the app the server writes each file of what is shown
   (geo/app/routes.py, geo/figure), asked by a link that says what that is. */
import {ctx} from "geo-explorer/context.js";
import {rangeParams} from "geo-explorer/state.js";
import {esc, layer, shownCount, t, titleHtml} from "geo-explorer/features.js";
import {visibleNames} from "geo-explorer/filter.js";

export function downloadUrl(format, scope) {
  const params = new URLSearchParams(), state = ctx.state, map = ctx.map;
  if (ctx.token) params.set("token", ctx.token);
  params.set("format", format);
  params.set("scope", scope);
  params.set("layers", visibleNames().join(",") || "none");
  rangeParams(state, ctx.extent).forEach(function (pair) { params.set(pair[0], pair[1]); });
  if (state.event) params.set("event", state.event);
  if (geoI18n.language() !== "en") params.set("lang", geoI18n.language());
  const c = map.getCenter();
  params.set("lat", c.lat.toFixed(4)); params.set("lon", c.lng.toFixed(4));
  params.set("z", String(map.getZoom()));
  return ctx.options.download + "?" + params.toString();
}

export function downloadMenu(list) {
  const formats = ctx.options.formats || [["GeoJSON", "geojson"]];
  const chosen = list.getAttribute("data-format") || formats[0][1];
  const html = ["<h5>" + esc(t("download.format")) + "</h5><div>"];
  formats.forEach(function (f) {
    html.push('<label><input type="radio" name="geo-format" value="' + esc(f[1]) + '"' +
              (f[1] === chosen ? " checked" : "") + "> " + esc(f[0]) + "</label>");
  });
  html.push("</div><h5>" + esc(t("download.shown")) + "</h5>");
  const names = visibleNames();
  names.forEach(function (name) {
    const l = layer(name);
    html.push('<a href="' + esc(downloadUrl(chosen, name)) + '" download>' +
              titleHtml(l) + " (" + esc(geoI18n.number(shownCount(l))) + ")</a>");
  });
  if (names.length > 1) {
    html.push('<a href="' + esc(downloadUrl(chosen, "all")) + '" download>' + esc(t("download.all")) + "</a>");
  }
  html.push("<h5>" + esc(t("download.view")) + '</h5><a href="' + esc(downloadUrl("html", "all")) +
            '" download>' + esc(t("download.html")) + "</a>");
  html.push(figureMenu());
  list.innerHTML = html.join("");
  figureMenuWire(list);
  list.setAttribute("data-format", chosen);
  Array.prototype.forEach.call(list.querySelectorAll("input[name=geo-format]"), function (input) {
    input.addEventListener("change", function () {
      list.setAttribute("data-format", input.value);
      downloadMenu(list);
    });
  });
}

/* Download → Figure: the view drawn on the server for print or a slide (geo figure): the
   link's event, dates and layers, and the map's bounds (left to the server beyond 120° by 80°). */
const FIGURE_SIZES = [["page", "figure.size_page"], ["column", "figure.size_column"],
                      ["slide", "figure.size_slide"], ["square", "figure.size_square"]];
/* Each format: its name (a file format's, never translated) and what it is for. */
const FIGURE_FORMATS = [["svg", "SVG", "figure.format_svg"], ["pdf", "PDF", "figure.format_pdf"],
                        ["png", "PNG 300 DPI", "figure.format_png"]];

/* A figure of the view: the download's own query with the figure's size and language, and
   the map's bounds where they are a region, not the world. */
function figureUrl(format, size, lang) {
  const base = downloadUrl(format, "all"), q = base.indexOf("?");
  const params = new URLSearchParams(base.slice(q + 1));
  params.set("size", size);
  params.set("lang", lang);
  const b = ctx.map.getBounds(), w = Math.max(-180, b.getWest()), e = Math.min(180, b.getEast());
  const s = Math.max(-89, b.getSouth()), n = Math.min(89, b.getNorth());
  if (e - w <= 120 && n - s <= 80) {
    params.set("bbox", [w, s, e, n].map(function (v) { return v.toFixed(4); }).join(","));
  }
  return base.slice(0, q) + "?" + params.toString();
}

function figureMenu() {
  const lang = geoI18n.language();
  const html = ["<h5>" + esc(t("figure.head")) + '</h5><div class="geo-figure-options">',
                '<select name="geo-figure-size" aria-label="' + esc(t("figure.size")) + '">'];
  FIGURE_SIZES.forEach(function (size) {
    html.push('<option value="' + size[0] + '">' + esc(t(size[1])) + "</option>");
  });
  html.push('</select> <select name="geo-figure-lang" aria-label="' + esc(t("figure.language")) + '">');
  geoI18n.languages().forEach(function (pair) {  // each language named in its own
    html.push('<option value="' + esc(pair[0]) + '" lang="' + esc(pair[0]) + '"' +
              (pair[0] === lang ? " selected" : "") + ">" + esc(pair[1]) + "</option>");
  });
  html.push("</select></div>");
  FIGURE_FORMATS.forEach(function (format) {
    html.push('<a data-figure="' + format[0] + '" href="' + esc(figureUrl(format[0], "page", lang)) +
              '" download><span translate="no">' + esc(format[1]) + "</span> (" + esc(t(format[2])) +
              ")</a>");
  });
  return html.join("");
}

function figureMenuWire(list) {
  const size = list.querySelector("select[name=geo-figure-size]"), lang = list.querySelector("select[name=geo-figure-lang]");
  function update() {
    Array.prototype.forEach.call(list.querySelectorAll("a[data-figure]"), function (a) {
      a.setAttribute("href", figureUrl(a.getAttribute("data-figure"), size.value, lang.value));
    });
  }
  size.addEventListener("change", update);
  lang.addEventListener("change", update);
}
