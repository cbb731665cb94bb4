/* Popups built in the browser from feature properties: the twin of geo/popups.py.
   Sending properties instead of rendered HTML keeps large maps small; a browser test checks
   that both sides give the same HTML for every feature of the catalogue. */
var geoPopups = (function () {
  "use strict";
  var RAW_LABELS = {reported: "Notice text", digitised: "Described as",
                    derived: "Model assumptions"};
  function rawLabel(method) {
    return Object.prototype.hasOwnProperty.call(RAW_LABELS, method) ? RAW_LABELS[method]
      : "Notice text";
  }
  function esc(value) {
    return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }
  function blank(value) {
    return value === null || value === undefined || value === "" ||
      (Array.isArray(value) && value.length === 0);
  }
  function str(value) { return value === null || value === undefined ? "None" : String(value); }
  function get(props, key, fallback) { return key in props ? props[key] : fallback; }
  function safeLink(url, label) {
    var text = esc(label);
    if (typeof url === "string" && /^https?:\/\//i.test(url.trim())) {
      return '<a href="' + esc(url.trim()) + '" target="_blank" rel="noopener noreferrer">' +
        text + "</a>";
    }
    return text + (url ? " (" + esc(str(url)) + ")" : "");
  }
  function row(label, value) {
    if (blank(value)) return "";
    return "<tr><th>" + esc(label) + "</th><td>" + esc(str(value)) + "</td></tr>";
  }
  function sources(list) {
    var items = [];
    (Array.isArray(list) ? list : []).forEach(function (src) {
      if (!src || typeof src !== "object" || Array.isArray(src)) return;
      var label = str(get(src, "title", "source")) + ": " + str(get(src, "publisher", "")) +
        ", " + str(get(src, "date", ""));
      var item = safeLink(src.url, label);
      if (src.quote) item += "<blockquote>\u201c" + esc(str(src.quote)) + "\u201d</blockquote>";
      items.push("<li>" + item + "</li>");
    });
    return items.length ?
      '<div class="geo-sources"><b>Sources</b><ol>' + items.join("") + "</ol></div>" : "";
  }
  function timeUtc(props) {
    var value = String(props.time_utc || "");
    if (value.indexOf("T") >= 0) value = value.split("T").join(" ").split("Z").join(" UTC");
    else if (value) value += " (date only)";
    return (props.time_approximate ? "about " : "") + value;
  }
  function event(props) {
    var launch = "";
    if (props.vehicle || props.payload) {
      launch = (props.vehicle || "?") + " \u2192 " + (props.payload || "?");
    }
    var rows = row("UTC", timeUtc(props)) +
      row("Local", String(props.time_local || "").split("T").join(" ")) +
      row("Site", props.site_name) +
      row("Vehicle \u2192 payload", launch) +
      row("Outcome", props.outcome !== "n/a" ? props.outcome : null);
    return '<div class="geo-popup"><h4>' + esc(str(get(props, "name", ""))) + "</h4>" +
      "<table>" + rows + "</table><p>" + esc(str(props.summary || "")) + "</p>" +
      sources(props.sources) + "</div>";
  }
  function zone(props) {
    var window_ = [props.valid_from, props.valid_to].filter(function (v) { return v; })
      .map(str).join(" to ");
    if (props.validity_note) {
      window_ = window_ ? window_ + " (" + props.validity_note + ")" : str(props.validity_note);
    }
    var area = props.area_km2 ?
      Math.floor(props.area_km2 + 0.5).toLocaleString("en-US") + " km\u00b2" : null;
    var rows = row("Kind", str(get(props, "kind", "")).split("_").join(" ")) +
      row("Stage", props.stage) + row("Event", props.event_name) +
      row("Geometry", props.geometry_method) + row("How drawn", props.geometry_note) +
      row("Confidence", props.confidence) + row("Valid", window_) +
      row("Issuer", props.issuer) + row("Area", area);
    return '<div class="geo-popup"><h4>' + esc(str(get(props, "name", ""))) + "</h4>" +
      "<table>" + rows + "</table><p><b>" +
      rawLabel(str(props.geometry_method)) + "</b></p><pre>" +
      esc(str(props.raw_text || "")) + "</pre>" + sources(props.sources) + "</div>";
  }
  return {esc: esc, event: event, zone: zone};
})();
