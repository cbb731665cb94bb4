/* The explorer's host: the app's front page, or a page that stands alone (the explorer's own
   page, or the offline file opened from disk). This script runs in the page's head, before the
   map is made.

   In the app (the page has the panel of its tools, geo/tools.js, loaded before this): the
   permalink is the page's query string, the tools panel is opened from the explorer's top bar,
   and the session's layers are announced by the panel once the map is ready.
   Alone: the permalink lives in the page's own #fragment. */
var geoHost = (function () {
  "use strict";
  var embedded = typeof geoTools !== "undefined" && geoTools.url() !== null;  // in the app
  var NARROW_PX = 700;

  function narrow() {
    return window.innerWidth < NARROW_PX;
  }

  /* The page sizes itself (it is no frame any more): nothing to tell anyone. */
  function resize() {}

  /* Give the app's tools a value of the map's: its language (its switch) and the orbit tool's
     picked point, kept side by side in the session component's one value (the tools' script
     reruns with it). */
  var sent = {};
  function send(value) {
    if (!embedded) return;
    for (var key in value) if (Object.prototype.hasOwnProperty.call(value, key)) sent[key] = value[key];
    geoTools.send(JSON.parse(JSON.stringify(sent)));
  }

  /* fn(args) for each announcement of the session's layers ({token, version, layers_url,
     pick_point}); the tools panel starts connecting when the map first listens, so it never
     holds the map back (later: listen without making the panel, geo/tools.js). */
  function onArgs(fn, later) {
    if (embedded) geoTools.connect(fn, later);
  }

  /* The permalink's parameters as a URLSearchParams. */
  function readParams() {
    if (embedded) return new URLSearchParams(window.location.search);
    return new URLSearchParams(window.location.hash.replace(/^#/, ""));
  }

  /* Write the permalink's parameters (the others of the page's URL are kept). */
  function writeParams(params, keys) {
    try {
      if (embedded) {
        var url = new URL(window.location.href);
        keys.forEach(function (key) { url.searchParams.delete(key); });
        params.forEach(function (value, key) { url.searchParams.set(key, value); });
        if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url.href);
      } else {
        var text = params.toString();
        if (("#" + text) !== window.location.hash) {
          window.history.replaceState(window.history.state, "", text ? "#" + text : window.location.pathname);
        }
      }
    } catch (err) { /* a file URL that refuses: nothing to keep */ }
  }

  function link() {
    return window.location.href;
  }

  /* The app's tools (your data, notices, range rings): opened or closed from the explorer. */
  function sidebarButton() {
    return embedded ? {click: function () { geoTools.toggle(); }} : null;
  }

  function sidebarOpen() {
    return embedded && geoTools.isOpen();
  }

  /* The page hands its map to the explorer: explore(map, options, tiles) from the page's own
     script, explored(start) from the explorer's module (geo/explorer/main.js), which runs
     after the page's scripts (modules are deferred); whichever comes second starts it. */
  var handed = null, starter = null;
  function explore(map, options, tiles) {
    handed = [map, options, tiles];
    if (starter) starter.apply(null, handed);
  }
  function explored(start) {
    starter = start;
    if (handed) start.apply(null, handed);
  }

  return {embedded: embedded, narrow: narrow, resize: resize, onArgs: onArgs, send: send,
          readParams: readParams, writeParams: writeParams, link: link,
          sidebarButton: sidebarButton, sidebarOpen: sidebarOpen, explore: explore, explored: explored};
})();
