/* Colouring an imported layer by one of its columns: a few values as categories, numbers
   (bare or all in one unit) on a sequential ramp of quantile classes; the legend says which. */
import {ctx} from "geo-explorer/context.js";
import {esc, layer, own, t} from "geo-explorer/features.js";
import {buildTimelineItems} from "geo-explorer/timebar.js";

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                 "#17becf", "#bcbd22", "#7f7f7f"];
const RAMP = ["#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"];
const NUMBER_WITH_UNIT = /^\s*([-+]?[0-9]+(?:\.[0-9]+)?)\s*([A-Za-z%°²³\/]{0,8})\s*$/;

/* The legend's choice of a column for a layer. */
export function colourSelect(l) {
  const html = ['<select data-colour="' + esc(l.name) + '" aria-label="' + esc(t("colour.label")) + '"><option value="">' +
                esc(t("colour.one")) + '</option><optgroup label="' + esc(t("colour.label")) + '">'];
  l.packed.columns.forEach(function (column) {
    if (column.field === "id" || column.field === "name") return;
    const chosen = ctx.colourBy[l.name] && ctx.colourBy[l.name].field === column.field;
    html.push('<option translate="no" value="' + esc(column.field) + '"' + (chosen ? " selected" : "") +
              ">" + esc(column.field) + "</option>");  // a column's name is the file's
  });
  return html.join("") + "</optgroup></select>";
}

/* Colour layer `name` by column `field` (none: its own style again). */
export function setColour(name, field) {
  const l = layer(name);
  if (!l) return;
  const numbers = field ? numbersOf(l, field) : null;
  if (!field) {
    delete ctx.colourBy[name];
    l.restyle(null);
  } else if (numbers) {
    colourByNumber(l, name, field, numbers);
  } else {
    colourByCategory(l, name, field);
  }
  ctx.control.render();
  buildTimelineItems();
}

function colourByCategory(l, name, field) {
  const counts = {}, column = l.packed.column(field);
  const valueOf = function (j) { const raw = l.packed.value(column, j); return String(raw === null ? "(blank)" : raw); };
  for (let i = 0; i < l.size(); i++) counts[valueOf(i)] = (counts[valueOf(i)] || 0) + 1;
  const values = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); });
  const top = values.slice(0, PALETTE.length - 1), colourOf = {};
  top.forEach(function (v, k) { colourOf[v] = PALETTE[k]; });
  const other = PALETTE[PALETTE.length - 1], base = l.packed.styles[0] || {};
  const legend = top.map(function (v) { return ["dot", colourOf[v], v + " (" + counts[v] + ")"]; });
  if (values.length > top.length) legend.push(["dot", other, t("colour.other", {count: values.length - top.length})]);
  ctx.colourBy[name] = {field: field, legend: legend};
  l.restyle(function (j) {
    const v = valueOf(j), c = own.call(colourOf, v) ? colourOf[v] : other;
    return {color: c, fillColor: c, fillOpacity: 0.55, weight: base.weight || 2, radius: base.radius || 5};
  });
}

/* A column of numbers, bare or all with the same unit ("50 km", "12.5 km"), with more distinct
   values than a few categories: {values (null where blank), unit}; null otherwise. */
function numbersOf(l, field) {
  const column = l.packed.column(field), values = [], distinct = {};
  let unit = null;
  for (let i = 0; i < l.size(); i++) {
    const raw = l.packed.value(column, i);
    if (raw === null || raw === "") { values.push(null); continue; }
    let n, u = "";
    if (typeof raw === "number") n = raw;
    else {
      const m = NUMBER_WITH_UNIT.exec(String(raw));
      if (!m) return null;
      n = Number(m[1]); u = m[2];
    }
    if (!isFinite(n)) return null;
    if (unit === null) unit = u;
    else if (unit !== u) return null;  // mixed units: categories, not one scale
    values.push(n);
    distinct[n] = true;
  }
  if (Object.keys(distinct).length <= RAMP.length) return null;  // a few values: categories
  return {values: values, unit: unit || ""};
}

/* RAMP.length classes of about as many features each (quantiles), the legend giving each
   class's range in its unit. */
function colourByNumber(l, name, field, numbers) {
  const sorted = numbers.values.filter(function (v) { return v !== null; }).sort(function (a, b) { return a - b; });
  const breaks = [];
  for (let k = 1; k < RAMP.length; k++) breaks.push(sorted[Math.floor(k * sorted.length / RAMP.length)]);
  function classOf(v) {
    let c = 0;
    while (c < breaks.length && v >= breaks[c]) c++;
    return c;
  }
  const counts = RAMP.map(function () { return 0; });
  let blank = 0;
  numbers.values.forEach(function (v) { if (v === null) blank++; else counts[classOf(v)]++; });
  const unit = numbers.unit ? " " + numbers.unit : "";
  const fmt = function (v) { return geoI18n.number(Number(v.toPrecision(4))); };
  const legend = [];
  RAMP.forEach(function (colour, c) {
    if (!counts[c]) return;
    const lo = c === 0 ? sorted[0] : breaks[c - 1];
    const hi = c === breaks.length ? sorted[sorted.length - 1] : breaks[c];
    const range = c === breaks.length ? fmt(lo) + "–" + fmt(hi) : t("colour.under", {low: fmt(lo), high: fmt(hi)});
    legend.push(["dot", colour, range + unit + " (" + counts[c] + ")"]);
  });
  if (blank) legend.push(["dot", "#bdbdbd", "(blank) (" + blank + ")"]);
  ctx.colourBy[name] = {field: field, legend: legend};
  const base = l.packed.styles[0] || {};
  l.restyle(function (j) {
    const v = numbers.values[j], c = v === null ? "#bdbdbd" : RAMP[classOf(v)];
    return {color: c, fillColor: c, fillOpacity: 0.7, weight: base.weight || 2, radius: base.radius || 5};
  });
}
