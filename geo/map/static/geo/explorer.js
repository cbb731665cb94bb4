/* The explorer: everything a user does on the map happens here, in the page, without asking
   the server: the date range, the layers, the chosen event, hover, click, playback. The state
   is one object; every view of it (map, layer control, event list, timeline, side panel,
   URL) is redrawn from it. The server is only asked for what only it can give: the layers a
   user added in the app's sidebar (fetched when the app says they changed) and downloads. */
var geoExplorer = (function () {
  "use strict";
  var own = Object.prototype.hasOwnProperty;
  var DAY = 864e5;
  var PLAY_MS = 20000;  // the whole range plays in this long
  var URL_KEYS = ["event", "feature", "from", "to", "layers", "lat", "lon", "z", "lang"];
  var PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                 "#17becf", "#bcbd22", "#7f7f7f"];

  var map, options, tiles = {};
  var state = {start: null, end: null, visible: {}, event: null, detail: null, play: null};
  var times = {};  // layer name -> [{t, t1, precision} or null, ...] by feature (first time field)
  var windows = {};  // layer name -> [[from, to] or null, ...] for layers with two time fields
  var extent = [0, 1];
  var el = {};  // the page's parts
  var timeline = null;
  var control = null;
  var token = null, userVersion = null, compare = null;
  var colourBy = {};  // user layer -> column it is coloured by
  var urlTimer = null, framePending = false, playFrame = null;
  var ready = false;
  var picker = null;  // the open list of stacked features, if any
  var card = null;  // the open card, if any
  var lastLanguage = "en";

  function esc(text) { return geoPopups.esc(text); }
  function t(key, params) { return geoI18n.t(key, params); }
  function tn(key, count, params) { return geoI18n.n(key, count, params); }
  /* A layer's title in the page's language: the registry's, or a user layer's own label in
     its namespace's title ("Imported: {}"). */
  function titleOf(l) {
    var title = spec(l).title || l.name, pattern = (options.userTitles || {})[spec(l).namespace];
    if (isBuiltin(l) || !pattern) return geoI18n.text(title);
    var head = pattern.split("{}")[0];
    return title.indexOf(head) === 0 ? geoI18n.text(pattern).replace("{}", title.slice(head.length)) : title;
  }
  /* The same as HTML, a user layer's own label (a file's name) marked as data. */
  function titleHtml(l) {
    var title = spec(l).title || l.name, pattern = (options.userTitles || {})[spec(l).namespace];
    // in English the title stays one text, as it always was (the layer control's readers rely on it)
    if (isBuiltin(l) || !pattern || geoI18n.language() === "en") return esc(titleOf(l));
    var head = pattern.split("{}")[0];
    if (title.indexOf(head) !== 0) return '<span translate="no">' + esc(title) + "</span>";
    return esc(geoI18n.text(pattern)).replace("{}", '<span translate="no">' + esc(title.slice(head.length)) + "</span>");
  }
  /* A feature's name in the page's language (its English one where it has no other). */
  function nameOf(l, i) {
    return geoI18n.name(l.packed.get(i, "names"), l.packed.get(i, "name") || l.id(i)).text;
  }
  function nameHtml(l, i) {
    return geoI18n.nameHtml(l.packed.get(i, "names"), l.packed.get(i, "name") || l.id(i), esc);
  }
  /* A UTC date at its recorded precision, as lists show it (ISO in English). */
  function dayAt(time) {
    if (geoI18n.language() === "en") return geoTimeline.isoAt(time);
    var fields = {timeZone: "UTC", year: "numeric"};
    if (time.precision !== "year") fields.month = "2-digit";
    if (time.precision !== "year" && time.precision !== "month") fields.day = "2-digit";
    return new Intl.DateTimeFormat(geoI18n.language(), fields).format(new Date(time.t));
  }
  function layers() { return geoFeatureLayer.layers(); }
  function layer(name) { return geoFeatureLayer.byName(name); }
  function spec(l) { return l.spec || {}; }
  function isBuiltin(l) { return spec(l).namespace === "builtin"; }
  /* Another source's account of a record: drawn on the map, listed once under its first account. */
  function isVersion(l, i) { var f = spec(l).versionOf; return !!(f && l.packed.get(i, f)); }
  function events() { return layer(options.eventLayer); }

  /* --- times -------------------------------------------------------------------------- */

  /* A window given by dates alone ("2023-05-31", often a local date: Japan's notices) may
     start and end at any hour of those days wherever they are reckoned: from UTC-12 to UTC+14.
     A window with a time keeps it. */
  var EAST_MS = 14 * 3600000, WEST_MS = 12 * 3600000;
  function timed(time) { return time.precision === "minute" || time.precision === "second"; }
  function earliest(time) { return timed(time) ? time.t : time.t - EAST_MS; }
  function latest(time) { return timed(time) ? time.t1 : time.t1 + WEST_MS; }

  function indexTimes(l) {
    var fields = spec(l).timeFields || [];
    times[l.name] = null;
    windows[l.name] = null;
    if (!fields.length) return;
    var first = [], spans = fields.length > 1 ? [] : null;
    for (var i = 0; i < l.size(); i++) {
      first.push(geoTimeline.parseTime(l.packed.get(i, fields[0])));
      if (spans) {
        var a = first[i], b = geoTimeline.parseTime(l.packed.get(i, fields[1]));
        spans.push(a ? [earliest(a), latest(b || a)] : null);
      }
    }
    times[l.name] = first;
    windows[l.name] = spans;
  }

  function computeExtent() {
    var lo = Infinity, hi = -Infinity;
    layers().forEach(function (l) {
      if (spec(l).follows && spec(l).follows.length) return;
      (times[l.name] || []).forEach(function (t) {
        if (!t) return;
        if (t.t < lo) lo = t.t;
        if (t.t1 > hi) hi = t.t1;
      });
    });
    if (lo === Infinity) { lo = Date.UTC(1998, 0, 1); hi = Date.UTC(2025, 0, 1); }
    extent = [lo, hi];
  }

  function dayStart(t) { var d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()); }

  /* The time a feature is drawn at and named by: its own, or that of the feature it follows. */
  function timeOf(l, i) {
    var own_ = times[l.name] && times[l.name][i];
    if (own_) return own_;
    var follows = spec(l).follows;
    if (follows && follows.length) {
      var leader = layer(follows[0]), j = leader ? leader.indexOf(l.packed.get(i, follows[1])) : -1;
      if (j >= 0) return times[leader.name] && times[leader.name][j];
    }
    return null;
  }

  /* --- what is shown ------------------------------------------------------------------ */

  function inRange(t) {
    if (!t) return true;  // undated features are always shown
    var low = state.start === null || state.start <= extent[0] ? null : state.start;
    var high = state.end === null || state.end >= extent[1] ? null : state.end;
    return (low === null || t.t >= low) && (high === null || t.t <= high);
  }

  function filterMask(l) {
    var n = l.size(), mask = new Uint8Array(n), list = times[l.name];
    for (var i = 0; i < n; i++) {
      var t = list ? list[i] : null;
      mask[i] = inRange(t) && (state.play === null || !t || t.t <= state.play) ? 1 : 0;
    }
    return mask;
  }

  function followerMask(l, leaderShown, leaderInRange) {
    var follows = spec(l).follows, leader = layer(follows[0]), n = l.size();
    var mask = new Uint8Array(n), spans = windows[l.name];
    for (var i = 0; i < n; i++) {
      var j = leader ? leader.indexOf(l.packed.get(i, follows[1])) : -1;
      if (j < 0) { mask[i] = 1; continue; }
      if (state.play !== null && spans && spans[i]) {  // playback: a zone during its window
        mask[i] = leaderInRange[j] && spans[i][0] <= state.play && state.play <= spans[i][1] ? 1 : 0;
      } else {
        mask[i] = leaderShown[j];
      }
    }
    return mask;
  }

  function applyFilter() {
    var shownBy = {}, rangeBy = {};
    layers().forEach(function (l) {
      if (spec(l).follows && spec(l).follows.length) return;
      shownBy[l.name] = filterMask(l);
      if (state.play !== null) {
        var saved = state.play;
        state.play = null;
        rangeBy[l.name] = filterMask(l);
        state.play = saved;
      } else {
        rangeBy[l.name] = shownBy[l.name];
      }
    });
    layers().forEach(function (l) {
      var follows = spec(l).follows;
      if (follows && follows.length) {
        var lead = follows[0];
        shownBy[l.name] = shownBy[lead] ? followerMask(l, shownBy[lead], rangeBy[lead])
          : new Uint8Array(l.size()).fill(1);
      }
      var mask = shownBy[l.name];
      if (!sameMask(mask, l.shown)) l.setShown(mask);
    });
    refreshCounts();
    if (timeline) timeline.setShown(function (item) { return shownFeature(item.layer, item.index); });
    refreshEventList();
    refreshSources();
    drawPointers();
    drawLabels();
    showSatellites();
  }

  function sameMask(a, b) {
    if (!b || a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  function shownFeature(name, i) {
    var l = layer(name);
    return !!l && !!l.shown[i] && map.hasLayer(l.group);
  }

  /* --- the chosen event and feature ------------------------------------------------- */

  /* The features that belong to an event: it, its site, and what follows it in every layer. */
  function focusSet(eventId) {
    var set = {}, ev = events(), i = ev ? ev.indexOf(eventId) : -1;
    if (i < 0) return set;
    set[ev.name] = [i];
    var site = ev.packed.get(i, "site_id"), sites = layer(options.siteLayer);
    if (site && sites && sites.indexOf(site) >= 0) set[sites.name] = [sites.indexOf(site)];
    layers().forEach(function (l) {
      var follows = spec(l).follows;
      if (!follows || follows[0] !== ev.name) return;
      var column = l.packed.column(follows[1]);
      if (!column) return;
      for (var j = 0; j < l.size(); j++) {
        if (l.packed.value(column, j) === eventId) (set[l.name] = set[l.name] || []).push(j);
      }
    });
    return set;
  }

  function applyEmphasis() {
    var set = state.event ? focusSet(state.event) : {}, fade = !!state.event;
    if (!fade && state.detail) set[state.detail.layer] = [state.detail.index];
    layers().forEach(function (l) {
      var emphasis = new Uint8Array(l.size());
      if (fade) emphasis.fill(1);
      (set[l.name] || []).forEach(function (i) { emphasis[i] = 2; });
      if (state.detail && state.detail.layer === l.name && !fade) emphasis[state.detail.index] = 2;
      l.setEmphasis(emphasis);
    });
  }

  function boundsOfSet(set) {
    var bounds = null;
    Object.keys(set).forEach(function (name) {
      var b = layer(name).boundsOf(set[name]);
      if (b) bounds = bounds ? bounds.extend(b) : b;
    });
    return bounds;
  }

  function fitTo(bounds, maxZoom, padTop) {
    if (!bounds) return;
    var size = map.getSize();
    var pad = Math.min(60, Math.max(16, Math.round(Math.min(size.x, size.y) / 10)));
    var top = pad + (padTop && size.y > 3 * padTop ? padTop : 0);
    if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
      map.setView(bounds.getCenter(), Math.max(map.getZoom(), 8), {animate: false});
    } else {
      // an open legend covers the map's right side: fit what is left of it
      var covered = control && control.box.classList.contains("open") ? control.box.offsetWidth : 0;
      if (covered > size.x / 2) covered = 0;
      map.fitBounds(bounds, {paddingTopLeft: [pad, top], paddingBottomRight: [pad + covered, pad],
                             maxZoom: maxZoom || 10, animate: false});
    }
  }

  /* "Zoom to" on a card: that feature alone, filling a good part of the map (a point: zoom 10). */
  function zoomToFeature(name, i) {
    var l = layer(name), b = l && l.boundsOf([i]);
    if (!b) return;
    if (b.getNorthEast().equals(b.getSouthWest())) map.setView(b.getCenter(), 10, {animate: false});
    else fitTo(b, 13);
  }

  /* An event's view: its pad and what lies near it at a readable zoom; the parts far away
     (a second-stage area 2,000 km off, the whole of a flight path) are pointed to from the
     edge of the map, with their distance, rather than shrinking the view to the ocean. */
  var NEAR_KM = 900;
  function eventView(eventId) {
    var set = focusSet(eventId), ev = events(), i = ev.indexOf(eventId);
    var origin = ev.anchorOf(i), near = {}, far = [];
    Object.keys(set).forEach(function (name) {
      var l = layer(name);
      set[name].forEach(function (j) {
        var b = l.boundsOf([j]);
        if (!b || !origin) return;
        var reach = Math.max(origin.distanceTo(b.getSouthWest()), origin.distanceTo(b.getNorthEast()),
                             origin.distanceTo(L.latLng(b.getSouth(), b.getEast())),
                             origin.distanceTo(L.latLng(b.getNorth(), b.getWest()))) / 1000;
        if (reach <= NEAR_KM) (near[name] = near[name] || []).push(j);
        else far.push({layer: name, index: j, bounds: b});
      });
    });
    return {bounds: boundsOfSet(near) || boundsOfSet(set), far: far};
  }

  function showEvent(eventId) {
    var view = eventView(eventId);
    fitTo(view.bounds, 9, 150);  // room above for the card, which opens over the event's place
    pointers = view.far;
    drawPointers();
  }

  /* --- place labels: sites, cities, seas; drawn by zoom, never over each other ------------- */

  var SITE_LABELS = {launch_site: [0, 5], city: [1, 4], control_center: [3, 9], border_station: [3, 7],
                     launch_pad: [4, 12]};  // kind: [priority, from zoom]
  // as explorer.css draws them (.geo-label, .geo-label-site, .geo-label-sea)
  var CJK = ", \"Noto Sans KR\", \"Noto Sans JP\", \"Noto Sans SC\", sans-serif";
  var LABEL_FONT = "12px system-ui" + CJK, SITE_FONT = "600 12px system-ui" + CJK,
    SEA_FONT = "italic 13px system-ui" + CJK;

  function labelCandidates() {
    var z = map.getZoom(), out = [], sites = layer(options.siteLayer), taken = [];
    if (sites && map.hasLayer(sites.group)) {
      for (var i = 0; i < sites.size(); i++) {
        var rule = SITE_LABELS[sites.packed.get(i, "kind")];
        if (!rule || z < rule[1] || !sites.shown[i]) continue;
        var at = sites.anchorOf(i);
        if (!at) continue;
        taken.push(at);
        var siteName = geoI18n.name(sites.packed.get(i, "names"), sites.packed.get(i, "name") || sites.id(i));
        out.push({lines: [siteName.text], fallback: siteName.fallback, latlng: at, priority: rule[0],
                  kind: "site", id: sites.id(i)});
      }
    }
    (options.places || []).forEach(function (place, k) {
      if (z < place.zoom) return;
      var at = L.latLng(place.lat, place.lon);
      // a city the sites layer already names is not named twice
      if (place.kind === "city" && taken.some(function (t) { return t.distanceTo(at) < 30000; })) return;
      var sea = place.kind !== "city", other = place.names && place.names.en_other;
      // two names in use: both, the second on a line of its own (Yellow Sea / West Sea)
      var local = geoI18n.name(place.names, place.name);
      var lines = !local.fallback && geoI18n.language() !== "en" ? [local.text]
        : other ? [place.name.split(" / ")[0], other] : [place.name];
      out.push({lines: lines, fallback: local.fallback, latlng: at, priority: sea ? 0.5 : 2 + k / 1000,
                kind: sea ? "sea" : "place",
                id: place.id});
    });
    out.sort(function (a, b) { return a.priority - b.priority; });
    return out;
  }

  function drawLabels() {
    var pane = el.labels;
    if (!pane || !map) return;
    var size = map.getSize(), candidates = labelCandidates().map(function (c) {
      var p = map.latLngToContainerPoint(c.latlng);
      var font = c.kind === "sea" ? SEA_FONT : c.kind === "site" ? SITE_FONT : LABEL_FONT;
      var w = Math.max.apply(null, c.lines.map(function (line) { return geoLabels.width(line, font); }));
      return {lines: c.lines, x: p.x, y: p.y, w: w, h: (c.kind === "sea" ? 16 : 14) * c.lines.length,
              centred: c.kind === "sea", kind: c.kind, id: c.id, fallback: c.fallback};
    });
    var mapBox = map.getContainer().getBoundingClientRect(), obstacles = [];
    Array.prototype.forEach.call(map.getContainer().querySelectorAll(".leaflet-control"), function (node) {
      var b = node.getBoundingClientRect();
      if (b.width && b.height) obstacles.push({left: b.left - mapBox.left, top: b.top - mapBox.top,
                                               right: b.right - mapBox.left, bottom: b.bottom - mapBox.top});
    });
    var sites = layer(options.siteLayer);  // no label over a site's dot
    if (sites && map.hasLayer(sites.group)) {
      for (var i = 0; i < sites.size(); i++) {
        var at = sites.shown[i] && sites.anchorOf(i), p = at && map.latLngToContainerPoint(at);
        if (p) obstacles.push({left: p.x - 7, top: p.y - 7, right: p.x + 7, bottom: p.y + 7, site: sites.id(i),
                               cx: p.x, cy: p.y});
      }
    }
    pane.innerHTML = geoLabels.layout(candidates, size.x, size.y, obstacles).map(function (placed) {
      var c = placed.label, at = map.containerPointToLayerPoint([placed.box.x, placed.box.y]);
      var data = c.fallback ? ' translate="no" lang="en"' : ' translate="no"';  // names: data
      return '<span class="geo-label geo-label-' + c.kind + '"' + data + ' data-id="' + esc(c.id) + '" style="left:' +
        Math.round(at.x) + "px;top:" + Math.round(at.y) + 'px">' +
        c.lines.map(esc).join("<br>") + "</span>";
    }).join("");
  }

  /* A point of the map moved sideways out of the controls (legend, buttons) it falls in. */
  function clearOfControls(at) {
    var mapBox = map.getContainer().getBoundingClientRect(), size = map.getSize();
    Array.prototype.forEach.call(map.getContainer().querySelectorAll(".leaflet-control"), function (node) {
      var b = node.getBoundingClientRect(), left = b.left - mapBox.left - 24, right = b.right - mapBox.left + 24;
      if (!b.width || at.y < b.top - mapBox.top - 16 || at.y > b.bottom - mapBox.top + 16) return;
      if (at.x > left && at.x < right) at = L.point(right < size.x / 2 ? right + 90 : left - 90, at.y);
    });
    return at;
  }

  var pointers = [];
  /* Arrows at the map's edge towards the chosen event's parts that are out of view. */
  function drawPointers() {
    var pane = el.pointers;
    if (!pane) return;
    pane.innerHTML = "";
    if (!state.event || !pointers.length) return;
    var size = map.getSize(), view = map.getBounds(), centre = L.point(size.x / 2, size.y / 2);
    var margin = 34, placed = [];
    pointers.forEach(function (p) {
      var l = layer(p.layer);
      if (!l || !map.hasLayer(l.group) || !l.shown[p.index] || view.intersects(p.bounds)) return;
      var target = map.latLngToContainerPoint(l.anchorOf(p.index) || p.bounds.getCenter());
      var dx = target.x - centre.x, dy = target.y - centre.y;
      var scale = Math.min(Math.abs((size.x / 2 - margin) / (dx || 1e-9)), Math.abs((size.y / 2 - margin) / (dy || 1e-9)));
      var at = clearOfControls(L.point(centre.x + dx * scale, centre.y + dy * scale));
      if (placed.some(function (q) { return q.distanceTo(at) < 40; })) return;
      placed.push(at);
      var km = map.getCenter().distanceTo(l.anchorOf(p.index) || p.bounds.getCenter()) / 1000;
      var name = nameOf(l, p.index), distance = geoI18n.number(Math.round(km));
      var node = document.createElement("button");
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

  function home() { return options.home ? L.latLngBounds(options.home) : allBounds(); }

  /* Choose feature i of a layer. how: "map" (a click: the view stays), "list", "timeline",
     "panel" or "link" (the view moves to the event and all that belongs to it). */
  function choose(name, i, how, latlng) {
    var l = layer(name);
    if (!l || i < 0 || i >= l.size()) return;
    var ev = events(), follows = spec(l).follows;
    if (ev && name === ev.name) state.event = l.id(i);
    else if (follows && ev && follows[0] === ev.name && ev.indexOf(l.packed.get(i, follows[1])) >= 0) {
      state.event = l.packed.get(i, follows[1]);
    } else state.event = null;
    state.detail = {layer: name, index: i, id: l.id(i)};
    applyEmphasis();
    renderSide();
    refreshEventList();
    if (timeline) timeline.setChosen(state.event ? options.eventLayer + ":" + state.event : name + ":" + l.id(i));
    if (how !== "map") {
      if (state.event) showEvent(state.event);
      else zoomToFeature(name, i);
    }
    if (!state.event) { pointers = []; drawPointers(); }
    if (el.side) el.side.scrollTop = 0;  // a new choice is read from its top
    if (how !== "link") openCard(name, i, latlng || l.anchorOf(i));
    if (how !== "map" && how !== "link") cardIntoView();
    writeUrl();
  }

  function clearChoice() {
    state.event = null;
    state.detail = null;
    pointers = [];
    drawPointers();
    map.closePopup();
    applyEmphasis();
    renderSide();
    refreshEventList();
    if (timeline) timeline.setChosen(null);
    writeUrl();
  }

  /* --- popups: a short card, or a list where features are stacked ---------------------- */

  function context(l, i) {
    return {related: geoFeatureLayer.related, rows: l.packed.rows(i)};
  }

  /* A feature's popup in the page's language: the registry's labels and the kinds, outcomes…
     of its choice fields translated, its name the one of the language where it has one. */
  function renderPopup(l, i, asCard) {
    var popup = spec(l).popup, props = l.props(i), fallback = false;
    if (geoI18n.language() !== "en") {
      popup = localPopup(popup);
      props = localProps(props);
      fallback = popup.title === "name" && geoI18n.name(props.names, props.name).fallback;
    }
    var html = geoPopups.render(popup, props, context(l, i), asCard);
    // a name shown in English for want of one in the page's language: marked as such
    return fallback ? html.replace("<h4>", '<h4 lang="en" class="geo-fallback" title="' + esc(t("name.fallback")) + '">')
      : html;
  }

  function localPopup(popup) {
    function copy(item) { var out = {}; Object.keys(item).forEach(function (k) { out[k] = item[k]; }); return out; }
    return {title: popup.title,
            rows: popup.rows.map(function (r) {
              var out = copy(r);
              out.label = geoI18n.text(r.label);
              out.hide = r.hide.map(function (v) { return geoI18n.word(v) || v; });
              return out;
            }),
            blocks: popup.blocks.map(function (b) {
              var out = copy(b), labels = {};
              if (b.label) out.label = geoI18n.text(b.label);
              if (b.text) out.text = geoI18n.text(b.text);
              Object.keys(b.labels || {}).forEach(function (k) { labels[k] = geoI18n.text(b.labels[k]); });
              if (b.labels) out.labels = labels;
              return out;
            })};
  }

  function localProps(props) {
    var out = {};
    Object.keys(props).forEach(function (k) { out[k] = props[k]; });
    (options.choiceFields || []).forEach(function (field) {
      var word = own.call(out, field) ? geoI18n.word(out[field]) : null;
      if (word) out[field] = word;
    });
    var named = geoI18n.name(out.names, out.name);
    if (!named.fallback && own.call(out, "name")) out.name = named.text;
    return out;
  }

  /* How popups.js writes times, windows and precisions in a language other than English. */
  function popupHooks() {
    return {
      get sources() { return geoI18n.language() === "en" ? null : t("popup.sources"); },
      format: function (format, values) {
        if (geoI18n.language() === "en") return null;
        var blank = function (v) { return v === null || v === undefined || v === ""; };
        if (format === "utc" && !blank(values[0])) {
          var time = geoTimeline.parseTime(String(values[0]));
          if (!time) return null;
          var text = geoI18n.when(time, values[1] === true);
          return time.precision === "day" ? t("popup.date_only", {date: text}) : text;
        }
        if (format === "window" && !(blank(values[0]) && blank(values[1]))) {
          var days = [values[0], values[1]].filter(function (v) { return !blank(v); }).map(function (v) {
            var d = geoTimeline.parseTime(String(v));
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

  function openCard(name, i, latlng) {
    var l = layer(name);
    if (!l || !latlng) return;
    var html = renderPopup(l, i, true);
    var box = document.createElement("div");
    box.innerHTML = html;
    var actions = document.createElement("div");
    actions.className = "geo-card-actions";
    actions.innerHTML = '<button type="button" data-act="details">' + esc(t("card.details")) + "</button>" +
      '<button type="button" data-act="zoom">' + esc(t("card.zoom")) + "</button>";
    actions.addEventListener("click", function (e) {
      var act = e.target && e.target.getAttribute("data-act");
      if (act === "details") showSide(true, true);
      if (act === "zoom") zoomToFeature(name, i);
    });
    box.appendChild(actions);
    card = showPopup(latlng, box, "geo-card");
  }

  /* After a choice that moved the map anyway (list, timeline, search), the card is brought
     wholly into the map; a click on the map never moves it (the card opens below instead). */
  function cardIntoView() {
    var node = card && map.hasLayer(card) ? card.getElement() : null;
    if (!node) return;
    var mapBox = map.getContainer().getBoundingClientRect(), box = node.getBoundingClientRect();
    var dx = 0, dy = 0;
    if (box.top < mapBox.top + 8) dy = box.top - mapBox.top - 8;
    else if (box.bottom > mapBox.bottom - 8) dy = Math.min(box.bottom - mapBox.bottom + 8, box.top - mapBox.top - 8);
    if (box.left < mapBox.left + 8) dx = box.left - mapBox.left - 8;
    else if (box.right > mapBox.right - 8) dx = box.right - mapBox.right + 8;
    if (dx || dy) map.panBy([Math.round(dx), Math.round(dy)], {animate: false});
  }

  function whenOf(l, i) {
    var t = timeOf(l, i), fields = spec(l).timeFields || [];
    if (t && fields.length > 1) {  // a window, as recorded (the playback widens date-only ones)
      var end = geoTimeline.parseTime(l.packed.get(i, fields[1])) || t;
      return geoI18n.day(t.t) + " – " + geoI18n.day(end.t);
    }
    return t ? geoTimeline.describe(t, approximate(l, i)) : "";
  }

  /* Whether a feature's time is "about" (its own flag, or that of the event it follows). */
  function approximate(l, i) {
    if (l.packed.get(i, "time_approximate") === true) return true;
    var follows = spec(l).follows;
    if (!follows || !follows.length) return false;
    var leader = layer(follows[0]), j = leader ? leader.indexOf(l.packed.get(i, follows[1])) : -1;
    return j >= 0 && leader.packed.get(j, "time_approximate") === true;
  }

  function openPicker(hits, latlng) {
    var box = document.createElement("div");
    box.className = "geo-pick";
    box.innerHTML = "<p>" + esc(tn("picker.here", hits.length)) + "</p>";
    var list = document.createElement("ul");
    hits.forEach(function (hit) {
      var l = layer(hit[0]), i = hit[1], id = l.id(i), style = l.packed.styleOf(i);
      var item = document.createElement("li"), button = document.createElement("button");
      button.type = "button";
      button.innerHTML = '<span class="geo-swatch geo-disc" style="--c: ' +
        esc(style.fillColor || style.color || "#555") + '"></span><span>' +
        nameHtml(l, i) + '</span><span class="geo-when">' +
        esc(whenOf(l, i)) + "</span>";
      button.title = titleOf(l);
      button.addEventListener("click", function () {
        // by id: the layers may have changed since the list opened (a new paste)
        var now = layer(hit[0]), j = now ? now.indexOf(id) : -1;
        if (j < 0) { map.closePopup(); return; }
        choose(hit[0], j, "map", latlng);
      });
      item.appendChild(button);
      list.appendChild(item);
    });
    box.appendChild(list);
    picker = showPopup(latlng, box, "geo-picker");
  }

  /* A popup that never moves the map: if it would stick out, it opens below the point or is
     shifted sideways instead. */
  function showPopup(latlng, content, className) {
    var size = map.getSize(), mapBox = map.getContainer().getBoundingClientRect();
    // the zoom and ruler buttons keep their strip on the left: the card fits beside them
    var buttons = map.getContainer().querySelector(".leaflet-top.leaflet-left");
    var b = buttons ? buttons.getBoundingClientRect() : null;
    var room = size.x - 24 - (b && b.width ? b.right - mapBox.left : 0) - 50;  // 50: the card's frame
    var popup = L.popup({autoPan: false, maxWidth: Math.max(180, Math.min(340, room)),
                         minWidth: Math.min(220, room - 20), className: className,
                         maxHeight: Math.max(140, Math.min(360, size.y - 60))})
      .setLatLng(latlng).setContent(content).openOn(map);
    var node = popup.getElement();
    if (!node) return popup;
    var close = node.querySelector(".leaflet-popup-close-button");
    if (close) { close.setAttribute("aria-label", t("map.close")); close.title = t("map.close"); }
    var point = map.latLngToContainerPoint(latlng), box = node.getBoundingClientRect();
    var dx = 0, dy = 0;
    if (box.top < mapBox.top + 4) {
      dy = box.height + 28;
      L.DomUtil.addClass(node, "geo-below");
    }
    if (box.left < mapBox.left + 4) dx = mapBox.left + 4 - box.left;
    if (box.right > mapBox.right - 4) dx = mapBox.right - 4 - box.right;
    if (point.y + dy > size.y) dy = 0;
    // nor under the zoom and ruler buttons: moved right of them when there is room
    if (b && b.width && box.left + dx < b.right + 4 && box.top + dy < b.bottom && box.bottom + dy > b.top) {
      var shift = b.right + 4 - (box.left + dx);
      if (box.right + dx + shift <= mapBox.right - 4) dx += shift;
    }
    if (dx || dy) { popup.options.offset = L.point(dx, 7 + dy); popup.update(); }
    return popup;
  }

  function onMapClick(e) {
    if (control && map.getSize().x < 900) control.open(false);  // never over a popup
    layers().forEach(function (l) { l.group.closeTooltip(); });
    // Where the pointer was: for a click on a point Leaflet gives the point's own place, which
    // is not where a point of a spread-out stack is drawn.
    var at = e.originalEvent ? map.mouseEventToContainerPoint(e.originalEvent) : e.containerPoint;
    var latlng = map.containerPointToLatLng(at), hits = [];
    layers().forEach(function (l) {
      l.hitAll(map, at).forEach(function (i) { hits.push([l.name, i, spec(l).drawOrder || 0]); });
    });
    if (!hits.length) { geoPointPick.clicked(map, latlng); return; }  // the orbit tool's point
    hits.sort(function (a, b) { return b[2] - a[2] || b[1] - a[1]; });  // topmost first
    if (hits.length === 1) choose(hits[0][0], hits[0][1], "map", latlng);
    else openPicker(hits, latlng);
  }

  /* --- the side panel ---------------------------------------------------------------- */

  function showSide(open, scroll) {
    document.body.classList.toggle("geo-side-closed", !open);
    if (el.sideButton) el.sideButton.setAttribute("aria-pressed", open ? "true" : "false");
    map.invalidateSize({animate: false});
    geoHost.resize();
    if (scroll && document.body.classList.contains("geo-narrow")) el.side.scrollIntoView({behavior: "smooth"});
  }

  function renderSide() {
    var parts = [];
    var detail = state.detail, l = detail ? layer(detail.layer) : null;
    if (l && detail.index < l.size()) {
      parts.push("<h3>" + titleHtml(l) + "</h3>");
      parts.push(renderPopup(l, detail.index, false));
      if (state.event) parts.push(eventParts(detail));
      parts.push('<p><button type="button" data-act="clear">' + esc(t("side.clear")) + "</button></p>");
    } else {
      parts.push("<h3>" + esc(t("side.details")) + '</h3><p class="geo-hint">' + esc(t("side.hint")) + "</p>");
    }
    if (compare) parts.push(compareHtml(compare));
    parts.push(aboutHtml());
    el.side.innerHTML = parts.join("");
  }

  /* What belongs to the chosen event, each a link that shows its details. */
  function eventParts(detail) {
    var set = focusSet(state.event), items = [];
    Object.keys(set).forEach(function (name) {
      set[name].forEach(function (i) {
        if (name === detail.layer && i === detail.index) return;
        var l = layer(name);
        items.push('<li><button type="button" data-layer="' + esc(name) + '" data-index="' + i + '">' +
                   nameHtml(l, i) + "</button></li>");
      });
    });
    return items.length ? "<h3>" + esc(t("side.parts")) + "</h3><ul class=\"geo-linklist\">" +
      items.join("") + "</ul>" : "";
  }

  /* A table of a name column and number columns: heads, rows of [name, number, number…]. */
  function compareTable(heads, rows) {
    return '<table class="geo-compare"><tr>' + heads.map(function (h) { return "<th>" + esc(h) + "</th>"; }).join("") +
      "</tr>" + rows.map(function (row) {
        return '<tr><td translate="no">' + esc(row[0]) + "</td>" + row.slice(1).map(function (v) {
          return '<td class="num">' + esc(v) + "</td>";
        }).join("") + "</tr>";
      }).join("") + "</table>";
  }

  function compareHtml(data) {
    var out = ["<h3>" + esc(t("compare.title")) + "</h3>"];
    var best = data.best ? esc(data.best) : "", said = data.best_message;
    if (said) {  // the event's name is data, within the message
      var params = {};
      Object.keys(said.params || {}).forEach(function (k) {
        params[k] = k === "event" ? '<span translate="no">' + esc(said.params[k]) + "</span>" : esc(said.params[k]);
      });
      best = esc(t(said.key)).replace(/\{(\w+)\}/g, function (whole, k) { return own.call(params, k) ? params[k] : whole; });
    }
    if (best) out.push("<p>" + best + "</p>");
    (data.areas || []).forEach(function (area) {
      out.push('<p><b translate="no">' + esc(area.name) + "</b> · " + esc(area.area) + "</p>");
      var overlaps = area.overlaps || [], pads = area.pads || [];
      out.push(overlaps.length ? compareTable([t("compare.overlaps"), t("compare.share"), t("compare.iou")],
                                              overlaps.map(function (o) {
        return [o.name, o.share, o.iou];
      })) : '<p class="geo-hint">' + esc(t("compare.none")) + "</p>");
      if (pads.length) {
        out.push(compareTable([t("compare.from"), t("compare.distance"), t("compare.bearing")], pads.map(function (p) {
          return [p.name, p.distance, p.bearing];
        })));
      }
    });
    return out.join("");
  }

  function aboutHtml() {
    var made = options.made ? t("about.made", {date: madeDay()}) + " " : "";
    // a page that stands alone lists its sources open; in the app they unfold on demand
    return "<h3>" + esc(t("about.title")) + '</h3><p class="geo-hint">' + esc(made + t("about.text")) + "</p>" +
      '<details class="geo-all-sources"' + (options.made ? " open" : "") + "><summary>" +
      esc(t("about.sources")) + "</summary>" + (options.made ? sourcesHtml() : "") + "</details>";
  }

  /* The distinct sources of every feature shown, by date. */
  function sourcesHtml() {
    var lists = [];
    layers().forEach(function (l) {
      if (!map.hasLayer(l.group) || !l.packed.column("sources")) return;
      for (var i = 0; i < l.size(); i++) if (l.shown[i]) lists.push(l.packed.get(i, "sources"));
    });
    var items = geoPopups.sourceItems(lists);
    return items.length ? '<ol translate="no">' + items.join("") + "</ol>" :
      '<p class="geo-hint">' + esc(t("about.no_sources")) + "</p>";
  }

  function refreshSources() {
    var box = el.side && el.side.querySelector(".geo-all-sources");
    if (!box || !box.open) return;
    var summary = box.querySelector("summary");
    while (summary.nextSibling) box.removeChild(summary.nextSibling);
    box.insertAdjacentHTML("beforeend", sourcesHtml());
  }

  function onSideClick(e) {
    var target = e.target.closest ? e.target.closest("button") : null;
    if (!target) return;
    if (target.getAttribute("data-act") === "clear") { clearChoice(); return; }
    var name = target.getAttribute("data-layer");
    if (name) {
      var i = Number(target.getAttribute("data-index")), l = layer(name);
      state.detail = {layer: name, index: i, id: l.id(i)};
      renderSide();
      openCard(name, i, l.anchorOf(i));
      writeUrl();
    }
  }

  /* --- the top bar: title, event list, dates, buttons -------------------------------------- */

  function buildTop() {
    var top = el.top;
    top.innerHTML = "";
    var title = document.createElement("div");
    title.className = "geo-title";
    var own_title = options.title !== options.defaultTitle;  // a user's title is theirs
    title.innerHTML = (own_title ? '<span translate="no">' + esc(options.title) + "</span>" : esc(t("page.title"))) +
      (options.made ? "<small>" + esc(t("top.made", {date: madeDay()})) + "</small>" : "");
    top.appendChild(title);
    el.eventSelect = document.createElement("select");
    el.eventSelect.className = "geo-event";
    el.eventSelect.setAttribute("aria-label", t("top.event"));
    el.eventSelect.addEventListener("change", function () {
      var ev = events(), id = el.eventSelect.value;
      if (!id) clearChoice(); else if (ev) choose(ev.name, ev.indexOf(id), "list");
    });
    top.appendChild(el.eventSelect);
    el.search = searchBox();
    top.appendChild(el.search);
    el.dates = document.createElement("span");
    el.dates.className = "geo-dates";
    top.appendChild(el.dates);
    var spacer = document.createElement("span");
    spacer.className = "geo-spacer";
    top.appendChild(spacer);
    if (geoHost.embedded && geoHost.sidebarButton()) {
      top.appendChild(button(geoHost.narrow() ? t("top.data_short") : t("top.data"), t("top.data_title"),
        function () { var b = geoHost.sidebarButton(); if (b) b.click(); }));
    }
    if (options.download) {
      el.download = menu(t("top.download"), t("top.download_title"), downloadMenu);
      top.appendChild(el.download);
    }
    top.appendChild(button(geoHost.narrow() ? t("top.link_short") : t("top.link"), t("top.link_title"),
                           copyLink));
    el.sideButton = button(t("top.details"), t("top.details_title"), function () {
      showSide(document.body.classList.contains("geo-side-closed"));
    });
    el.sideButton.classList.add("geo-wide-only");
    top.appendChild(el.sideButton);
    var full = button(t("top.full"), t("top.full_title"), fullscreen);
    full.classList.add("geo-wide-only");
    top.appendChild(full);
    top.appendChild(languageSwitch());
  }

  /* --- the language: a switch in the top bar, kept in the permalink ---------------------- */

  function languageSwitch() {
    var box = document.createElement("span");
    box.className = "geo-lang";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", t("top.language"));
    if (geoI18n.languages().length < 2) return box;  // an offline page of one language
    geoI18n.languages().forEach(function (pair) {
      var b = button(pair[1], pair[1], function () { setLanguage(pair[0]); });
      b.setAttribute("lang", pair[0]);
      b.setAttribute("translate", "no");  // each language's name in its own language
      b.setAttribute("data-lang", pair[0]);
      b.setAttribute("aria-pressed", pair[0] === geoI18n.language() ? "true" : "false");
      box.appendChild(b);
    });
    return box;
  }

  /* Every view again, in another language; the app's sidebar follows at its next run. */
  function setLanguage(code) {
    if (geoI18n.setLanguage(code) === lastLanguage) return;
    lastLanguage = geoI18n.language();
    geoI18n.whenFontsReady(placeNames(), redrawInLanguage);
  }

  function redrawInLanguage() {
    localiseControls();
    buildTop();
    if (control) control.render();
    relabelTimeline();
    buildTimelineItems();
    refreshEventList();
    refreshDates();
    renderSide();
    drawLabels();
    drawPointers();
    if (state.detail && card && map.hasLayer(card)) {
      var l = layer(state.detail.layer);
      if (l) openCard(l.name, state.detail.index, card.getLatLng());
    } else {
      map.closePopup();
    }
    writeUrl();
    geoHost.send({lang: lastLanguage});
    if (typeof geoTools !== "undefined") geoTools.relabel();
  }

  /* Leaflet's and the ruler's own controls, and the basemap's credit, in the page's language. */
  var credit = null, leafletPrefix = null;
  function localiseControls() {
    var box = map.getContainer();
    [[".leaflet-control-zoom-in", "map.zoom_in"], [".leaflet-control-zoom-out", "map.zoom_out"],
     [".leaflet-control-measure-toggle", "map.measure"]].forEach(function (pair) {
      var node = box.querySelector(pair[0]);
      if (!node) return;
      node.title = t(pair[1]);
      node.setAttribute("aria-label", t(pair[1]));
    });
    var toggle = box.querySelector(".leaflet-control-measure-toggle");
    if (toggle && !toggle.children.length) toggle.textContent = t("map.measure_short");
    if (el.side) el.side.setAttribute("aria-label", t("side.details"));
    var att = map.attributionControl, wanted = t("map.attribution");
    if (!att) return;
    if (leafletPrefix === null) leafletPrefix = String(att.options.prefix || "");
    // Leaflet's own credit says what Leaflet is in its title: in the page's language
    att.setPrefix(leafletPrefix.replace(/title="[^"]*"/, 'title="' + esc(t("map.leaflet")) + '"'));
    if (!options.credit || wanted === (credit || options.credit)) return;
    att.removeAttribution(credit || options.credit);  // the basemap layer's, in English
    credit = wanted;
    att.addAttribution(credit);
  }

  function madeDay() {
    var made = geoTimeline.parseTime(options.made || "");
    return made ? dayAt(made) : options.made;
  }

  /* --- search: sites, events, every shown layer's features, places and coordinates ------- */

  function searchItems() {
    var items = [];
    layers().forEach(function (l) {
      if (!isBuiltin(l) && !map.hasLayer(l.group)) return;
      if (isBuiltin(l) && spec(l).visible === false && !map.hasLayer(l.group)) return;  // modelled layers
      for (var i = 0; i < l.size(); i++) {
        var names = [String(l.packed.get(i, "name") || ""), String(l.id(i))], more = l.packed.get(i, "names");
        if (more && typeof more === "object") Object.keys(more).forEach(function (k) { names.push(String(more[k])); });
        // a whole site or city before its parts (Sohae before its pads), then in the layers' order
        var kind = String(l.packed.get(i, "kind") || "");
        names.unshift(nameOf(l, i));  // the name in the page's language first: the one shown
        items.push({names: names, layer: l.name, index: i, title: titleOf(l),
                    boost: /_site$|^city$/.test(kind) ? 1 : 0});
      }
    });
    (options.places || []).forEach(function (place) {
      var local = geoI18n.name(place.names, place.name), names = [local.fallback ? place.name : local.text];
      Object.keys(place.names || {}).forEach(function (k) { names.push(String(place.names[k])); });
      names.push(place.name);
      items.push({names: names, place: place, title: place.kind === "city" ? t("search.place") : t("search.sea"),
                  boost: place.kind === "city" ? 0 : 0.5});
    });
    return items;
  }

  var searchMark = null;
  function searchBox() {
    var box = document.createElement("div"), input = document.createElement("input");
    var list = document.createElement("ul"), rows = [], active = -1;
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
      if (searchMark) { map.removeLayer(searchMark); searchMark = null; }
      if (row.lat !== undefined) {
        map.closePopup();
        var label = geoSearch.formatted(row.lat, row.lon);
        searchMark = L.circleMarker([row.lat, row.lon], {radius: 7, color: "#cf222e", weight: 3, fill: false,
                                                         className: "geo-search-mark", interactive: false})
          .bindTooltip(esc(label), {permanent: true, direction: "right", className: "geo-search-label"}).addTo(map);
        map.setView([row.lat, row.lon], Math.max(map.getZoom(), 8), {animate: false});
      } else if (row.place) {
        map.setView([row.place.lat, row.place.lon], Math.max(map.getZoom(), row.place.zoom || 7), {animate: false});
      } else {
        if (!map.hasLayer(layer(row.layer).group)) setVisible(row.layer, true);
        choose(row.layer, row.index, "search");
      }
    }
    function render() {
      var text = input.value, c = text.trim() ? geoSearch.coordinate(text) : null;
      rows = [];
      if (c && c.error) rows.push(c);
      else if (c) rows.push({lat: c.lat, lon: c.lon});
      geoSearch.match(text, searchItems(), 8).forEach(function (item) { rows.push(item); });
      list.innerHTML = rows.map(function (row) {
        if (row.error) return '<li class="geo-search-error" role="option" aria-disabled="true">' +
          esc(t("search.not_position", {why: row.key ? t(row.key, row) : row.error})) + "</li>";
        if (row.lat !== undefined) return '<li role="option"><b>' + esc(t("search.go")) + "</b> " +
          esc(geoSearch.formatted(row.lat, row.lon)) + "</li>";
        var when = row.layer ? whenOf(layer(row.layer), row.index) : "";
        return '<li role="option"><span class="geo-search-name" translate="no">' + esc(row.names[0] || row.names[1]) +
          '</span><span class="geo-search-kind">' + esc(row.title) + (when ? " · " + esc(when) : "") + "</span></li>";
      }).join("") || (text.trim() ? '<li class="geo-search-none" aria-disabled="true">' +
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
        if (searchMark) { map.removeLayer(searchMark); searchMark = null; }
      }
    });
    list.addEventListener("mousedown", function (e) {  // before the input's blur
      var li = e.target.closest("li");
      if (!li) return;
      e.preventDefault();
      pick(rows[Array.prototype.indexOf.call(list.children, li)]);
    });
    document.addEventListener("click", function (e) { if (!box.contains(e.target)) close(); });
    return box;
  }

  function button(text, title, fn) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.title = title;
    b.addEventListener("click", fn);
    return b;
  }

  function menu(text, title, fill) {
    var box = document.createElement("span"), list = document.createElement("div");
    box.className = "geo-menu";
    list.className = "geo-menu-list";
    list.hidden = true;
    var b = button(text + " ▾", title, function (e) {
      e.stopPropagation();
      if (list.hidden) fill(list);
      list.hidden = !list.hidden;
    });
    document.addEventListener("click", function (e) { if (!box.contains(e.target)) list.hidden = true; });
    list.addEventListener("click", function (e) {  // a download started: the menu closes
      if (e.target.tagName === "A") setTimeout(function () { list.hidden = true; }, 0);
    });
    box.appendChild(b);
    box.appendChild(list);
    return box;
  }

  function refreshEventList() {
    var ev = events(), select = el.eventSelect;
    if (!ev || !select) return;
    var rows = [];
    for (var i = 0; i < ev.size(); i++) {
      var time = times[ev.name] && times[ev.name][i];
      if (isVersion(ev, i) && ev.id(i) !== state.event) continue;
      rows.push({i: i, t: time ? time.t : 0, id: ev.id(i), shown: !!ev.shown[i]});
    }
    rows.sort(function (a, b) { return a.t - b.t; });
    var html = ['<option value="">' + esc(t("top.choose_event")) + "</option>"];
    rows.forEach(function (row) {
      var at = times[ev.name][row.i];
      var named = geoI18n.name(ev.packed.get(row.i, "names"), ev.packed.get(row.i, "name") || row.id);
      html.push('<option value="' + esc(row.id) + '"' + (row.shown ? "" : " disabled") +
                (named.fallback ? ' lang="en" title="' + esc(t("name.fallback")) + '"' : "") + ">" +
                esc((at ? dayAt(at) : "") + "  " + named.text) + "</option>");
    });
    select.innerHTML = html.join("");
    select.value = state.event && ev.indexOf(state.event) >= 0 ? state.event : "";
  }

  function refreshDates() {
    var start = state.start === null ? extent[0] : state.start;
    var end = state.end === null ? extent[1] : state.end;
    var whole = (state.start === null || state.start <= extent[0]) && (state.end === null || state.end >= extent[1]);
    el.dates.innerHTML = '<span class="geo-dates-text">' + esc(geoI18n.day(start) + " – " +
      geoI18n.day(end)) + "</span>" +
      (whole ? "" : ' <button type="button" data-act="all" title="' + esc(t("dates.all_title")) + '">' +
       esc(t("dates.all")) + "</button>");
    var all = el.dates.querySelector("button");
    if (all) all.addEventListener("click", function () { setRange(null, null); });
  }

  function copyLink(e) {
    var text = geoHost.link(), target = e && e.currentTarget;
    function done() {  // say so on the button for a moment
      if (!target) return;
      var label = target.textContent;
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
    var doc = document, root = doc.documentElement;
    if (doc.fullscreenElement) doc.exitFullscreen();
    else if (root.requestFullscreen) root.requestFullscreen();
  }

  /* --- downloads (in the app: the server writes the files of what is shown) ----------------- */

  function downloadUrl(format, scope) {
    var params = new URLSearchParams();
    if (token) params.set("token", token);
    params.set("format", format);
    params.set("scope", scope);
    params.set("layers", visibleNames().join(",") || "none");
    if (state.start !== null && state.start > extent[0]) params.set("from", geoTimeline.isoDay(state.start));
    if (state.end !== null && state.end < extent[1]) params.set("to", geoTimeline.isoDay(state.end));
    if (state.event) params.set("event", state.event);
    if (geoI18n.language() !== "en") params.set("lang", geoI18n.language());
    var c = map.getCenter();
    params.set("lat", c.lat.toFixed(4)); params.set("lon", c.lng.toFixed(4));
    params.set("z", String(map.getZoom()));
    return options.download + "?" + params.toString();
  }

  function downloadMenu(list) {
    var formats = options.formats || [["GeoJSON", "geojson"]];
    var chosen = list.getAttribute("data-format") || formats[0][1];
    var html = ["<h5>" + esc(t("download.format")) + "</h5><div>"];
    formats.forEach(function (f) {
      html.push('<label><input type="radio" name="geo-format" value="' + esc(f[1]) + '"' +
                (f[1] === chosen ? " checked" : "") + "> " + esc(f[0]) + "</label>");
    });
    html.push("</div><h5>" + esc(t("download.shown")) + "</h5>");
    var names = visibleNames();
    names.forEach(function (name) {
      var l = layer(name), count = 0;
      for (var i = 0; i < l.size(); i++) count += l.shown[i];
      html.push('<a href="' + esc(downloadUrl(chosen, name)) + '" download>' +
                titleHtml(l) + " (" + esc(geoI18n.number(count)) + ")</a>");
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
  var FIGURE_SIZES = [["page", "figure.size_page"], ["column", "figure.size_column"],
                      ["slide", "figure.size_slide"], ["square", "figure.size_square"]];
  /* Each format: its name (a file format's, never translated) and what it is for. */
  var FIGURE_FORMATS = [["svg", "SVG", "figure.format_svg"], ["pdf", "PDF", "figure.format_pdf"],
                        ["png", "PNG 300 DPI", "figure.format_png"]];
  /* A figure of the view (the server draws it, geo/figure): the download's own query with the
     figure's size and language, and the map's bounds where they are a region, not the world. */
  function figureUrl(format, size, lang) {
    var base = downloadUrl(format, "all"), q = base.indexOf("?");
    var params = new URLSearchParams(base.slice(q + 1));
    params.set("size", size);
    params.set("lang", lang);
    var b = map.getBounds(), w = Math.max(-180, b.getWest()), e = Math.min(180, b.getEast());
    var s = Math.max(-89, b.getSouth()), n = Math.min(89, b.getNorth());
    if (e - w <= 120 && n - s <= 80) {
      params.set("bbox", [w, s, e, n].map(function (v) { return v.toFixed(4); }).join(","));
    }
    return base.slice(0, q) + "?" + params.toString();
  }
  function figureMenu() {
    var lang = geoI18n.language();
    var html = ["<h5>" + esc(t("figure.head")) + '</h5><div class="geo-figure-options">',
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
    var size = list.querySelector("select[name=geo-figure-size]"), lang = list.querySelector("select[name=geo-figure-lang]");
    function update() {
      Array.prototype.forEach.call(list.querySelectorAll("a[data-figure]"), function (a) {
        a.setAttribute("href", figureUrl(a.getAttribute("data-figure"), size.value, lang.value));
      });
    }
    size.addEventListener("change", update);
    lang.addEventListener("change", update);
  }

  /* --- the layers and legend control ---------------------------------------------------- */

  var LayersControl = L.Control.extend({
    options: {position: "topright"},
    onAdd: function () {
      var box = L.DomUtil.create("div", "geo-layers leaflet-control");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      this.box = box;
      box.innerHTML = '<div class="geo-layers-head" role="button" tabindex="0" aria-expanded="false">' +
        esc(t("layers.head")) + '</div><div class="geo-layers-body"></div>';
      var head = box.firstChild, self = this;
      function toggle() {
        var open = !box.classList.contains("open");
        box.classList.toggle("open", open);
        head.setAttribute("aria-expanded", open ? "true" : "false");
        fitLegend();
      }
      head.addEventListener("click", toggle);
      head.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") toggle(); });
      box.addEventListener("change", function (e) { self.changed(e.target); });
      return box;
    },
    open: function (open) {
      this.box.classList.toggle("open", open);
      this.box.firstChild.setAttribute("aria-expanded", open ? "true" : "false");
      fitLegend();
    },
    render: function () {
      this.box.firstChild.textContent = t("layers.head");
      var html = ["<fieldset><legend>" + esc(t("layers.basemap")) + "</legend>"];
      [["offline", t("layers.offline")], ["osm", t("layers.osm")],
       ["esri", t("layers.esri")]].forEach(function (pair) {
        if (pair[0] !== "offline" && !tiles[pair[0]]) return;
        var on = pair[0] === "offline" ? !Object.keys(tiles).some(function (k) { return map.hasLayer(tiles[k]); })
          : map.hasLayer(tiles[pair[0]]);
        html.push('<div><label><input type="radio" name="geo-basemap" value="' + pair[0] + '"' +
                  (on ? " checked" : "") + "> " + esc(pair[1]) + "</label></div>");
      });
      html.push("</fieldset><fieldset><legend>" + esc(t("layers.layers")) + "</legend>");
      var order = options.layerOrder || [];
      function rank(l) { return isBuiltin(l) ? order.indexOf(l.name) : -1; }
      var ordered = layers().slice().sort(function (a, b) {  // the user's layers first, newest on top
        return rank(a) - rank(b) || (spec(b).drawOrder || 0) - (spec(a).drawOrder || 0);
      });
      ordered.forEach(function (l) {
        var on = map.hasLayer(l.group);
        html.push('<div class="geo-layer' + (on ? "" : " off") + '" data-layer="' + esc(l.name) + '">' +
                  '<label><input type="checkbox" data-layer="' + esc(l.name) + '"' + (on ? " checked" : "") +
                  "> " + titleHtml(l) + ' <span class="geo-count" data-count="' +
                  esc(l.name) + '"></span></label>');
        if (!isBuiltin(l) && spec(l).namespace === "imported") html.push(colourSelect(l));
        html.push('<div class="geo-legend-rows">' + legendRows(l) + "</div></div>");
      });
      html.push("</fieldset>");
      this.box.lastChild.innerHTML = html.join("");
      refreshCounts();
    },
    changed: function (input) {
      if (input.name === "geo-basemap") {
        Object.keys(tiles).forEach(function (k) { if (map.hasLayer(tiles[k])) map.removeLayer(tiles[k]); });
        if (tiles[input.value]) map.addLayer(tiles[input.value]);
      } else if (input.getAttribute("data-layer") && input.type === "checkbox") {
        setVisible(input.getAttribute("data-layer"), input.checked);
      } else if (input.getAttribute("data-colour")) {
        setColour(input.getAttribute("data-colour"), input.value);
      }
    }
  });

  /* The legend never runs past the map (nor under the timeline): it scrolls inside itself. */
  function fitLegend() {
    if (!control || !control.box || !map) return;
    requestAnimationFrame(drawLabels);
    var mapBox = map.getContainer().getBoundingClientRect(), box = control.box.getBoundingClientRect();
    var below = map.getContainer().querySelector(".leaflet-bottom.leaflet-right");  // the attribution
    var floor = below && below.getBoundingClientRect().height ? below.getBoundingClientRect().top : mapBox.bottom;
    var room = Math.max(80, Math.floor(floor - box.top - 6));
    control.box.style.maxHeight = room + "px";
  }

  function legendRows(l) {
    var rows = (colourBy[l.name] && colourBy[l.name].legend) || spec(l).legend || [];
    return rows.map(function (row) {
      return '<div><span class="geo-swatch geo-' + esc(row[0]) + '" style="--c: ' + esc(row[1]) +
        '"></span>' + esc(geoI18n.text(row[2])) + "</div>";
    }).join("");
  }

  function refreshCounts() {
    if (!control || !control.box) return;
    layers().forEach(function (l) {
      var node = control.box.querySelector('[data-count="' + cssEscape(l.name) + '"]');
      if (!node) return;
      var shown = 0;
      for (var i = 0; i < l.size(); i++) shown += l.shown[i];
      node.textContent = shown === l.size() ? "(" + geoI18n.number(shown) + ")"
        : tn("layers.count_of", l.size(), {shown: geoI18n.number(shown)});
    });
  }

  function cssEscape(text) {
    return window.CSS && CSS.escape ? CSS.escape(text) : String(text).replace(/["\\]/g, "\\$&");
  }

  function setVisible(name, on) {
    var l = layer(name);
    if (!l) return;
    if (on && !map.hasLayer(l.group)) map.addLayer(l.group);
    if (!on && map.hasLayer(l.group)) map.removeLayer(l.group);
    state.visible[name] = on;
    if (control) control.render();
    if (timeline) timeline.draw();
    drawPointers();
    drawLabels();
    showSatellites();
    refreshSources();
    writeUrl();
  }

  function visibleNames() {
    return layers().filter(function (l) { return map.hasLayer(l.group); }).map(function (l) { return l.name; });
  }

  /* --- colouring an imported layer by one of its columns ---------------------------------- */

  function colourSelect(l) {
    var html = ['<select data-colour="' + esc(l.name) + '" aria-label="' + esc(t("colour.label")) + '"><option value="">' +
                esc(t("colour.one")) + '</option><optgroup label="' + esc(t("colour.label")) + '">'];
    l.packed.columns.forEach(function (column) {
      if (column.field === "id" || column.field === "name") return;
      var chosen = colourBy[l.name] && colourBy[l.name].field === column.field;
      html.push('<option translate="no" value="' + esc(column.field) + '"' + (chosen ? " selected" : "") +
                ">" + esc(column.field) + "</option>");  // a column's name is the file's
    });
    return html.join("") + "</optgroup></select>";
  }

  function setColour(name, field) {
    var l = layer(name);
    if (!l) return;
    if (!field) {
      delete colourBy[name];
      l.restyle(null);
    } else if (numbersOf(l, field)) {
      colourByNumber(l, name, field, numbersOf(l, field));
    } else {
      var counts = {}, column = l.packed.column(field);
      for (var i = 0; i < l.size(); i++) {
        var v = String(l.packed.value(column, i) === null ? "(blank)" : l.packed.value(column, i));
        counts[v] = (counts[v] || 0) + 1;
      }
      var values = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); });
      var top = values.slice(0, PALETTE.length - 1), colourOf = {};
      top.forEach(function (v, k) { colourOf[v] = PALETTE[k]; });
      var other = PALETTE[PALETTE.length - 1], base = l.packed.styles[0] || {};
      var legend = top.map(function (v) { return ["dot", colourOf[v], v + " (" + counts[v] + ")"]; });
      if (values.length > top.length) legend.push(["dot", other, t("colour.other", {count: values.length - top.length})]);
      colourBy[name] = {field: field, legend: legend};
      l.restyle(function (j) {
        var raw = l.packed.value(column, j), v = String(raw === null ? "(blank)" : raw);
        var c = own.call(colourOf, v) ? colourOf[v] : other;
        return {color: c, fillColor: c, fillOpacity: 0.55, weight: base.weight || 2, radius: base.radius || 5};
      });
    }
    control.render();
    buildTimelineItems();
  }

  /* A column of numbers, bare or all with the same unit ("50 km", "12.5 km"), with more distinct
     values than a few categories: coloured on a sequential ramp of RAMP.length classes of about
     as many features each (quantiles), the legend giving each class's range in its unit. */
  var RAMP = ["#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"];
  var NUMBER_WITH_UNIT = /^\s*([-+]?[0-9]+(?:\.[0-9]+)?)\s*([A-Za-z%°²³\/]{0,8})\s*$/;

  function numbersOf(l, field) {
    var column = l.packed.column(field), values = [], unit = null, distinct = {};
    for (var i = 0; i < l.size(); i++) {
      var raw = l.packed.value(column, i);
      if (raw === null || raw === "") { values.push(null); continue; }
      var n, u = "";
      if (typeof raw === "number") n = raw;
      else {
        var m = NUMBER_WITH_UNIT.exec(String(raw));
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

  function colourByNumber(l, name, field, numbers) {
    var sorted = numbers.values.filter(function (v) { return v !== null; }).sort(function (a, b) { return a - b; });
    var breaks = [];
    for (var k = 1; k < RAMP.length; k++) breaks.push(sorted[Math.floor(k * sorted.length / RAMP.length)]);
    function classOf(v) {
      var c = 0;
      while (c < breaks.length && v >= breaks[c]) c++;
      return c;
    }
    var counts = RAMP.map(function () { return 0; }), blank = 0;
    numbers.values.forEach(function (v) { if (v === null) blank++; else counts[classOf(v)]++; });
    var unit = numbers.unit ? " " + numbers.unit : "";
    var fmt = function (v) { return geoI18n.number(Number(v.toPrecision(4))); };
    var legend = [];
    RAMP.forEach(function (colour, c) {
      if (!counts[c]) return;
      var lo = c === 0 ? sorted[0] : breaks[c - 1];
      var hi = c === breaks.length ? sorted[sorted.length - 1] : breaks[c];
      var range = c === breaks.length ? fmt(lo) + "–" + fmt(hi) : t("colour.under", {low: fmt(lo), high: fmt(hi)});
      legend.push(["dot", colour, range + unit + " (" + counts[c] + ")"]);
    });
    if (blank) legend.push(["dot", "#bdbdbd", "(blank) (" + blank + ")"]);
    colourBy[name] = {field: field, legend: legend};
    var base = l.packed.styles[0] || {};
    l.restyle(function (j) {
      var v = numbers.values[j], c = v === null ? "#bdbdbd" : RAMP[classOf(v)];
      return {color: c, fillColor: c, fillOpacity: 0.7, weight: base.weight || 2, radius: base.radius || 5};
    });
  }

  /* --- the timeline ---------------------------------------------------------------------- */

  function buildTimelineItems() {
    if (!timeline) return;
    var lanes = [], laneOf = {}, items = [];
    function lane(name) {
      if (!own.call(laneOf, name)) { laneOf[name] = lanes.length; lanes.push(name); }
      return laneOf[name];
    }
    var ev = events(), groupOf = {};
    (options.lanes || []).forEach(function (group) {
      group[1].forEach(function (kind) { groupOf[kind] = group[0]; });
    });
    function eventLane(i) {
      var kind = String(ev.packed.get(i, "kind") || "event");
      return own.call(groupOf, kind) ? groupOf[kind] : kind;
    }
    if (ev) {
      (options.lanes || []).forEach(function (group) { lane(group[0]); });
      for (var i = 0; i < ev.size(); i++) {
        var t = times[ev.name][i];
        if (!t || isVersion(ev, i)) continue;
        var style = ev.packed.styleOf(i);
        items.push({t: t.t, t1: t.t1, lane: lane(eventLane(i)),
                    colour: style.fillColor || style.color, key: ev.name + ":" + ev.id(i),
                    layer: ev.name, index: i});
      }
      lanes = lanes.filter(function (name) {
        return items.some(function (item) { return lanes[item.lane] === name; });
      });
      laneOf = {};
      lanes.forEach(function (name, k) { laneOf[name] = k; });
      items.forEach(function (item) { item.lane = laneOf[eventLane(item.index)]; });
    }
    layers().forEach(function (l) {
      if (l === ev || isBuiltin(l) || !times[l.name]) return;
      var any = false;
      for (var j = 0; j < l.size(); j++) {
        var tt = times[l.name][j];
        if (!tt) continue;
        if (!any) { any = true; lane(spec(l).title || l.name); }
        var s = l.packed.styleOf(j);
        items.push({t: tt.t, t1: tt.t1, lane: laneOf[spec(l).title || l.name],
                    colour: s.fillColor || s.color, key: l.name + ":" + l.id(j), layer: l.name, index: j});
      }
    });
    var span = extent[1] - extent[0], padding = Math.max(span * 0.02, 30 * DAY);
    timeline.setItems(items, lanes.map(function (name) { return geoI18n.text(name); }),
                      [extent[0] - padding, extent[1] + padding]);
    timeline.setShown(function (item) { return shownFeature(item.layer, item.index); });
    timeline.setRange(state.start, state.end);
    map.invalidateSize({animate: false});
    geoHost.resize();
  }

  function buildTimeline() {
    var box = el.time;
    box.innerHTML = '<div class="geo-time-buttons"></div><canvas></canvas>';
    var buttons = box.firstChild;
    el.play = button("▶", "", togglePlay);
    el.stop = button("■", "", stopPlay);
    el.zoomIn = button("+", "", function () { timeline.zoomBy(2, zoomCentre(), true); });
    el.zoomOut = button("−", "", function () { timeline.zoomBy(0.5, zoomCentre(), true); });
    el.zoomIn.className = el.zoomOut.className = "geo-time-zoom";
    relabelTimeline();
    [el.play, el.stop, el.zoomIn, el.zoomOut].forEach(function (b) { buttons.appendChild(b); });
    el.tip = document.createElement("div");
    el.tip.className = "geo-time-tip";
    el.tip.hidden = true;
    document.body.appendChild(el.tip);
    timeline = new geoTimeline.Timeline(box.lastChild, {
      onBrush: function (start, end, final) {
        if (start === null && end === null) { setRange(null, null); return; }
        state.start = start === null ? null : dayStart(start);
        state.end = end === null ? null : dayStart(end) + DAY - 1;
        timeline.setRange(state.start, state.end);
        scheduleFilter();
        if (final) writeUrl();
      },
      onPick: function (item) { choose(item.layer, item.index, "timeline"); },
      onHover: function (item, x, y) {
        if (!item) { el.tip.hidden = true; return; }
        var l = layer(item.layer);
        el.tip.textContent = nameOf(l, item.index) + " · " + whenOf(l, item.index);
        el.tip.hidden = false;
        el.tip.style.left = Math.min(x + 12, window.innerWidth - 330) + "px";
        el.tip.style.top = Math.max(4, y - 34) + "px";
      }
    });
    buildTimelineItems();
  }

  /* Where the timeline's zoom buttons widen it: the play head, the chosen event, the chosen
     dates' middle, else the middle of what it shows. */
  function zoomCentre() {
    if (state.play !== null) return state.play;
    var ev = events(), i = state.event && ev ? ev.indexOf(state.event) : -1;
    var t = i >= 0 && times[ev.name] ? times[ev.name][i] : null;
    if (t) return (t.t + t.t1) / 2;
    if (state.start !== null || state.end !== null) {
      var start = state.start === null ? extent[0] : state.start;
      return (start + (state.end === null ? extent[1] : state.end)) / 2;
    }
    return undefined;
  }

  function relabelTimeline() {
    if (!el.play) return;
    el.time.querySelector("canvas").setAttribute("aria-label", t("time.label"));
    el.play.title = t("time.play");
    el.stop.title = t("time.stop");
    el.zoomIn.title = t("time.zoom_in_title");
    el.zoomOut.title = t("time.zoom_out_title");
    el.zoomIn.setAttribute("aria-label", t("time.zoom_in"));
    el.zoomOut.setAttribute("aria-label", t("time.zoom_out"));
  }

  function scheduleFilter() {
    if (framePending) return;
    framePending = true;
    requestAnimationFrame(function () {
      framePending = false;
      applyFilter();
      refreshDates();
    });
  }

  function setRange(start, end) {
    state.start = start;
    state.end = end;
    if (timeline) timeline.setRange(start, end);
    applyFilter();
    refreshDates();
    writeUrl();
  }

  function togglePlay() {
    if (playFrame !== null) {  // pause
      cancelAnimationFrame(playFrame);
      playFrame = null;
      el.play.textContent = "▶";
      return;
    }
    var low = state.start === null ? extent[0] : Math.max(state.start, extent[0]);
    var high = state.end === null ? extent[1] : Math.min(state.end, extent[1]);
    if (state.play === null || state.play >= high) state.play = low;
    el.play.textContent = "❚❚";
    var last = performance.now(), rate = (high - low) / PLAY_MS;
    function step(now) {
      state.play = Math.min(high, state.play + (now - last) * rate);
      last = now;
      timeline.setPlayhead(state.play);
      applyFilter();
      el.dates.textContent = t("time.playing", {date: geoI18n.day(state.play)});
      if (state.play >= high) { playFrame = null; el.play.textContent = "▶"; return; }
      playFrame = requestAnimationFrame(step);
    }
    playFrame = requestAnimationFrame(step);
  }

  function stopPlay() {
    if (playFrame !== null) cancelAnimationFrame(playFrame);
    playFrame = null;
    state.play = null;
    el.play.textContent = "▶";
    timeline.setPlayhead(null);
    applyFilter();
    refreshDates();
  }

  /* Set the clock of the playback directly (for tests and the keyboard); null stops it. */
  function setPlayhead(t) {
    state.play = t;
    if (timeline) timeline.setPlayhead(t);
    applyFilter();
  }

  /* Each ground track's satellite at the playhead (geo/satellite.js; from the track's times). */
  function showSatellites() { geoSatellite.at(map, layers(), state.play); }

  /* --- the permalink ------------------------------------------------------------------- */

  function defaultVisible(l) {
    return spec(l).visible !== false;
  }

  function readUrl() {
    var params = options.initial ? new URLSearchParams(options.initial) : new URLSearchParams();
    var live = geoHost.readParams();
    live.forEach(function (value, key) { params.set(key, value); });
    var out = {};
    var ev = events(), id = params.get("event");
    if (id && ev && ev.indexOf(id) >= 0) out.event = id;
    var feature = params.get("feature");
    if (feature) {
      layers().forEach(function (l) { if (!out.feature && l.indexOf(feature) >= 0) out.feature = [l.name, l.indexOf(feature)]; });
    }
    ["from", "to"].forEach(function (key) {
      var t = geoTimeline.parseTime(params.get(key) || "");
      if (t && t.precision === "day") out[key] = t.t;
    });
    if (out.from !== undefined && out.to !== undefined && out.from > out.to) { delete out.from; delete out.to; }
    if (params.has("layers")) {
      var names = String(params.get("layers")).split(",");
      out.layers = {};
      layers().forEach(function (l) {
        if (isBuiltin(l)) out.layers[l.name] = names.indexOf(l.name) >= 0;
      });
    }
    var lat = Number(params.get("lat")), lon = Number(params.get("lon")), z = Number(params.get("z"));
    if (params.has("lat") && params.has("lon") && params.has("z") && isFinite(lat) && isFinite(lon) &&
        isFinite(z) && Math.abs(lat) <= 85 && Math.abs(lon) <= 180 && z >= 1 && z <= 19) {
      out.view = [lat, lon, Math.round(z)];
    }
    return out;
  }

  function writeUrl() {
    if (!ready) return;
    clearTimeout(urlTimer);
    urlTimer = setTimeout(function () {
      var params = new URLSearchParams();
      if (state.event) params.set("event", state.event);
      if (state.detail && state.detail.id !== state.event) params.set("feature", state.detail.id);
      if (state.start !== null && state.start > extent[0]) params.set("from", geoTimeline.isoDay(state.start));
      if (state.end !== null && state.end < extent[1]) params.set("to", geoTimeline.isoDay(state.end));
      var builtins = layers().filter(isBuiltin);
      var visible = builtins.filter(function (l) { return map.hasLayer(l.group); });
      var differs = builtins.some(function (l) { return map.hasLayer(l.group) !== defaultVisible(l); });
      if (differs) params.set("layers", visible.map(function (l) { return l.name; }).join(",") || "none");
      var c = map.getCenter();
      params.set("lat", c.lat.toFixed(4));
      params.set("lon", c.lng.toFixed(4));
      params.set("z", String(map.getZoom()));
      if (geoI18n.language() !== "en") params.set("lang", geoI18n.language());
      geoHost.writeParams(params, URL_KEYS);
    }, 120);
  }

  /* --- layers the user added in the app (fetched when the app says they changed) ------------ */

  function onArgs(args) {
    if (args.token) token = args.token;
    if (args.version === undefined || args.version === userVersion || !args.layers_url) return;
    if (!sameOrigin(args.layers_url)) return;  // layers come only from this server (issue 26)
    userVersion = args.version;
    fetch(args.layers_url, {credentials: "same-origin"}).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (payload) { setUserLayers(payload); })
      .catch(function (err) { if (window.console) console.warn("user layers:", err); });
  }

  function sameOrigin(url) {
    try { return new URL(url, window.location.href).origin === window.location.origin; }
    catch (err) { return false; }
  }

  function setUserLayers(payload) {
    if (picker && map.hasLayer(picker)) map.closePopup(picker);  // it lists what was there
    layers().forEach(function (l) {
      if (!isBuiltin(l)) { map.removeLayer(l.group); geoFeatureLayer.forget(l.name); }
    });
    (payload.layers || []).forEach(function (item) {
      var group = geoFeatureLayer.make(item.data, {control: true, layer: item.spec.name, spec: item.spec,
                                                   popup: item.spec.popup});
      var l = group.geo;
      indexTimes(l);
      map.addLayer(group);
      if (colourBy[l.name]) setColour(l.name, colourBy[l.name].field);
    });
    compare = payload.compare || null;
    computeExtent();
    control.render();
    buildTimelineItems();
    applyFilter();
    applyEmphasis();
    renderSide();
    if (payload.focus) {
      var focused = layer(payload.focus);
      if (focused) {
        var all = [];
        for (var i = 0; i < focused.size(); i++) all.push(i);
        fitTo(focused.boundsOf(all));
        if (compare) showSide(true);
      }
    }
  }

  /* --- start ----------------------------------------------------------------------------- */

  function layout() {
    var narrow = geoHost.narrow();
    document.body.classList.toggle("geo-narrow", narrow);
    if (narrow && window.parent !== window) {
      document.body.style.setProperty("--geo-map-height", Math.round(window.parent.innerHeight * 0.62) + "px");
    }
    if (map) map.invalidateSize({animate: false});
  }

  /* Printing: the list of the sources of what is shown opens, the map fits the paper; and back. */
  function watchPrint() {
    var screenView = null;  // the view on the screen: printed on the paper's map, then given back
    function printing(on) {
      var box = el.side && el.side.querySelector(".geo-all-sources");
      if (on && box && !box.open) { box.open = true; refreshSources(); }
      if (on && !screenView) screenView = {bounds: map.getBounds(), center: map.getCenter(), zoom: map.getZoom()};
      map.invalidateSize({animate: false});
      if (on) fitTo(state.event ? eventView(state.event).bounds : screenView.bounds, 9);
      else if (screenView) { map.setView(screenView.center, screenView.zoom, {animate: false}); screenView = null; }
    }
    window.addEventListener("beforeprint", function () { printing(true); });
    window.addEventListener("afterprint", function () { printing(false); });
    var query = window.matchMedia && window.matchMedia("print");
    if (query && query.addEventListener) query.addEventListener("change", function (e) { printing(e.matches); });
  }

  function start(leafletMap, opts, tileLayers) {
    map = leafletMap;
    options = opts;
    tiles = tileLayers || {};
    var asked = geoHost.readParams().get("lang") || new URLSearchParams(window.location.search).get("lang") ||
      (options.initial || {}).lang;
    geoI18n.setup(options.messages, asked);
    lastLanguage = geoI18n.language();
    geoPopups.setHooks(popupHooks());
    document.body.classList.add("geo-explorer");
    el.top = document.querySelector(".geo-top");
    el.side = document.querySelector(".geo-side");
    el.time = document.querySelector(".geo-time");
    layout();
    layers().forEach(indexTimes);
    computeExtent();
    var initial = readUrl();
    layers().forEach(function (l) {
      var on = initial.layers && own.call(initial.layers, l.name) ? initial.layers[l.name] : defaultVisible(l);
      if (on && !map.hasLayer(l.group)) map.addLayer(l.group);
      if (!on && map.hasLayer(l.group)) map.removeLayer(l.group);
    });
    state.start = initial.from === undefined ? null : initial.from;
    state.end = initial.to === undefined ? null : initial.to + DAY - 1;
    applyFilter();
    if (initial.view) map.setView([initial.view[0], initial.view[1]], initial.view[2], {animate: false});
    else fitTo(home());
    map.on("click", onMapClick);
    map.on("moveend", writeUrl);
    el.pointers = L.DomUtil.create("div", "geo-pointers", map.getContainer());
    // a pane of the map: labels move with it while it is dragged, under cards and tooltips
    el.labels = map.createPane("geo-labels");
    el.labels.setAttribute("aria-hidden", "true");
    map.on("move zoomend resize", drawPointers);
    map.on("moveend zoomend resize", drawLabels);
    map.on("resize", fitLegend);
    if (window.ResizeObserver) new ResizeObserver(function () { fitLegend(); }).observe(map.getContainer());
    map.on("zoomstart", function () { el.labels.innerHTML = ""; });
    window.addEventListener("resize", function () { layout(); fitLegend(); if (timeline) timeline.draw(); });
    showSide(!geoHost.narrow() ? true : true);
    geoI18n.whenFontsReady(placeNames(), function () { requestAnimationFrame(function () {  // after the first frame: the controls and panels
      buildTop();
      localiseControls();
      control = new LayersControl().addTo(map);
      control.render();
      buildTimeline();
      map.invalidateSize({animate: false});
      var size = map.getSize();  // with the timeline in place: the map's own size
      control.open(size.x >= 1000 && size.y >= 600);  // a small map keeps its legend folded
      fitLegend();
      refreshDates();
      if (!initial.view && !initial.event && !initial.feature) fitTo(home());  // beside the legend
      el.side.addEventListener("click", onSideClick);
      watchPrint();
      el.side.addEventListener("toggle", refreshSources, true);  // toggle does not bubble
      if (initial.event) {
        var ev = events();
        choose(ev.name, ev.indexOf(initial.event), initial.view ? "map" : "link");
      } else if (initial.feature) {
        choose(initial.feature[0], initial.feature[1], initial.view ? "map" : "link");
      } else {
        renderSide();
      }
      if (initial.event && initial.feature) {
        var fl = layer(initial.feature[0]);
        state.detail = {layer: fl.name, index: initial.feature[1], id: fl.id(initial.feature[1])};
        renderSide();
      }
      refreshEventList();
      ready = true;
      writeUrl();
      geoHost.onArgs(onArgs);
      geoHost.resize();
      performance.mark("geo-ready");
    }); });
  }

  /* The names of places and sites in the page's language: their fonts are loaded with the
     interface's. */
  function placeNames() {
    var lang = geoI18n.language(), sites = layer(options.siteLayer), out = [];
    (options.places || []).forEach(function (place) { if (place.names && place.names[lang]) out.push(place.names[lang]); });
    for (var i = 0; sites && i < sites.size(); i++) out.push(nameOf(sites, i));
    return out.join(" ");
  }

  function allBounds() {
    var bounds = null;
    layers().forEach(function (l) {
      if (!map.hasLayer(l.group)) return;
      var all = [];
      for (var i = 0; i < l.size(); i++) if (l.shown[i]) all.push(i);
      var b = l.boundsOf(all);
      if (b) bounds = bounds ? bounds.extend(b) : b;
    });
    return bounds;
  }

  return {
    start: start,
    state: function () {
      return {start: state.start, end: state.end, event: state.event, play: state.play,
              detail: state.detail ? state.detail.id : null, visible: visibleNames(), extent: extent.slice(),
              ready: ready};
    },
    choose: function (id, how) {
      var found = null;
      layers().forEach(function (l) { if (!found && l.indexOf(id) >= 0) found = [l.name, l.indexOf(id)]; });
      if (found) choose(found[0], found[1], how || "list");
    },
    setRange: setRange,
    setVisible: setVisible,
    setPlayhead: setPlayhead,
    setColour: setColour,
    timeline: function () { return timeline; },
    map: function () { return map; },
    parseTime: geoTimeline.parseTime
  };
})();
