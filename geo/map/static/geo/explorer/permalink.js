/* The permalink: the state read from the page's URL (geoHost: the app's query string, or an
   offline page's #fragment) at the start, and written back, a moment after each change. */
import {ctx} from "geo-explorer/context.js";
import {URL_KEYS, permalinkParams, readPermalink} from "geo-explorer/state.js";
import {events, findFeature, isBuiltin, isOn, layers, spec} from "geo-explorer/features.js";

export function defaultVisible(l) {
  return spec(l).visible !== false;
}

/* What the page's URL asks for (over what the page was made with: options.initial). */
export function readUrl() {
  const params = ctx.options.initial ? new URLSearchParams(ctx.options.initial) : new URLSearchParams();
  geoHost.readParams().forEach(function (value, key) { params.set(key, value); });
  return readPermalink(params, {
    parseTime: geoTimeline.parseTime,
    hasEvent: function (id) { const ev = events(); return !!ev && ev.indexOf(id) >= 0; },
    featureOf: findFeature,
    builtins: layers().filter(isBuiltin).map(function (l) { return l.name; })
  });
}

let urlTimer = null;
export function writeUrl() {
  if (!ctx.ready) return;
  clearTimeout(urlTimer);
  urlTimer = setTimeout(function () {
    const builtins = layers().filter(isBuiltin), c = ctx.map.getCenter();
    const shown = {shown: builtins.filter(isOn).map(function (l) { return l.name; }),
                   changed: builtins.some(function (l) { return isOn(l) !== defaultVisible(l); })};
    const params = new URLSearchParams();
    permalinkParams(ctx.state, ctx.extent, {lat: c.lat, lon: c.lng, z: ctx.map.getZoom()}, shown)
      .forEach(function (pair) { params.set(pair[0], pair[1]); });
    geoHost.writeParams(params, URL_KEYS);
  }, 120);
}
