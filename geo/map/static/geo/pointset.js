/* The canvas point renderer: many points of a packed layer (geoPacked) drawn by one PointSet
   on the map's canvas exactly as Leaflet draws circle markers, without a Leaflet layer per point.
   A PointSet hit-tests with a grid, sends pointer events through a stand-in L.CircleMarker per
   point, draws points that share a position once with their count and spreads them out around
   it (spiderfied) from config.spiderZoom on. Loading it also patches L.Canvas so that a pointer
   coming to rest within Leaflet's hover pause still gets its tooltip. */
var geoPointSet = (function () {
  "use strict";

  var POINTER_EVENTS = {click: 1, dblclick: 1, mousedown: 1, mouseup: 1, contextmenu: 1,
                        preclick: 1, mouseover: 1, mouseout: 1, mousemove: 1};
  var CELL = 64;  // px; the hit-test grid's cell
  var config = {
    spiderZoom: 8,  // from this zoom on, points on one spot are spread out
    spiderMax: 40,  // larger stacks stay one badge: a click lists them instead
    stackPx: 4      // points closer than this on the screen stand on one spot
  };
  var FADED_ALPHA = 0.22;  // a faded feature's opacity, relative to its style's
  var HIGHLIGHT = "#ffb000";  // the colour of a highlighted feature's ring or outline
  var own = Object.prototype.hasOwnProperty;

  /* Leaflet's canvas handles at most one pointer move per 32 ms and drops the others, the last
     one too: a pointer that comes to rest on a point within 32 ms of its previous move never
     shows the tooltip. The last move dropped is handled when the pause ends. */
  var hoverOnce = L.Canvas.prototype._handleMouseHover;
  L.Canvas.prototype._handleMouseHover = function (e, point) {
    if (this._mouseHoverThrottled) { this._geoPendingHover = [e, point]; return; }
    hoverOnce.call(this, e, point);
    var self = this;
    setTimeout(function () {
      var pending = self._geoPendingHover;
      self._geoPendingHover = null;
      if (pending && self._map && !self._mouseHoverThrottled) self._handleMouseHover(pending[0], pending[1]);
    }, 40);
  };

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

  /* Many points as one canvas path: drawn, hit-tested and clicked like L.CircleMarker. */
  var PointSet = L.Path.extend({
    initialize: function (packed, indexes, options) {
      L.setOptions(this, options);
      this.geoPoints = true;
      this._packed = packed;
      this._index = Int32Array.from(indexes);
      var n = this._index.length;
      this._latlngs = new Array(n);
      this._x = new Float64Array(n);
      this._y = new Float64Array(n);
      this._drawn = new Uint8Array(n);
      this._shown = new Uint8Array(n).fill(1);
      this._emphasis = new Uint8Array(n);  // 0 as styled, 1 faded, 2 highlighted
      this.drawnCount = 0;
      for (var k = 0; k < n; k++) {
        var g = packed.geometry[this._index[k]];
        this._latlngs[k] = L.latLng(g[1], g[0]);
      }
      var self = this;
      this._measureReach();
      this._proxies = {};
      this._hit = -1;
      this._hovered = null;
      // Leaflet reads _radius to decide whether an event sits at the marker or the mouse.
      Object.defineProperty(this, "_radius", {get: function () {
        var target = self._eventTarget();
        return target ? target._radius : undefined;
      }});
    },

    _measureReach: function () {
      var reach = 0;
      for (var k = 0; k < this._index.length; k++) {
        var s = this._styleOf(k);
        reach = Math.max(reach, s.radius + s._tolerance, s._drawRadius + s.weight / 2 + 1);
      }
      this._reach = reach + 4;  // a highlight ring is drawn 3 px outside a point
      this.options.weight = 2 * this._reach;  // the renderer pads redraws by this
    },

    /* Points need a canvas: on a map drawing vectors as SVG they get a canvas of their own. */
    beforeAdd: function (map) {
      if (!this.options.renderer && !(map.getRenderer(this) instanceof L.Canvas)) {
        this.options.renderer = L.canvas();
      }
      this._renderer = map.getRenderer(this);
    },

    _styleOf: function (k) {
      return this._packed.styleOf(this._index[k]);
    },

    _spread: function () {
      return this._map && this._map.getZoom() >= config.spiderZoom;
    },

    _project: function () {
      var map = this._map, n = this._latlngs.length;
      var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (var k = 0; k < n; k++) {
        var p = map.latLngToLayerPoint(this._latlngs[k]);
        this._x[k] = p.x; this._y[k] = p.y;
      }
      this._legs = [];
      this._top = new Int32Array(n).fill(-1);  // for each point, the member drawn for its stack
      this._counts = [];
      var stacks = this._stacks();
      for (var s = 0; s < stacks.length; s++) this._layoutStack(stacks[s]);
      for (k = 0; k < n; k++) {
        if (this._x[k] < minX) minX = this._x[k];
        if (this._x[k] > maxX) maxX = this._x[k];
        if (this._y[k] < minY) minY = this._y[k];
        if (this._y[k] > maxY) maxY = this._y[k];
      }
      var r = this._reach + (this._renderer.options.tolerance || 0) + 12;
      this._pxBounds = n ? L.bounds([minX - r, minY - r], [maxX + r, maxY + r]) : undefined;
      this._grid = null;
    },

    /* The shown points that stand on one spot at this zoom (within config.stackPx of the first
       of them), in groups of two or more, each group in drawing order. */
    _stacks: function () {
      var cells = new Map(), groups = [], anchor = [], near = config.stackPx, size = Math.max(near, 1);
      for (var k = 0; k < this._index.length; k++) {
        if (!this._shown[k]) continue;
        var cx = Math.floor(this._x[k] / size), cy = Math.floor(this._y[k] / size), found = -1;
        for (var dx = -1; dx <= 1 && found < 0; dx++) {
          for (var dy = -1; dy <= 1 && found < 0; dy++) {
            var cell = cells.get((cx + dx) * 4194304 + (cy + dy));
            if (!cell) continue;
            for (var j = 0; j < cell.length; j++) {
              var a = anchor[cell[j]];
              if (Math.abs(this._x[a] - this._x[k]) <= near &&
                  Math.abs(this._y[a] - this._y[k]) <= near) { found = cell[j]; break; }
            }
          }
        }
        if (found >= 0) { groups[found].push(k); continue; }
        var key = cx * 4194304 + cy, list = cells.get(key);
        if (list) list.push(groups.length); else cells.set(key, [groups.length]);
        anchor.push(k);
        groups.push([k]);
      }
      return groups.filter(function (group) { return group.length > 1; });
    },

    /* A stack's points: spread on a circle round their place when zoomed in (with a leg from
       the place to each), else one point with their count. */
    _layoutStack: function (shown) {
      var cx = this._x[shown[0]], cy = this._y[shown[0]];
      if (this._spread() && shown.length <= config.spiderMax) {
        var radius = 14 + 2.2 * shown.length;
        for (var j = 0; j < shown.length; j++) {
          var angle = -Math.PI / 2 + 2 * Math.PI * j / shown.length;
          this._x[shown[j]] = cx + radius * Math.cos(angle);
          this._y[shown[j]] = cy + radius * Math.sin(angle);
          this._legs.push([cx, cy, this._x[shown[j]], this._y[shown[j]]]);
        }
        return;
      }
      var top = shown[shown.length - 1];
      for (var m = 0; m < shown.length; m++) this._top[shown[m]] = top;
      this._counts.push([cx, cy, shown.length, top]);
    },

    _update: function () {
      if (this._map) this._updatePath();
    },

    _isDrawnAlone: function (k) {
      return this._shown[k] && (this._top[k] === -1 || this._top[k] === k);
    },

    _updatePath: function () {
      var renderer = this._renderer;
      if (!renderer._drawing) return;
      var ctx = renderer._ctx, bounds = renderer._bounds, clip = renderer._redrawBounds;
      var x0 = bounds.min.x, y0 = bounds.min.y, x1 = bounds.max.x, y1 = bounds.max.y;
      var drawn = 0, n = this._latlngs.length, scale = L.Browser.retina ? 2 : 1;
      ctx.save();
      if (this._legs.length) {
        ctx.globalAlpha = 0.6;
        ctx.strokeStyle = "#555";
        ctx.lineWidth = 1;
        ctx.beginPath();
        this._legs.forEach(function (leg) { ctx.moveTo(leg[0], leg[1]); ctx.lineTo(leg[2], leg[3]); });
        ctx.stroke();
      }
      for (var k = 0; k < n; k++) {
        var s = this._styleOf(k), x = this._x[k], y = this._y[k], pad = s.radius + s._tolerance;
        // As L.CircleMarker._empty: nothing outside the renderer's bounds is drawn.
        if (!this._shown[k] || x + pad < x0 || x - pad > x1 || y + pad < y0 || y - pad > y1) {
          this._drawn[k] = 0;
          continue;
        }
        this._drawn[k] = 1;
        drawn++;
        if (!this._isDrawnAlone(k)) continue;  // a stack's other members: drawn as its top
        var sprite = s._sprites[scale] || (s._sprites[scale] = circleSprite(s, scale));
        if (clip && (x + sprite.half + 4 < clip.min.x || x - sprite.half - 4 > clip.max.x ||
                     y + sprite.half + 4 < clip.min.y || y - sprite.half - 4 > clip.max.y)) continue;
        ctx.globalAlpha = this._emphasis[k] === 1 ? FADED_ALPHA : 1;
        ctx.drawImage(sprite.image, x - sprite.half, y - sprite.half, sprite.size, sprite.size);
        if (this._emphasis[k] === 2) {
          ctx.globalAlpha = 1;
          ctx.lineWidth = 3;
          ctx.strokeStyle = HIGHLIGHT;
          ctx.beginPath();
          ctx.arc(x, y, s._drawRadius + 3, 0, 2 * Math.PI);
          ctx.stroke();
        }
      }
      this._drawCounts(ctx);
      ctx.restore();
      this.drawnCount = drawn;
    },

    /* The number of points of each collapsed stack, on a small disc beside its point. */
    _drawCounts: function (ctx) {
      ctx.globalAlpha = 1;
      ctx.font = "bold 10px sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      for (var c = 0; c < this._counts.length; c++) {
        var item = this._counts[c], text = String(item[2]);
        var x = item[0] + 8, y = item[1] - 8, r = Math.max(7, 3 + 3 * text.length);
        ctx.globalAlpha = this._emphasis[item[3]] === 1 ? FADED_ALPHA : 1;
        ctx.beginPath();
        ctx.arc(x, y, r, 0, 2 * Math.PI);
        ctx.fillStyle = "#222";
        ctx.fill();
        ctx.lineWidth = 1.5;
        ctx.strokeStyle = "#fff";
        ctx.stroke();
        ctx.fillStyle = "#fff";
        ctx.fillText(text, x, y + 0.5);
      }
    },

    _empty: function () {
      return !this._pxBounds || !this._renderer._bounds.intersects(this._pxBounds);
    },

    /* The topmost point under p (as L.CircleMarker._containsPoint), remembered for the event
       that follows. */
    _containsPoint: function (p) {
      this._hit = this._pointAt(p);
      return this._hit >= 0;
    },

    _pointAt: function (p) {
      var all = this.pointsAt(p);
      return all.length ? all[all.length - 1] : -1;
    },

    /* Every shown point under p (layer pixels), in drawing order; a collapsed stack gives all
       its shown members. */
    pointsAt: function (p) {
      if (!this._pxBounds || !this._pxBounds.contains(p)) return [];
      var grid = this._grid || this._buildGrid();
      var tolerance = this._renderer.options.tolerance || 0;
      var reach = this._reach + tolerance, hits = [];
      var cx0 = Math.floor((p.x - reach - grid.x) / CELL), cx1 = Math.floor((p.x + reach - grid.x) / CELL);
      var cy0 = Math.floor((p.y - reach - grid.y) / CELL), cy1 = Math.floor((p.y + reach - grid.y) / CELL);
      for (var cx = cx0; cx <= cx1; cx++) {
        for (var cy = cy0; cy <= cy1; cy++) {
          var cell = grid.cells.get(cx * 4194304 + cy);
          if (!cell) continue;
          for (var j = 0; j < cell.length; j++) {
            var k = cell[j];
            if (!this._shown[k]) continue;
            var s = this._styleOf(k), dx = p.x - this._x[k], dy = p.y - this._y[k];
            if (Math.sqrt(dx * dx + dy * dy) <= s.radius + s._tolerance + tolerance) hits.push(k);
          }
        }
      }
      return hits.sort(function (a, b) { return a - b; });
    },

    _buildGrid: function () {
      var cells = new Map(), x = this._pxBounds.min.x, y = this._pxBounds.min.y;
      for (var k = 0; k < this._latlngs.length; k++) {
        var key = Math.floor((this._x[k] - x) / CELL) * 4194304 + Math.floor((this._y[k] - y) / CELL);
        var cell = cells.get(key);
        if (cell) cell.push(k); else cells.set(key, [k]);
      }
      this._grid = {x: x, y: y, cells: cells};
      return this._grid;
    },

    /* A stand-in L.CircleMarker for point k: events and tooltips go through it, so the layer's
       handlers see an ordinary feature layer. */
    proxy: function (k) {
      if (k === null || k === undefined || k < 0) return null;
      var proxy = this._proxies[k];
      if (!proxy) {
        var self = this;
        proxy = this._proxies[k] = L.circleMarker(this._latlngs[k], this._styleOf(k));
        proxy.feature = this._packed.feature(this._index[k]);
        proxy.geoIndex = this._index[k];
        proxy.geoFeature = this.geoFeature;
        proxy._eventParents = this._eventParents;
        Object.defineProperty(proxy, "_map", {get: function () { return self._map; }});
      }
      return proxy;
    },

    _eventTarget: function () {
      return this._hit >= 0 ? this.proxy(this._hit) : this._hovered;
    },

    getLatLng: function () {
      var target = this._eventTarget();
      return target ? target.getLatLng() : undefined;
    },

    getBounds: function () {
      return L.latLngBounds(this._latlngs);
    },

    /* Pointer events go to the point under the pointer, with mouseover and mouseout as the
       pointer moves from one point to another. */
    fire: function (type, data, propagate) {
      if (!own.call(POINTER_EVENTS, type)) return L.Path.prototype.fire.call(this, type, data, propagate);
      var target;
      if (type === "mouseout") {
        target = this._hovered;
        this._hovered = null;
      } else if (type === "mouseover") {
        target = this._hovered = this.proxy(this._hit);
      } else if (type === "mousemove") {
        target = this.proxy(this._hit);
        if (target !== this._hovered) {
          if (this._hovered) this._hovered.fire("mouseout", data, propagate);
          if (target) target.fire("mouseover", data, propagate);
          this._hovered = target;
        }
      } else {
        target = this.proxy(this._hit);
      }
      if (target) target.fire(type, data, propagate);
      return this;
    },

    /* Which points are shown (1) or not (0), by point: the stacks are laid out again. */
    setShown: function (shown) {
      this._shown = shown;
      if (this._map) { this._project(); this.redraw(); }
    },

    setEmphasis: function (emphasis) {
      this._emphasis = emphasis;
      if (this._map) this.redraw();
    },

    restyled: function () {
      this._measureReach();
      if (this._map) { this._project(); this.redraw(); }
    },

    idOf: function (k) {
      return this._packed.ids[this._index[k]];
    },

    size: function () {
      return this._index.length;
    },

    /* Whether point k was painted the last time the canvas was drawn. */
    isDrawn: function (k) {
      return this._drawn[k] === 1;
    },

    /* Where point k is drawn, in container pixels (spread out or not). */
    containerPointOf: function (k) {
      return this._map.layerPointToContainerPoint(L.point(this._x[k], this._y[k]));
    },

    toGeoJSON: function () {
      var features = [];
      for (var k = 0; k < this._index.length; k++) features.push(this._packed.feature(this._index[k]));
      return {type: "FeatureCollection", features: features};
    }
  });

  return {PointSet: PointSet, circleSprite: circleSprite, resolvedStyle: resolvedStyle,
          config: config, FADED_ALPHA: FADED_ALPHA, HIGHLIGHT: HIGHLIGHT};
})();
