/* Times as the records write them, read and written back, with no canvas and no map: its one
   job. parseTime reads "2023", "2023-09", "2023-09-13T10:00Z"… as the first and last
   millisecond each may stand for; describe, isoAt, isoDay and monthName write a time at the
   precision recorded, in the page's language (geo/i18n.js). The timeline (geo/timeline.js),
   the explorer's modules and node's tests (tests/js) read times through it. */
var geoTimes = (function () {
  "use strict";
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  /* A time as written (2023, 2023-09, 2023-09-13, 2023-09-13T10:00Z, …) → {t, t1, precision}:
     the first and last millisecond it may stand for. null when it is not a time. */
  function parseTime(text) {
    if (typeof text !== "string") return null;
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/
      .exec(text.trim());
    if (!m) return null;
    var y = +m[1], mo = m[2] ? +m[2] - 1 : 0, d = m[3] ? +m[3] : 1;
    var h = m[4] ? +m[4] : 0, mi = m[5] ? +m[5] : 0, s = m[6] ? +m[6] : 0;
    if (mo > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
    var t = Date.UTC(y, mo, d, h, mi, s);
    if (m[7] && m[7] !== "Z") {
      var sign = m[7][0] === "-" ? -1 : 1, digits = m[7].slice(1).replace(":", "");
      t -= sign * (+digits.slice(0, 2) * 60 + +digits.slice(2)) * 60000;
    }
    var precision = m[6] ? "second" : m[5] ? "minute" : m[3] ? "day" : m[2] ? "month" : "year";
    var t1 = precision === "year" ? Date.UTC(y + 1, 0, 1) - 1 : precision === "month" ?
      Date.UTC(y, mo + 1, 1) - 1 : precision === "day" ? t + 86400000 - 1 :
      precision === "minute" ? t + 59999 : t;
    return {t: t, t1: t1, precision: precision};
  }

  /* Whether the page speaks another language than English (geo/map/static/geo/i18n.js). */
  function local() { return typeof geoI18n !== "undefined" && geoI18n.language() !== "en"; }

  /* A month's short name (0: January) in the page's language: "Sep", "9월". */
  function monthName(m) {
    if (!local()) return MONTHS[m];
    return new Intl.DateTimeFormat(geoI18n.language(), {month: "short", timeZone: "UTC"}).format(Date.UTC(2000, m, 1));
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* A UTC date at the precision it was recorded: "2024-05-27", "2023-09", "2023". */
  function isoAt(time) {
    var day = isoDay(time.t);
    return time.precision === "year" ? day.slice(0, 4) : time.precision === "month" ? day.slice(0, 7) : day;
  }

  /* A time at the precision it was recorded: "2023-05-30 21:27 UTC", "13 Sep 2023", "Sep 2023". */
  function describe(time, approximate) {
    if (!time) return "";
    if (local()) return geoI18n.when(time, approximate);  // the explorer's language, not English
    var d = new Date(time.t), text;
    var day = d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
    if (time.precision === "year") text = String(d.getUTCFullYear());
    else if (time.precision === "month") text = MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
    else if (time.precision === "day") text = day;
    else {
      text = day + " " + pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) +
        (time.precision === "second" ? ":" + pad(d.getUTCSeconds()) : "") + " UTC";
    }
    return (approximate ? "about " : "") + text;
  }

  /* The UTC day of a millisecond time: "2024-05-27". */
  function isoDay(t) {
    var d = new Date(t);
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate());
  }

  return {parseTime: parseTime, isoAt: isoAt, describe: describe, isoDay: isoDay, monthName: monthName};
})();
