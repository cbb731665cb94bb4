/* The tools' component (a Streamlit component frame of the app's tools panel, geo/tools.js):
   passes each render's arguments — the session's token, version and layers_url, and whether
   the panel shows a warning, and whether the orbit tool asks for a clicked point — to the map,
   the page that holds the panel; and gives the script the point clicked on the map as the
   component's value. It listens only to its own Streamlit page (its parent) and to the map
   (the page above it), each on this origin, and speaks only to this origin (issue 26). */
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
    if (event.origin !== window.location.origin) return;
    var data = event.data;
    if (event.source === map && map !== streamlit && data && data.type === "geo:value") {
      post("streamlit:setComponentValue", {value: data.value, dataType: "json"});
      return;
    }
    if (event.source !== streamlit) return;
    if (!data || data.type !== "streamlit:render" || map === streamlit) return;
    var args = data.args || {};
    map.postMessage({type: "geo:session", token: args.token, version: args.version,
                     layers_url: args.layers_url, warn: !!args.warn, pick_point: !!args.pick_point},
                    window.location.origin);
  });
  post("streamlit:componentReady", {apiVersion: 1});
  post("streamlit:setFrameHeight", {height: 0});
})();
