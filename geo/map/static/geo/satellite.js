/* The satellite on its ground track: where each ground-track layer (namespace "orbit", made by
   the app's orbit tool) puts it at the timeline's playhead, or, with no playhead, at the moment
   the track was drawn around (its "around" property). Computed here from the track's own
   vertices and their "times" (ISO UTC, one a vertex), along the great circle between the two
   vertices around the moment, in proportion to the time: no request to the server per frame.
   The app's vertices are 30 s apart (about 200 km of ground track): the step between them is
   within a kilometre of the SGP4 point (a browser test checks it).
   Where no shown piece of the track covers the moment, nothing is drawn. */
var geoSatellite = (function () {
  "use strict";
  var DEG = 180 / Math.PI;
  var FAR_DAYS = 3;  // as geo/app/orbit.py: beyond it a track is not a position
  var parsed = new WeakMap();  // layer -> its pieces with their times in ms
  var markers = {};  // layer name -> the marker drawn on the map

  function ms(text) {
    var t = typeof text === "string" ? Date.parse(text) : NaN;
    return isFinite(t) ? t : null;
  }

  /* The pieces of a track layer: [{times: [ms...], coords: [[lon, lat]...], props}] (the
     pieces whose times do not match their vertices are left out). */
  function piecesOf(l) {
    var got = parsed.get(l);
    if (got) return got;
    got = [];
    for (var i = 0; i < l.size(); i++) {
      var f = l.packed.feature(i), props = f.properties || {};
      var coords = f.geometry && f.geometry.type === "LineString" ? f.geometry.coordinates : null;
      var times = Array.isArray(props.times) ? props.times.map(ms) : null;
      if (!coords || !times || times.length !== coords.length || times.length < 2 ||
          times.some(function (t) { return t === null; })) continue;
      got.push({index: i, times: times, coords: coords, props: props});
    }
    parsed.set(l, got);
    return got;
  }

  /* [lat, lon] on the piece at time t (ms), or null when t is outside it. */
  function positionOn(piece, t) {
    var times = piece.times, n = times.length;
    if (!(t >= times[0] && t <= times[n - 1])) return null;
    var lo = 0, hi = n - 1;
    while (hi - lo > 1) {  // times[lo] <= t <= times[hi]
      var mid = (lo + hi) >> 1;
      if (times[mid] <= t) lo = mid; else hi = mid;
    }
    var span = times[hi] - times[lo];
    return between(piece.coords[lo], piece.coords[hi], span > 0 ? (t - times[lo]) / span : 0);
  }

  /* The point a fraction f of the way from a to b ([lon, lat]) along the great circle: near
     the poles a straight step in longitude and latitude would be kilometres off the track. */
  function between(a, b, f) {
    var p = unit(a), q = unit(b);
    var dot = Math.max(-1, Math.min(1, p[0] * q[0] + p[1] * q[1] + p[2] * q[2]));
    var angle = Math.acos(dot), s = Math.sin(angle);
    var wa = s > 1e-12 ? Math.sin((1 - f) * angle) / s : 1 - f, wb = s > 1e-12 ? Math.sin(f * angle) / s : f;
    var x = wa * p[0] + wb * q[0], y = wa * p[1] + wb * q[1], z = wa * p[2] + wb * q[2];
    return [Math.atan2(z, Math.sqrt(x * x + y * y)) * DEG, Math.atan2(y, x) * DEG];
  }

  function unit(c) {
    var lon = c[0] / DEG, lat = c[1] / DEG;
    return [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
  }

  /* The label as a text node: the name comes from the user's element sets, never HTML. */
  function textNode(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  function iso(t) { return new Date(Math.round(t / 1000) * 1000).toISOString().replace(".000Z", "Z"); }

  function label(props, t, latlng, playing) {
    var lat = latlng[0], lon = latlng[1];
    var text = String(props.name || ("NORAD " + props.norad_id)) + " at " + iso(t) +
      (playing ? "" : " (the track's moment)") + " · " + Math.abs(lat).toFixed(2) + "°" +
      (lat >= 0 ? "N " : "S ") + Math.abs(lon).toFixed(2) + "°" + (lon >= 0 ? "E" : "W");
    var far = Math.abs(t - ms(props.epoch)) / 86400000;
    if (far > FAR_DAYS) text += " · " + far.toFixed(1) + " days from its epoch: not a position";
    return text;
  }

  /* Draw (or move, or remove) each shown track's satellite at the playhead t (ms, or null). */
  function at(map, layers, t) {
    var seen = {};
    layers.forEach(function (l) {
      if (!l.spec || l.spec.namespace !== "orbit" || !map.hasLayer(l.group)) return;
      var pieces = piecesOf(l), when = t, pos = null, props = null;
      if (when === null || when === undefined) when = pieces.length ? ms(pieces[0].props.around) : null;
      for (var k = 0; when !== null && k < pieces.length && !pos; k++) {
        if (l.shown && !l.shown[pieces[k].index]) continue;  // filtered out by the dates
        pos = positionOn(pieces[k], when);
        props = pieces[k].props;
      }
      if (!pos) return;
      seen[l.name] = true;
      var text = label(props, when, pos, t !== null && t !== undefined), marker = markers[l.name];
      if (!marker) {
        marker = markers[l.name] = L.circleMarker(pos, {
          radius: 7, color: "#7f2704", weight: 2, fillColor: "#fdae6b", fillOpacity: 1,
          interactive: false, className: "geo-satellite"});
        marker.bindTooltip(textNode(text), {permanent: true, direction: "right", offset: [8, 0],
                                  className: "geo-satellite-label"});
        marker.addTo(map);
      } else {
        marker.setLatLng(pos);
        marker.setTooltipContent(textNode(text));  // Leaflet would set a string as HTML
      }
      marker.geoTime = when;
    });
    Object.keys(markers).forEach(function (name) {
      if (!seen[name]) { map.removeLayer(markers[name]); delete markers[name]; }
    });
  }

  /* What is drawn (for tests): {layer: {lat, lon, t, text}}. */
  function drawn() {
    var out = {};
    Object.keys(markers).forEach(function (name) {
      var m = markers[name], p = m.getLatLng();
      out[name] = {lat: p.lat, lon: p.lng, t: m.geoTime, text: m.getTooltip().getContent().textContent};
    });
    return out;
  }

  return {at: at, positionOn: positionOn, drawn: drawn};
})();
