/* The event list of the top bar: every event by date, in the page's language, those outside
   the dates shown greyed; choosing one chooses the event on the map. */
import {ctx} from "geo-explorer/context.js";
import {esc, events, isVersion, t} from "geo-explorer/features.js";
import {dayAt} from "geo-explorer/layertimes.js";
import {choose, clearChoice} from "geo-explorer/choice.js";

export function eventSelect() {
  const select = document.createElement("select");
  select.className = "geo-event";
  select.setAttribute("aria-label", t("top.event"));
  select.addEventListener("change", function () {
    const ev = events(), id = select.value;
    if (!id) clearChoice(); else if (ev) choose(ev.name, ev.indexOf(id), "list");
  });
  ctx.el.eventSelect = select;
  return select;
}

export function refreshEventList() {
  const ev = events(), select = ctx.el.eventSelect, state = ctx.state;
  if (!ev || !select) return;
  const times = ctx.times[ev.name] || [], rows = [];
  for (let i = 0; i < ev.size(); i++) {
    if (isVersion(ev, i) && ev.id(i) !== state.event) continue;
    rows.push({i: i, t: times[i] ? times[i].t : 0, id: ev.id(i), shown: !!ev.shown[i]});
  }
  rows.sort(function (a, b) { return a.t - b.t; });
  const html = ['<option value="">' + esc(t("top.choose_event")) + "</option>"];
  rows.forEach(function (row) {
    const at = times[row.i];
    const named = geoI18n.name(ev.packed.get(row.i, "names"), ev.packed.get(row.i, "name") || row.id);
    // the name is the record's (data, as the page marks names elsewhere), the date its form
    html.push('<option value="' + esc(row.id) + '" translate="no"' + (row.shown ? "" : " disabled") +
              (named.fallback ? ' lang="en" title="' + esc(t("name.fallback")) + '"' : "") + ">" +
              esc((at ? dayAt(at) : "") + "  " + named.text) + "</option>");
  });
  select.innerHTML = html.join("");
  select.value = state.event && ev.indexOf(state.event) >= 0 ? state.event : "";
}
