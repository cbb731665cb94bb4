/* Popups built in the browser from a layer's popup spec (geo/layers/spec.py), as
   geo/layers/popup.py builds them on the server: the spec is declared once, in the registry,
   and both sides render that data the same way (a browser test compares them for every
   feature of the catalogue). Every value is escaped; only http(s) URLs become links. */
var geoPopups = (function () {
  "use strict";
  var own = Object.prototype.hasOwnProperty;
  /* The explorer's language (geo/map/static/geo/i18n.js), when it is not English: format(name,
     values) gives a row's text in it or null (as below), sources the heading of the sources. */
  var hooks = null;

  function esc(value) {
    return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }
  function blank(value) {
    return value === null || value === undefined || value === "" ||
      (Array.isArray(value) && value.length === 0);
  }
  function get(props, key, fallback) { return own.call(props, key) ? props[key] : fallback; }

  /* A number with d decimals, rounded half away from zero (toFixed does, on the exact value),
     with thousands commas when grouping; trailing zeros dropped when strip. */
  function fixed(x, d, grouping, strip) {
    if (typeof x !== "number" || !isFinite(x) || Math.abs(x) >= 1e15) return "\u2026";
    var parts = Math.abs(x).toFixed(d).split("."), whole = parts[0], frac = parts[1] || "";
    if (grouping) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    if (strip) frac = frac.replace(/0+$/, "");
    var out = frac ? whole + "." + frac : whole;
    return x < 0 && /[1-9]/.test(out) ? "-" + out : out;
  }
  /* text_of of popup.py: strings as they are, numbers to at most 6 decimals, lists joined. */
  function textOf(value) {
    if (typeof value === "string") return value;
    if (typeof value === "boolean") return value ? "yes" : "no";
    if (typeof value === "number") return fixed(value, 6, false, true);
    if (Array.isArray(value)) return value.map(textOf).join("; ");
    if (value === null || value === undefined) return "";
    return "\u2026";
  }

  /* Python's whitespace, spelt out (JavaScript's \s and trim() differ from it): the class of
     _SPACE in popup.py. */
  var SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f" +
    "\\u205f\\u3000";
  var SPACE_CHAR = new RegExp("[" + SPACE + "]");
  /* _URL of popup.py: "http(s)://" in ASCII case, then no whitespace, <, >, quotes or
     backquote. Its lookbehind (not right after an ASCII letter, digit or _+.:/-) is checked
     in linkedText. */
  var URL_IN_TEXT = new RegExp("[Hh][Tt][Tt][Pp][Ss]?://[^" + SPACE + "<>\"'`]+", "gu");
  var GLUED = /[0-9A-Za-z_+.:\/-]/;
  var URL_END = /[.,;:!?)\]}']+$/;
  function strip(text) {
    var start = 0, end = text.length;
    while (start < end && SPACE_CHAR.test(text.charAt(start))) start += 1;
    while (end > start && SPACE_CHAR.test(text.charAt(end - 1))) end -= 1;
    return text.slice(start, end);
  }
  function safeLink(url, label) {
    var text = esc(label);
    if (typeof url === "string" && /^[Hh][Tt][Tt][Pp][Ss]?:\/\//.test(strip(url))) {
      return '<a href="' + esc(strip(url)) + '" target="_blank" rel="noopener noreferrer">' +
        text + "</a>";
    }
    return text + (blank(url) ? "" : " (" + esc(textOf(url)) + ")");
  }
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

  function withNumber(unit, d, prefix) {
    return function (values) {
      var v = values[0];
      if (typeof v !== "number") return blank(v) ? null : textOf(v);
      return (prefix || "") + fixed(v, d || 0, true, false) + unit;
    };
  }
  var FORMATTERS = {
    text: function (values) { return blank(values[0]) ? null : textOf(values[0]); },
    words: function (values) {
      return blank(values[0]) ? null : textOf(values[0]).split("_").join(" ");
    },
    utc: function (values) {
      if (blank(values[0])) return null;
      var text = textOf(values[0]);
      text = text.indexOf("T") >= 0 ? text.split("T").join(" ").split("Z").join(" UTC")
        : text + " (date only)";
      return (values[1] === true ? "about " : "") + text;
    },
    local: function (values) {
      return blank(values[0]) ? null : textOf(values[0]).split("T").join(" ");
    },
    arrow: function (values) {
      if (values.every(blank)) return null;
      return values.map(function (v) { return blank(v) ? "?" : textOf(v); }).join(" \u2192 ");
    },
    window: function (values) {
      var window_ = [values[0], values[1]].filter(function (v) { return !blank(v); })
        .map(textOf).join(" to ");
      if (!blank(values[2])) {
        return window_ ? window_ + " (" + textOf(values[2]) + ")" : textOf(values[2]);
      }
      return window_ || null;
    },
    km2: withNumber(" km\u00b2"),
    km: withNumber(" km"),
    degrees: withNumber("\u00b0", 1),
    names: function (values) {
      var names = values[0];
      if (!names || typeof names !== "object" || Array.isArray(names)) {
        return blank(names) ? null : textOf(names);
      }
      var out = Object.keys(names).filter(function (lang) { return lang !== "en"; })
        .map(function (lang) { return textOf(names[lang]); }).join(", ");
      return out || null;
    },
    within_m: withNumber(" m", 0, "within ")
  };

  function row(spec, props) {
    var values = spec.fields.map(function (f) { return get(props, f); });
    var local = hooks && hooks.format ? hooks.format(spec.format, values) : null;
    if (local !== null && local !== undefined) {
      return spec.hide.indexOf(local) >= 0 ? "" : "<tr><th>" + esc(spec.label) + "</th><td>" + esc(local) + "</td></tr>";
    }
    var value = FORMATTERS[spec.format](spec.fields.map(function (f) { return get(props, f); }));
    if (value === null || value === "" || spec.hide.indexOf(value) >= 0) return "";
    return "<tr><th>" + esc(spec.label) + "</th><td>" + esc(value) + "</td></tr>";
  }
  function isSource(src) { return !!src && typeof src === "object" && !Array.isArray(src); }
  /* A source as a link: "title: publisher, date". */
  function sourceLink(src) {
    var label = textOf(get(src, "title", "source")) + ": " + textOf(get(src, "publisher", "")) +
      ", " + textOf(get(src, "date", ""));
    return safeLink(src.url, label);
  }
  function sources(list) {
    var items = [];
    (Array.isArray(list) ? list : []).forEach(function (src) {
      if (!isSource(src)) return;
      var item = sourceLink(src);
      if (!blank(src.quote)) item += "<blockquote>\u201c" + esc(textOf(src.quote)) + "\u201d</blockquote>";
      items.push("<li>" + item + "</li>");
    });
    return items.length ?
      '<div class="geo-sources"><b>' + esc(hooks && hooks.sources ? hooks.sources : "Sources") + "</b><ol>" + items.join("") + "</ol></div>" : "";
  }
  function everyField(rows) {
    var html = "";
    (Array.isArray(rows) ? rows : []).forEach(function (pair) {
      html += "<tr><th>" + esc(pair[0]) + "</th><td>" + linkedText(pair[1]) + "</td></tr>";
    });
    return "<table>" + html + "</table>";
  }
  function block(spec, props, ctx) {
    var value = spec.field ? get(props, spec.field) : undefined;
    switch (spec.kind) {
      case "text":
        if (blank(value)) return "";
        return "<p>" + (spec.label ? "<b>" + esc(spec.label) + "</b> " : "") +
          esc(textOf(value)) + "</p>";
      case "pre": {
        if (blank(value)) return "";
        var key = spec.label_field ? get(props, spec.label_field) : undefined;
        var labels = spec.labels || {};
        var label = key !== null && key !== undefined && own.call(labels, textOf(key)) ?
          labels[textOf(key)] : (spec.label || "");
        var lang = textOf(get(props, "language") || "");  // a notice's language: its glyphs
        var attr = /^(zh|ja|ko|en|ru)$/.test(lang) ? ' lang="' + lang + '"' : "";
        return "<p><b>" + esc(label) + "</b></p><pre" + attr + ">" + esc(textOf(value)) + "</pre>";
      }
      case "note":
        return "<p><i>" + esc(spec.text || "") + "</i></p>";
      case "sources":
        return sources(value);
      case "related": {
        if (!ctx || !ctx.related) return "";
        var items = ctx.related(spec.layer, spec.via, textOf(get(props, "id", null)))
          .map(function (other) {
            return "<li>" + esc(spec.show.map(function (f) { return textOf(get(other, f)); })
              .join(": ")) + "</li>";
          }).join("");
        return items ? "<p><b>" + esc(spec.label || "") + "</b></p><ul>" + items + "</ul>" : "";
      }
      default:
        return everyField(ctx && ctx.rows);
    }
  }
  /* The popup of props by spec (see geo/layers/spec.py); ctx: {related(layer, via, id),
     rows: [[field, text], ...] for every_field}; card: only the parts marked for the card. */
  function render(spec, props, ctx, card) {
    var title = get(props, spec.title);
    var head = blank(title) ? "" : "<h4>" + esc(textOf(title)) + "</h4>";
    var cells = spec.rows.filter(function (r) { return r.card || !card; })
      .map(function (r) { return row(r, props); }).join("");
    var blocks = spec.blocks.filter(function (b) { return b.card || !card; })
      .map(function (b) { return block(b, props, ctx); }).join("");
    return '<div class="geo-popup">' + head + (cells ? "<table>" + cells + "</table>" : "") +
      blocks + "</div>";
  }
  /* The hover text: the feature's name, escaped (its id when it has none). */
  function tooltip(props) {
    var name = props ? get(props, "name") : null;
    return esc(blank(name) ? textOf(props && get(props, "id")) : textOf(name));
  }
  /* The distinct sources of many features' source lists, as list items, by date. */
  function sourceItems(lists) {
    var seen = {}, found = [];
    lists.forEach(function (list) {
      (Array.isArray(list) ? list : []).forEach(function (src) {
        if (!isSource(src)) return;
        var key = textOf(get(src, "id", "")) || textOf(get(src, "url", "")) || textOf(get(src, "title", ""));
        if (Object.prototype.hasOwnProperty.call(seen, key)) return;
        seen[key] = true;
        found.push(src);
      });
    });
    found.sort(function (a, b) {
      var x = textOf(get(a, "date", "")), y = textOf(get(b, "date", ""));
      return x < y ? -1 : x > y ? 1 : 0;
    });
    return found.map(function (src) { return "<li>" + sourceLink(src) + "</li>"; });
  }

  function setHooks(h) { hooks = h || null; }

  return {esc: esc, render: render, setHooks: setHooks, tooltip: tooltip, textOf: textOf, sourceItems: sourceItems};
})();
