/* The explorer's messages in the user's language: the catalogues of geo/i18n (gettext .po
   files, read by the server and inlined in the page as JSON), looked up by key, with {name}
   placeholders and plural forms chosen by Intl.PluralRules; the registry's texts (layer
   titles, legends, popup labels, kinds) by their English; names from a feature's `names`;
   dates and numbers in the language's forms (Intl). English keeps the forms the page always
   had (ISO dates). */
var geoI18n = (function () {
  "use strict";
  var own = Object.prototype.hasOwnProperty;
  var all = {}, lang = "en", plurals = null;

  /* The catalogues ({lang: {name, messages, registry}}) and the language asked for (a ?lang=
     value; one the catalogues lack gives English). */
  function setup(catalogues, wanted) {
    all = catalogues || {};
    setLanguage(wanted);
  }

  function pick(wanted) {
    var code = String(wanted || "").toLowerCase().split(/[-_]/)[0];
    return own.call(all, code) ? code : "en";
  }

  function setLanguage(wanted) {
    lang = pick(wanted);
    plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
    document.documentElement.lang = lang;
    return lang;
  }

  function language() { return lang; }

  /* [[code, name in its own language], ...] */
  function languages() {
    return Object.keys(all).map(function (code) { return [code, all[code].name || code]; });
  }

  function fill(text, params) {
    return String(text).replace(/\{(\w+)\}/g, function (whole, name) {
      return params && own.call(params, name) ? String(params[name]) : whole;
    });
  }

  function lookup(key) {
    var mine = all[lang] && all[lang].messages, en = all.en && all.en.messages;
    if (mine && own.call(mine, key)) return mine[key];
    if (en && own.call(en, key)) return en[key];
    return null;
  }

  /* The message key, its placeholders filled; the key itself when no catalogue has it. */
  function t(key, params) {
    var found = lookup(key);
    if (found === null) return key;
    if (typeof found === "object") found = found.other || found.one || key;
    return fill(found, params);
  }

  /* The form of a plural message for count, filled ({count} in the language's digits). */
  function n(key, count, params) {
    var found = lookup(key), out = {count: number(count)};
    Object.keys(params || {}).forEach(function (k) { out[k] = params[k]; });
    if (found === null) return key;
    if (typeof found === "string") return fill(found, out);
    var tag = plurals ? plurals.select(count) : (count === 1 ? "one" : "other");
    return fill(own.call(found, tag) ? found[tag] : found.other, out);
  }

  /* A text the layer registry declares (English), in the language. */
  function text(english) {
    var reg = all[lang] && all[lang].registry;
    return reg && typeof english === "string" && own.call(reg, english) ? reg[english] : english;
  }

  /* A kind, outcome, method…: the registry's word for a value, or null when it has none. */
  function word(value) {
    var reg = all[lang] && all[lang].values;
    return lang !== "en" && reg && typeof value === "string" && own.call(reg, value) ? reg[value] : null;
  }

  function number(x, digits) {
    if (typeof x !== "number" || !isFinite(x)) return String(x);
    var opts = digits === undefined ? {} : {minimumFractionDigits: digits, maximumFractionDigits: digits};
    return x.toLocaleString(lang, opts);
  }

  function pad(k) { return (k < 10 ? "0" : "") + k; }

  /* A UTC day: "2023-05-31" in English (as always), the locale's numeric form otherwise. */
  function day(t) {
    var d = new Date(t);
    if (lang === "en") return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate());
    return new Intl.DateTimeFormat(lang, {timeZone: "UTC", year: "numeric", month: "2-digit", day: "2-digit"})
      .format(d);
  }

  /* A time at its recorded precision ({t, precision}) in the locale's long form, in UTC. */
  function when(time, approximate) {
    var fields = {timeZone: "UTC", year: "numeric"};
    if (time.precision !== "year") fields.month = "long";
    if (time.precision !== "year" && time.precision !== "month") fields.day = "numeric";
    if (time.precision === "minute" || time.precision === "second") {
      fields.hour = "2-digit"; fields.minute = "2-digit"; fields.hourCycle = "h23";
      if (time.precision === "second") fields.second = "2-digit";
    }
    var text = new Intl.DateTimeFormat(lang, fields).format(new Date(time.t));
    if (fields.hour) text = t("time.utc", {time: text});
    return approximate ? t("time.about", {time: text}) : text;
  }

  /* A feature's name in the language: {text, fallback} — its `names`' entry, or its English
     name (fallback: true) where it has none. */
  function name(names, english) {
    if (lang !== "en" && names && typeof names === "object" && typeof names[lang] === "string" && names[lang]) {
      return {text: names[lang], fallback: false};
    }
    return {text: String(english), fallback: lang !== "en"};
  }

  /* The HTML of a name: data (translate="no"), and where it is the English fallback, marked as
     such (lang="en", a dotted underline, a title saying so). */
  function nameHtml(names, english, esc) {
    var found = name(names, english);
    if (!found.fallback) return '<span translate="no">' + esc(found.text) + "</span>";
    return '<span translate="no" lang="en" class="geo-fallback" title="' + esc(t("name.fallback")) + '">' +
      esc(found.text) + "</span>";
  }

  /* fn() once the fonts of the language's own texts (and of extra, such as place names) are
     loaded, or after at most 3 s. Text drawn before its font slice arrives keeps its boxes in
     Chromium (its shaping is cached), so the explorer draws its Korean only after the slices of
     the catalogue's characters are in: some 15 of Noto Sans KR's, about 140 kB. English: now. */
  function whenFontsReady(extra, fn) {
    var done = false;
    function go() { if (!done) { done = true; fn(); } }
    if (lang === "en" || !document.fonts || !document.fonts.load) { go(); return; }
    var parts = [extra || ""], mine = all[lang] || {};
    ["messages", "registry", "values"].forEach(function (group) {
      Object.keys(mine[group] || {}).forEach(function (key) {
        var value = mine[group][key];
        parts.push(typeof value === "object" ? Object.keys(value).map(function (k) { return value[k]; }).join(" ") : value);
      });
    });
    var text = parts.join(" ");
    Promise.all(["400", "600"].map(function (weight) {
      return document.fonts.load(weight + ' 13px "Noto Sans KR"', text);
    })).then(go, go);
    setTimeout(go, 3000);
  }

  return {setup: setup, whenFontsReady: whenFontsReady, setLanguage: setLanguage, language: language, languages: languages, t: t, n: n,
          text: text, word: word, number: number, day: day, when: when, name: name, nameHtml: nameHtml};
})();
