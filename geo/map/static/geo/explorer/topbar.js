/* The top bar: the title, the event list, the search, the dates shown, and the buttons (the
   app's tools, downloads, the link, the side panel, full screen, the language). */
import {ctx} from "geo-explorer/context.js";
import {isWhole, shownRange} from "geo-explorer/state.js";
import {button, esc, onOutsideClick, t} from "geo-explorer/features.js";
import {madeDay} from "geo-explorer/layertimes.js";
import {eventSelect} from "geo-explorer/eventlist.js";
import {searchBox} from "geo-explorer/searchbox.js";
import {downloadMenu} from "geo-explorer/downloads.js";
import {showSide} from "geo-explorer/side.js";
import {languageSwitch} from "geo-explorer/language.js";
import {setRange} from "geo-explorer/timebar.js";

export function buildTop() {
  const top = ctx.el.top, options = ctx.options;
  top.innerHTML = "";
  const title = document.createElement("div");
  title.className = "geo-title";
  const ownTitle = options.title !== options.defaultTitle;  // a user's title is theirs
  title.innerHTML = (ownTitle ? '<span translate="no">' + esc(options.title) + "</span>" : esc(t("page.title"))) +
    (options.made ? "<small>" + esc(t("top.made", {date: madeDay()})) + "</small>" : "");
  top.appendChild(title);
  top.appendChild(eventSelect());
  ctx.el.search = searchBox();
  top.appendChild(ctx.el.search);
  ctx.el.dates = document.createElement("span");
  ctx.el.dates.className = "geo-dates";
  top.appendChild(ctx.el.dates);
  const spacer = document.createElement("span");
  spacer.className = "geo-spacer";
  top.appendChild(spacer);
  if (geoHost.embedded && geoHost.sidebarButton()) {
    top.appendChild(button(geoHost.narrow() ? t("top.data_short") : t("top.data"), t("top.data_title"),
      function () { const b = geoHost.sidebarButton(); if (b) b.click(); }));
  }
  if (options.download) {
    ctx.el.download = menu(t("top.download"), t("top.download_title"), downloadMenu);
    top.appendChild(ctx.el.download);
  }
  top.appendChild(button(geoHost.narrow() ? t("top.link_short") : t("top.link"), t("top.link_title"), copyLink));
  ctx.el.sideButton = button(t("top.details"), t("top.details_title"), function () {
    showSide(document.body.classList.contains("geo-side-closed"));
  });
  ctx.el.sideButton.classList.add("geo-wide-only");
  top.appendChild(ctx.el.sideButton);
  const full = button(t("top.full"), t("top.full_title"), fullscreen);
  full.classList.add("geo-wide-only");
  top.appendChild(full);
  top.appendChild(languageSwitch());
}

/* A button that opens a list, filled by fill(list) each time it opens. */
function menu(text, title, fill) {
  const box = document.createElement("span"), list = document.createElement("div");
  box.className = "geo-menu";
  list.className = "geo-menu-list";
  list.hidden = true;
  const b = button(text + " ▾", title, function (e) {
    e.stopPropagation();
    if (list.hidden) fill(list);
    list.hidden = !list.hidden;
  });
  onOutsideClick(box, function () { list.hidden = true; });
  list.addEventListener("click", function (e) {  // a download started: the menu closes
    if (e.target.tagName === "A") setTimeout(function () { list.hidden = true; }, 0);
  });
  box.appendChild(b);
  box.appendChild(list);
  return box;
}

/* The dates shown, with a button back to all of them when they are narrowed. */
export function refreshDates() {
  const range = shownRange(ctx.state, ctx.extent), dates = ctx.el.dates;
  if (!dates) return;
  dates.innerHTML = '<span class="geo-dates-text">' + esc(geoI18n.day(range[0]) + " – " +
    geoI18n.day(range[1])) + "</span>" +
    (isWhole(ctx.state, ctx.extent) ? "" : ' <button type="button" data-act="all" title="' +
     esc(t("dates.all_title")) + '">' + esc(t("dates.all")) + "</button>");
  const all = dates.querySelector("button");
  if (all) all.addEventListener("click", function () { setRange(null, null); });
}

function copyLink(e) {
  const text = geoHost.link(), target = e && e.currentTarget;
  function done() {  // say so on the button for a moment
    if (!target) return;
    const label = target.textContent;
    target.textContent = t("top.copied");
    setTimeout(function () { target.textContent = label; }, 1500);
  }
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text).then(done, function () { window.prompt(t("top.link_prompt"), text); });
  } else {
    window.prompt(t("top.link_prompt"), text);
  }
}

function fullscreen() {
  const doc = document, root = doc.documentElement;
  if (doc.fullscreenElement) doc.exitFullscreen();
  else if (root.requestFullscreen) root.requestFullscreen();
}
