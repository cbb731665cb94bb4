/* The side panel: the chosen feature in full (its card, the parts of its event), the notice
   comparison, and what the map is made of with every source of what it shows. */
import {ctx} from "geo-explorer/context.js";
import {esc, isOn, layer, layers, nameHtml, t, titleHtml} from "geo-explorer/features.js";
import {madeDay} from "geo-explorer/layertimes.js";
import {focusSet} from "geo-explorer/focus.js";
import {renderPopup} from "geo-explorer/cards.js";
import {compareHtml} from "geo-explorer/compare.js";
import {clearChoice, showDetail} from "geo-explorer/choice.js";

export function showSide(open, scroll) {
  document.body.classList.toggle("geo-side-closed", !open);
  if (ctx.el.sideButton) ctx.el.sideButton.setAttribute("aria-pressed", open ? "true" : "false");
  ctx.map.invalidateSize({animate: false});
  geoHost.resize();
  if (scroll && document.body.classList.contains("geo-narrow")) ctx.el.side.scrollIntoView({behavior: "smooth"});
}

export function renderSide() {
  const parts = [], state = ctx.state, detail = state.detail, l = detail ? layer(detail.layer) : null;
  if (l && detail.index < l.size()) {
    parts.push("<h3>" + titleHtml(l) + "</h3>");
    parts.push(renderPopup(l, detail.index, false));
    if (state.event) parts.push(eventParts(detail));
    parts.push('<p><button type="button" data-act="clear">' + esc(t("side.clear")) + "</button></p>");
  } else {
    parts.push("<h3>" + esc(t("side.details")) + '</h3><p class="geo-hint">' + esc(t("side.hint")) + "</p>");
  }
  if (ctx.compare) parts.push(compareHtml(ctx.compare));
  parts.push(aboutHtml());
  ctx.el.side.innerHTML = parts.join("");
}

/* What belongs to the chosen event, each a link that shows its details. */
function eventParts(detail) {
  const set = focusSet(ctx.state.event), items = [];
  Object.keys(set).forEach(function (name) {
    set[name].forEach(function (i) {
      if (name === detail.layer && i === detail.index) return;
      items.push('<li><button type="button" data-layer="' + esc(name) + '" data-index="' + i + '">' +
                 nameHtml(layer(name), i) + "</button></li>");
    });
  });
  return items.length ? "<h3>" + esc(t("side.parts")) + "</h3><ul class=\"geo-linklist\">" +
    items.join("") + "</ul>" : "";
}

function aboutHtml() {
  const made = ctx.options.made ? t("about.made", {date: madeDay()}) + " " : "";
  // a page that stands alone lists its sources open; in the app they unfold on demand
  return "<h3>" + esc(t("about.title")) + '</h3><p class="geo-hint">' + esc(made + t("about.text")) + "</p>" +
    '<details class="geo-all-sources"' + (ctx.options.made ? " open" : "") + "><summary>" +
    esc(t("about.sources")) + "</summary>" + (ctx.options.made ? sourcesHtml() : "") + "</details>";
}

/* The distinct sources of every feature shown, by date. */
function sourcesHtml() {
  const lists = [];
  layers().forEach(function (l) {
    if (!isOn(l) || !l.packed.column("sources")) return;
    for (let i = 0; i < l.size(); i++) if (l.shown[i]) lists.push(l.packed.get(i, "sources"));
  });
  const items = geoPopups.sourceItems(lists);
  return items.length ? '<ol translate="no">' + items.join("") + "</ol>" :
    '<p class="geo-hint">' + esc(t("about.no_sources")) + "</p>";
}

/* The list of sources again, if it is open (what is shown changed). */
export function refreshSources() {
  const box = ctx.el.side && ctx.el.side.querySelector(".geo-all-sources");
  if (!box || !box.open) return;
  const summary = box.querySelector("summary");
  while (summary.nextSibling) box.removeChild(summary.nextSibling);
  box.insertAdjacentHTML("beforeend", sourcesHtml());
}

/* Opens the sources' list for printing; true if it was closed. */
export function openSources() {
  const box = ctx.el.side && ctx.el.side.querySelector(".geo-all-sources");
  if (!box || box.open) return false;
  box.open = true;
  refreshSources();
  return true;
}

function onSideClick(e) {
  const target = e.target.closest ? e.target.closest("button") : null;
  if (!target) return;
  if (target.getAttribute("data-act") === "clear") { clearChoice(); return; }
  const name = target.getAttribute("data-layer");
  if (name) showDetail(name, Number(target.getAttribute("data-index")), true);
}

/* The panel's own events: its buttons, and its list of sources filled when it opens. */
export function listenSide() {
  ctx.el.side.addEventListener("click", onSideClick);
  ctx.el.side.addEventListener("toggle", refreshSources, true);  // toggle does not bubble
}
