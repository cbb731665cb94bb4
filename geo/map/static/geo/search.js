/* Search: the words a user types, read as a coordinate or matched against names.

   geoSearch.coordinate(text)  {lat, lon} for a position in any usual notation, {error} for one
                               that is written like a position but impossible (a latitude of
                               95°, 61 minutes), or null for text that is not a position:
                                 39.65, 124.73        -33.9 151.2
                                 39.65N 124.73E       N39.65 E124.73      39.65°N, 124.73°E
                                 39°39'36"N 124°42'18"E                   39 39 36 N 124 42 18 E
                                 39-39.6N 124-42.3E   39-39-36N 124-42-18E
                                 393936N1244218E      3939N12442E (NOTAM style)
   geoSearch.match(text, items, n)  the n items whose names best match the words, best first;
                               an item is {names: [..], boost: 0|1, …}; every word must start a
                               word of one of its names (case, accents and hyphens ignored).
   Pure functions, no DOM: the explorer draws the box and the list. */
var geoSearch = (function () {
  "use strict";

  var NUMBER = /[0-9]+(?:\.[0-9]+)?/g;

  function normalise(text) {
    return String(text).toUpperCase()
      .replace(/[\u2032\u2019\u00b4`]/g, "'").replace(/[\u2033\u201d]|''/g, '"')
      .replace(/[\u00ba\u02da]/g, "°").replace(/[\u2212\u2013\u2014]/g, "-")
      .replace(/\s+/g, " ").trim();
  }

  /* One half: hemisphere letter before or after; degrees, minutes, seconds as separate
     numbers, or glued (NOTAM style: DDMM[SS] for latitude, DDDMM[SS] for longitude). */
  function half(part, degreeDigits, letters) {
    var hemi = (part.match(new RegExp("[" + letters + "]", "g")) || []);
    if (hemi.length > 1) return {error: "'" + part + "' names its hemisphere twice", key: "search.error.hemisphere_twice", part: part};
    var body = part.replace(new RegExp("[" + letters + "]", "g"), " ").trim();
    if (/[^0-9.°'"\s-]/.test(body)) return null;
    var negative = /^-/.test(body);
    if (negative) body = body.slice(1);
    var numbers = body.match(NUMBER) || [];
    if (!numbers.length || numbers.length > 3) return null;
    if (numbers.length === 1 && /^[0-9]{4,}(\.[0-9]+)?$/.test(numbers[0]) &&
        numbers[0].split(".")[0].length >= degreeDigits + 2) {
      var whole = numbers[0].split(".")[0], fraction = numbers[0].split(".")[1];
      if (whole.length !== degreeDigits + 2 && whole.length !== degreeDigits + 4) {
        return {error: "'" + part + "' is not DDMM or DDMMSS (" + degreeDigits + " digits of degrees)",
                key: "search.error.packed", part: part, digits: degreeDigits};
      }
      numbers = [whole.slice(0, degreeDigits), whole.slice(degreeDigits, degreeDigits + 2)];
      if (whole.length === degreeDigits + 4) numbers.push(whole.slice(degreeDigits + 2));
      if (fraction) numbers[numbers.length - 1] += "." + fraction;
    }
    for (var k = 0; k < numbers.length - 1; k++) {
      if (numbers[k].indexOf(".") >= 0) return {error: "'" + part + "': only the last number may have decimals", key: "search.error.decimals",
                                                             part: part};
    }
    var d = Number(numbers[0]), m = Number(numbers[1] || 0), s = Number(numbers[2] || 0);
    if (m >= 60 || s >= 60) return {error: "'" + part + "': minutes and seconds must be below 60", key: "search.error.sixty",
                                     part: part};
    var value = d + m / 60 + s / 3600;
    var south = hemi.length && (hemi[0] === "S" || hemi[0] === "W");
    if (negative && hemi.length) return {error: "'" + part + "' has both a minus sign and a hemisphere", key: "search.error.minus",
                                      part: part};
    return {value: (south || negative) ? -value : value, hemi: hemi[0] || null};
  }

  function coordinate(text) {
    var s = normalise(text);
    if (!/[0-9]/.test(s) || s.length > 60) return null;
    var lat, lon, m;
    var lettered = /[NS]/.test(s) && /[EW]/.test(s);
    if (lettered) {
      if (/[^0-9NSEW.°'"\s,;/-]/.test(s)) return null;
      var prefixed = /^[NS]/.test(s);
      // split after the latitude's letter (39N 124E), or before the longitude's (N39 E124)
      m = prefixed ? s.match(/^(.*?)[\s,;/]*([EW].*)$/) : s.match(/^(.*?[NS])[\s,;/]*(.*)$/);
      if (!m) return null;
      lat = half(m[1], 2, "NS");
      lon = half(m[2], 3, "EW");
    } else {
      if (/[A-Z]/.test(s)) return null;
      var degrees = [], re = /-?[0-9]+(?:\.[0-9]+)?\s*°/g, hit;
      while ((hit = re.exec(s))) degrees.push(hit.index);
      if (degrees.length === 2) {
        lat = half(s.slice(0, degrees[1]).replace(/[\s,;/]+$/, ""), 2, "NS");
        lon = half(s.slice(degrees[1]), 3, "EW");
      } else {
        m = s.match(/^(-?[0-9]+(?:\.[0-9]+)?)\s*[,;/ ]\s*(-?[0-9]+(?:\.[0-9]+)?)$/);
        if (!m) return null;
        lat = {value: Number(m[1])};
        lon = {value: Number(m[2])};
      }
    }
    if (!lat || !lon) return null;
    if (lat.error || lon.error) return lat.error ? lat : lon;
    if (Math.abs(lat.value) > 90) return {error: "a latitude of " + Math.abs(lat.value) + "° is beyond the pole",
                                             key: "search.error.latitude", value: Math.abs(lat.value)};
    if (Math.abs(lon.value) > 180) return {error: "a longitude of " + Math.abs(lon.value) + "° is beyond 180°",
                                              key: "search.error.longitude", value: Math.abs(lon.value)};
    return {lat: lat.value, lon: lon.value};
  }

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[-_'’.,()/]+/g, " ").replace(/\s+/g, " ").trim();
  }

  function score(words, names) {
    var best = -1;
    names.forEach(function (name, k) {
      var folded = " " + fold(name), total = 0;
      for (var w = 0; w < words.length; w++) {
        var at = folded.indexOf(" " + words[w]);
        if (at < 0) { total = -1; break; }
        total += (at === 0 ? 4 : 2) + (folded.indexOf(" " + words[w] + " ") >= 0 ? 1 : 0);
      }
      if (total >= 0) best = Math.max(best, total - k * 0.5 - folded.length / 200);
    });
    return best;
  }

  function match(text, items, n) {
    var words = fold(text).split(" ").filter(Boolean);
    if (!words.length) return [];
    var scored = [];
    items.forEach(function (item, k) {
      var s = score(words, item.names || []);
      if (s >= 0) scored.push([s + (item.boost || 0), k, item]);
    });
    scored.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    return scored.slice(0, n || 8).map(function (x) { return x[2]; });
  }

  function formatted(lat, lon) {
    function dms(v, pos, neg) {
      var a = Math.abs(v), d = Math.floor(a), mm = (a - d) * 60, m = Math.floor(mm), s = (mm - m) * 60;
      if (s >= 59.95) { s = 0; m += 1; }
      if (m >= 60) { m = 0; d += 1; }
      return d + "°" + String(m).padStart(2, "0") + "′" + s.toFixed(1).padStart(4, "0") + "″" + (v < 0 ? neg : pos);
    }
    return Math.abs(lat).toFixed(4) + "° " + (lat < 0 ? "S" : "N") + ", " + Math.abs(lon).toFixed(4) + "° " +
      (lon < 0 ? "W" : "E") + " (" + dms(lat, "N", "S") + " " + dms(lon, "E", "W") + ")";
  }

  return {coordinate: coordinate, match: match, fold: fold, formatted: formatted};
})();
if (typeof module !== "undefined") module.exports = geoSearch;
