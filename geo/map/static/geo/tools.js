/* The app's tools panel: the Streamlit page (your data, notices, range rings, orbits) in a frame
   beside the map, on the app's front page. Its address is in <meta name="geo-tools">.

   The frame is made once the map is ready, so Streamlit (its page, script run and session)
   never holds the map back. Inside it, a component of the Streamlit page (geo/bridge.js)
   announces the session's layers (token, version, layers_url), and opens the panel when it
   warns that the layer files cannot be read; only a frame of this panel, on this origin, is
   listened to (issue 26). The map speaks to Streamlit only to give the orbit tool the point
   clicked while that tool asks for one (geo/pointpick.js): nothing else on the map causes a
   rerun. */
var geoTools = (function () {
  "use strict";
  var meta = document.querySelector('meta[name="geo-tools"]');
  var address = meta ? meta.getAttribute("content") : null;
  var panel = null, frame = null, listeners = [], bridge = null, open = false, warned = false;

  /* The panel's words in the map's language (geo/i18n.js), English where it is not loaded. */
  function word(key, english) {
    return typeof geoI18n !== "undefined" ? geoI18n.t(key) : english;
  }

  function relabel() {
    if (!panel) return;
    var lang = typeof geoI18n !== "undefined" ? geoI18n.language() : "en";
    panel.setAttribute("aria-label", word("top.data", "Your data & analysis"));
    panel.querySelector("strong").textContent = word("top.data", "Your data & analysis");
    var close = panel.querySelector("button");
    close.title = word("tools.close", "Close the panel");
    close.setAttribute("aria-label", close.title);
    frame.title = word("top.data", "Your data & analysis");
    frame.lang = lang;
  }

  /* The tools' address, in the map's language from their first run (?lang=). */
  function source() {
    var lang = typeof geoI18n !== "undefined" ? geoI18n.language() : "en";
    return lang === "en" ? address : address + (address.indexOf("?") < 0 ? "?" : "&") + "lang=" + lang;
  }

  function build() {
    if (panel) return;
    panel = document.createElement("aside");
    panel.className = "geo-tools";
    panel.setAttribute("aria-label", "Your data & analysis");
    panel.setAttribute("data-collapsed", "true");
    var head = document.createElement("div");
    head.className = "geo-tools-head";
    var title = document.createElement("strong");
    title.textContent = "Your data & analysis";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "✕";
    close.title = "Close the panel";
    close.setAttribute("aria-label", "Close the panel");
    close.addEventListener("click", function () { show(false); });
    head.appendChild(title);
    head.appendChild(close);
    frame = document.createElement("iframe");
    frame.className = "geo-tools-frame";
    frame.title = "Your data & analysis";
    frame.src = source();
    panel.appendChild(head);
    panel.appendChild(frame);
    document.body.appendChild(panel);
    relabel();
  }

  function show(wanted) {
    build();
    open = !!wanted;
    panel.setAttribute("data-collapsed", open ? "false" : "true");
    document.body.classList.toggle("geo-tools-open", open);
    window.dispatchEvent(new Event("resize"));  // the map and its panels take the space left
  }

  /* The session's layers, from the panel's own component frame only. */
  function onMessage(event) {
    if (!frame || event.origin !== window.location.origin) return;
    var source = event.source;
    try {
      if (!source || source === frame.contentWindow || source.parent !== frame.contentWindow) return;
    } catch (err) { return; }
    var data = event.data;
    if (!data || data.type !== "geo:session" || typeof data.token !== "string" ||
        typeof data.version !== "number" || typeof data.layers_url !== "string") return;
    if (data.warn === true && !warned) { warned = true; show(true); }  // the layers' warning
    bridge = source;
    var args = {token: data.token, version: data.version, layers_url: data.layers_url,
                pick_point: data.pick_point === true};
    listeners.forEach(function (fn) { fn(args); });
  }

  /* fn(args) for each announcement; the panel's frame is made now (the map, ready, connects
     first), unless later is set: a module that listens from its start (geo/pointpick.js) must
     not make the frame before the map, nor before the page has a body to hold it. */
  function connect(fn, later) {
    listeners.push(fn);
    if (!later) setTimeout(build, 0);
  }

  /* A value for the tools' script, to the component that spoke last (on this origin only). */
  function send(value) {
    if (bridge) bridge.postMessage({type: "geo:value", value: value}, window.location.origin);
  }

  window.addEventListener("message", onMessage);

  return {
    url: function () { return address; },
    connect: connect,
    send: send,
    toggle: function () { show(!open); },
    relabel: relabel,
    isOpen: function () { return open; }
  };
})();
