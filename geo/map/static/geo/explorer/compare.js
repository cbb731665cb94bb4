/* The notice comparison in the side panel: how a pasted warning's areas overlap the catalogue's
   and how far they lie from the pads (the app computes it; geo/analysis). */
import {esc, own, t} from "geo-explorer/features.js";

/* A table of a name column and number columns: heads, rows of [name, number, number…]. */
function compareTable(heads, rows) {
  return '<table class="geo-compare"><tr>' + heads.map(function (h) { return "<th>" + esc(h) + "</th>"; }).join("") +
    "</tr>" + rows.map(function (row) {
      return '<tr><td translate="no">' + esc(row[0]) + "</td>" + row.slice(1).map(function (v) {
        return '<td class="num">' + esc(v) + "</td>";
      }).join("") + "</tr>";
    }).join("") + "</table>";
}

export function compareHtml(data) {
  const out = ["<h3>" + esc(t("compare.title")) + "</h3>"];
  let best = data.best ? esc(data.best) : "";
  const said = data.best_message;
  if (said) {  // the event's name is data, within the message
    const params = {};
    Object.keys(said.params || {}).forEach(function (k) {
      params[k] = k === "event" ? '<span translate="no">' + esc(said.params[k]) + "</span>" : esc(said.params[k]);
    });
    best = esc(t(said.key)).replace(/\{(\w+)\}/g, function (whole, k) { return own.call(params, k) ? params[k] : whole; });
  }
  if (best) out.push("<p>" + best + "</p>");
  (data.areas || []).forEach(function (area) {
    out.push('<p><b translate="no">' + esc(area.name) + "</b> · " + esc(area.area) + "</p>");
    const overlaps = area.overlaps || [], pads = area.pads || [];
    out.push(overlaps.length ? compareTable([t("compare.overlaps"), t("compare.share"), t("compare.iou")],
                                            overlaps.map(function (o) { return [o.name, o.share, o.iou]; }))
      : '<p class="geo-hint">' + esc(t("compare.none")) + "</p>");
    if (pads.length) {
      out.push(compareTable([t("compare.from"), t("compare.distance"), t("compare.bearing")], pads.map(function (p) {
        return [p.name, p.distance, p.bearing];
      })));
    }
  });
  return out.join("");
}
