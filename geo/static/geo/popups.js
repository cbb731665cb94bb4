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
  /* Python's whitespace (str.isspace, re's \s), spelt out: JavaScript's \s and trim() lack
     \x1c-\x1f and \x85 and have \ufeff. The same class as _SPACE in popups.py. */
  var SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f" +
    "\\u205f\\u3000";
  var SPACE_CHAR = new RegExp("[" + SPACE + "]");
  /* _URL of popups.py: "http(s)://" in ASCII case (no /i, which would also take other letters)
     and then no whitespace, <, >, quotes or backquote. Its lookbehind, "not right after an
     ASCII letter, digit or _+.:/-", is checked in linkedText (older Safari has no lookbehind). */
  var URL_IN_TEXT = new RegExp("[Hh][Tt][Tt][Pp][Ss]?://[^" + SPACE + "<>\"'`]+", "gu");
  var GLUED = /[0-9A-Za-z_+.:\/-]/;
  var URL_END = /[.,;:!?)\]}']+$/;  /* what Python's url.rstrip(".,;:!?)]}'") takes off */
  /* Python's str.strip(): only Python's whitespace, from both ends. */
  function strip(text) {
    var start = 0, end = text.length;
    while (start < end && SPACE_CHAR.test(text.charAt(start))) start += 1;
    while (end > start && SPACE_CHAR.test(text.charAt(end - 1))) end -= 1;
    return text.slice(start, end);
  }
  function safeLink(url, label) {
    var text = esc(label);
    /* Python's re.IGNORECASE lets the long s (U+017F) match "s": so does this. */
    if (typeof url === "string" && /^[Hh][Tt][Tt][Pp][Ss\u017f]?:\/\//.test(strip(url))) {
      return '<a href="' + esc(strip(url)) + '" target="_blank" rel="noopener noreferrer">' +
        text + "</a>";
    }
    return text + (url ? " (" + esc(str(url)) + ")" : "");
  }
  /* linked_text of popups.py: escaped text in which each http(s) URL is a link. */
  function linkedText(value) {
    var text = String(value), out = "", last = 0, match, url;
    URL_IN_TEXT.lastIndex = 0;
    while ((match = URL_IN_TEXT.exec(text)) !== null) {
      if (match.index > 0 && GLUED.test(text.charAt(match.index - 1))) {
        URL_IN_TEXT.lastIndex = match.index + 1;  /* as a failed lookbehind: try further on */
        continue;
      }
      url = match[0].replace(URL_END, "");
      out += esc(text.slice(last, match.index)) + safeLink(url, url);
      last = match.index + url.length;
    }
    return out + esc(text.slice(last));
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
  /* generic_popup of popups.py, from generic_rows(props): [[field, value], ...] as strings. */
  function generic(rows) {
    var html = "";
    (Array.isArray(rows) ? rows : []).forEach(function (row) {
      html += "<tr><th>" + esc(row[0]) + "</th><td>" + linkedText(row[1]) + "</td></tr>";
    });
    return '<div class="geo-popup"><table>' + html + "</table></div>";
  }
  /* tooltip of popups.py: the name, escaped; "None" when missing or null, "True" or "False",
     a number as String() writes it (popups.py writes it the same way), "" for anything else. */
  function tooltip(props) {
    var name = props && Object.prototype.hasOwnProperty.call(props, "name") ? props.name : null;
    if (typeof name === "string") return esc(name);
    if (name === null || name === undefined) return "None";
    if (typeof name === "boolean") return name ? "True" : "False";
    if (typeof name === "number") return esc(String(name));
    return "";
  }
  return {esc: esc, event: event, zone: zone, generic: generic, tooltip: tooltip};
})();
