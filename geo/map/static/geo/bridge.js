/* The tools' component (a Streamlit component frame of the app's tools panel, geo/tools.js):
   passes each render's arguments — the session's token, version and layers_url, and whether
   the panel shows a warning — to the map, the page that holds the panel. It listens only to its own Streamlit page (its parent, on
   this origin) and speaks only to this origin (issue 26). */
(function () {
  "use strict";
  if (window.parent === window) return;
  var streamlit = window.parent, map = window.parent.parent;

  function post(type, extra) {
    var message = {isStreamlitMessage: true, type: type};
    for (var key in extra || {}) message[key] = extra[key];
    streamlit.postMessage(message, window.location.origin);
  }

  window.addEventListener("message", function (event) {
    if (event.source !== streamlit || event.origin !== window.location.origin) return;
    var data = event.data;
    if (!data || data.type !== "streamlit:render" || map === streamlit) return;
    var args = data.args || {};
    map.postMessage({type: "geo:session", token: args.token, version: args.version,
                     layers_url: args.layers_url, warn: !!args.warn}, window.location.origin);
  });
  post("streamlit:componentReady", {apiVersion: 1});
  post("streamlit:setFrameHeight", {height: 0});
})();
