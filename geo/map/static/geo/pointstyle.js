/* How a feature looks on the map: a style resolved as Leaflet resolves a circle marker's, a
   point of that style drawn once as a sprite for the canvas (geoPointSet copies it to each
   point), and the look of a faded or highlighted feature (the chosen event), shared by points
   and shapes. */
var geoPointStyle = (function () {
  "use strict";

  var FADED_ALPHA = 0.22;  // a faded feature's opacity, relative to its style's
  var HIGHLIGHT = "#ffb000";  // the colour of a highlighted feature's ring or outline

  /* A style as Leaflet's circle markers and paths resolve it, with its dash array parsed. */
  function resolvedStyle(style) {
    var s = L.extend({}, L.CircleMarker.prototype.options, style);
    var dash = s.dashArray;
    if (typeof dash === "string") {
      var parts = dash.split(/[, ]+/), out = [];
      for (var i = 0; i < parts.length; i++) {
        if (isNaN(Number(parts[i]))) { out = undefined; break; }
        out.push(Number(parts[i]));
      }
      s._dashArray = out;
    } else {
      s._dashArray = dash;
    }
    s._drawRadius = Math.max(Math.round(s.radius), 1);
    s._sprites = {};
    s._tolerance = s.stroke ? s.weight / 2 : 0;
    return s;
  }

  /* A circle marker of style s drawn once, as L.Canvas draws one (_updateCircle and
     _fillStroke), centred on a whole pixel: copying it to each point costs the browser much
     less than filling and stroking thousands of arcs, and gives the same picture (up to
     rounding where semi-transparent edges overlap; a browser test compares them). */
  function circleSprite(s, scale) {
    var half = Math.ceil(s._drawRadius + s.weight / 2) + 1, size = 2 * half;
    var offscreen = typeof OffscreenCanvas !== "undefined";
    var canvas = offscreen ? new OffscreenCanvas(size * scale, size * scale)
      : document.createElement("canvas");
    canvas.width = canvas.height = size * scale;
    var ctx = canvas.getContext("2d");
    ctx.scale(scale, scale);
    ctx.beginPath();
    ctx.arc(half, half, s._drawRadius, 0, Math.PI * 2, false);
    if (s.fill) {
      ctx.globalAlpha = s.fillOpacity;
      ctx.fillStyle = s.fillColor || s.color;
      ctx.fill(s.fillRule || "evenodd");
    }
    if (s.stroke && s.weight !== 0) {
      if (ctx.setLineDash) ctx.setLineDash(s._dashArray || []);
      ctx.globalAlpha = s.opacity;
      ctx.lineWidth = s.weight;
      ctx.strokeStyle = s.color;
      ctx.lineCap = s.lineCap;
      ctx.lineJoin = s.lineJoin;
      ctx.stroke();
    }
    // An ImageBitmap is copied faster than a canvas, which is snapshotted on every copy.
    var image = offscreen && canvas.transferToImageBitmap ? canvas.transferToImageBitmap() : canvas;
    return {image: image, half: half, size: size};
  }

  return {resolvedStyle: resolvedStyle, circleSprite: circleSprite, FADED_ALPHA: FADED_ALPHA,
          HIGHLIGHT: HIGHLIGHT};
})();
