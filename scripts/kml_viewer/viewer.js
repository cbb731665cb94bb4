// Offline KML viewer with a time slider, for looking at the project's KML export.
// OpenLayers reads the KML (geometries, ids, the KML's own Style elements); OpenLayers does not
// read TimeStamp or TimeSpan, so this file reads them from the same XML, as Google Earth's
// slider does: a placemark is shown when its time overlaps the slider's window; a TimeStamp
// lasts its whole precision (2024-05 is all of May, 2024-05-27 all of that day, a date-time one
// instant), a TimeSpan from the start of its begin to the end of its end (an absent side is
// open), a placemark with neither is always shown.
/* global ol */
'use strict';

const KML_NS = 'http://www.opengis.net/kml/2.2';
const DAY = 86400000;
const params = new URLSearchParams(location.search);

function periodOf(text) {
  // [first ms, last ms] of an xsd:gYear, gYearMonth, date or dateTime value; null if not one
  const v = text.trim();
  let m = /^(\d{4})$/.exec(v);
  if (m) return [Date.UTC(+m[1], 0, 1), Date.UTC(+m[1] + 1, 0, 1) - 1];
  m = /^(\d{4})-(\d{2})$/.exec(v);
  if (m) return [Date.UTC(+m[1], +m[2] - 1, 1), Date.UTC(+m[1], +m[2], 1) - 1];
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (m) return [Date.UTC(+m[1], +m[2] - 1, +m[3]), Date.UTC(+m[1], +m[2] - 1, +m[3] + 1) - 1];
  const t = Date.parse(v);
  if (/^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(t)) return [t, t];
  return null;
}

function childText(node, name) {
  const el = node.getElementsByTagNameNS(KML_NS, name)[0];
  return el ? el.textContent : null;
}

function kmlColour(aabbggrr) {
  // KML's aabbggrr as CSS rgba()
  const c = (aabbggrr || 'ff888888').trim();
  const a = parseInt(c.slice(0, 2), 16) / 255;
  return `rgba(${parseInt(c.slice(6, 8), 16)},${parseInt(c.slice(4, 6), 16)},` +
         `${parseInt(c.slice(2, 4), 16)},${a.toFixed(2)})`;
}

function readTimes(doc) {
  // placemark id -> {start, end, label, colour}; errors listed, never guessed
  const times = new Map();
  const errors = [];
  const colours = new Map();
  for (const style of doc.getElementsByTagNameNS(KML_NS, 'Style')) {
    const icon = style.getElementsByTagNameNS(KML_NS, 'IconStyle')[0];
    const poly = style.getElementsByTagNameNS(KML_NS, 'PolyStyle')[0];
    const line = style.getElementsByTagNameNS(KML_NS, 'LineStyle')[0];
    const source = icon || poly || line;
    colours.set(style.getAttribute('id'), kmlColour(source ? childText(source, 'color') : null));
  }
  for (const pm of doc.getElementsByTagNameNS(KML_NS, 'Placemark')) {
    const id = pm.getAttribute('id');
    const styleUrl = (childText(pm, 'styleUrl') || '').replace(/^#/, '');
    const entry = {start: -Infinity, end: Infinity, label: 'no time', colour: colours.get(styleUrl)};
    const stamp = pm.getElementsByTagNameNS(KML_NS, 'TimeStamp')[0];
    const span = pm.getElementsByTagNameNS(KML_NS, 'TimeSpan')[0];
    if (stamp) {
      const when = childText(stamp, 'when') || '';
      const p = periodOf(when);
      if (!p) errors.push(`${id}: TimeStamp <when> "${when}" is not a KML time`);
      else [entry.start, entry.end, entry.label] = [p[0], p[1], `when ${when}`];
    } else if (span) {
      const begin = childText(span, 'begin');
      const end = childText(span, 'end');
      const b = begin === null ? [-Infinity, -Infinity] : periodOf(begin);
      const e = end === null ? [Infinity, Infinity] : periodOf(end);
      if (!b || !e) errors.push(`${id}: TimeSpan "${begin}".."${end}" is not a KML time`);
      else [entry.start, entry.end, entry.label] = [b[0], e[1], `${begin ?? '…'} → ${end ?? '…'}`];
    }
    times.set(id, entry);
  }
  return {times, errors};
}

function localIcon(ring) {
  // local stand-ins for Google Earth's round icons (shaded_dot.png, donut.png: online), white so
  // that KML's IconStyle colour tints them, as Google Earth tints its own
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 32;
  const g = canvas.getContext('2d');
  g.beginPath();
  g.arc(16, 16, ring ? 11 : 13, 0, 2 * Math.PI);
  if (ring) {
    g.lineWidth = 6;
    g.strokeStyle = '#ffffff';
    g.stroke();
  } else {
    g.fillStyle = '#ffffff';
    g.fill();
    g.lineWidth = 3;
    g.strokeStyle = '#505050';
    g.stroke();
  }
  return canvas.toDataURL('image/png');
}

function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }

async function main() {
  const kmlName = params.get('kml') || 'events.kml';
  const text = await (await fetch(kmlName)).text();
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const {times, errors} = readTimes(doc);
  const dot = localIcon(false);
  const ring = localIcon(true);
  const format = new ol.format.KML({extractStyles: true, showPointNames: false,
                                    iconUrlFunction: href => (/donut\.png$/.test(href) ? ring : dot)});
  const features = format.readFeatures(text, {featureProjection: 'EPSG:3857'});
  const styles = new Map(features.map(f => [f, f.getStyle()]));

  const basemap = new ol.layer.Vector({
    source: new ol.source.Vector({url: 'basemap.geojson', format: new ol.format.GeoJSON()}),
    style: f => (f.get('kind').endsWith('land')
      ? new ol.style.Style({fill: new ol.style.Fill({color: '#efe9dc'})})
      : new ol.style.Style({stroke: new ol.style.Stroke({color: '#8c8c8c', width: 1,
                                                          lineDash: [4, 3]})})),
  });
  const kmlLayer = new ol.layer.Vector({source: new ol.source.Vector({features})});
  const bbox = (params.get('bbox') || '118,22,136,43').split(',').map(Number);
  const map = new ol.Map({target: 'map', layers: [basemap, kmlLayer],
                          view: new ol.View({center: [0, 0], zoom: 2})});
  map.getView().fit(ol.proj.transformExtent(bbox, 'EPSG:4326', 'EPSG:3857'));

  const timed = [...times.values()].filter(t => Number.isFinite(t.start) || Number.isFinite(t.end));
  const first = Math.min(...timed.map(t => (Number.isFinite(t.start) ? t.start : t.end)));
  const last = Math.max(...timed.map(t => (Number.isFinite(t.end) ? t.end : t.start)));
  const firstDay = Math.floor(first / DAY);
  const lastDay = Math.floor(last / DAY);
  const slider = document.getElementById('time');
  const windowSelect = document.getElementById('window');
  slider.min = firstDay;
  slider.max = lastDay;
  slider.value = params.has('t') ? Math.floor(Date.parse(params.get('t')) / DAY) : lastDay;
  if (params.has('window')) windowSelect.value = params.get('window');
  document.getElementById('ticks').innerHTML =
    [0, 0.25, 0.5, 0.75, 1].map(f => `<span>${isoDay((firstDay + f * (lastDay - firstDay)) * DAY)}</span>`)
      .join('');

  function update() {
    const windowEnd = (+slider.value + 1) * DAY - 1;
    const windowStart = (+slider.value + 1 - +windowSelect.value) * DAY;
    const shown = [];
    for (const f of features) {
      const t = times.get(f.getId());
      const on = t !== undefined && t.start <= windowEnd && t.end >= windowStart;
      f.setStyle(on ? styles.get(f) : []);
      if (on) shown.push([f, t]);
    }
    shown.sort((a, b) => a[1].start - b[1].start);
    document.getElementById('status').textContent =
      `${isoDay(windowStart)} – ${isoDay(windowEnd)}: ${shown.length} of ${features.length} placemarks`;
    document.getElementById('count').textContent =
      errors.length ? `${errors.length} time errors: ${errors[0]}` : `Shown (${kmlName}), by time`;
    document.getElementById('list').innerHTML = shown.map(([f, t]) =>
      `<li><span class="swatch" style="background:${t.colour}"></span><code>${t.label}</code> ` +
      `${(f.get('name') || f.getId()).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</li>`).join('');
    window.viewerState = {total: features.length, placemarks: times.size, errors,
                          shown: shown.map(([f]) => f.getId()), windowStart: isoDay(windowStart),
                          windowEnd: isoDay(windowEnd)};
  }
  slider.addEventListener('input', update);
  windowSelect.addEventListener('change', update);
  update();
  basemap.getSource().once('featuresloadend', () => map.once('rendercomplete', () => {
    window.viewerReady = true;
  }));
}

main().catch(e => { document.getElementById('count').textContent = `error: ${e}`; window.viewerReady = true; });
