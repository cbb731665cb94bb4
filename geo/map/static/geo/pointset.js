/* The canvas point renderer: many points of a packed layer (geoPacked) drawn by one PointSet
   on the map's canvas exactly as Leaflet draws circle markers, without a Leaflet layer per
   point. Each style is drawn once and copied (geoPointStyle); a grid finds the points under
   the pointer, and pointer events go through a stand-in L.CircleMarker per point. Points on one
   spot are laid out by geoPointStacks (spread out from config.spiderZoom on). Loading this also
   patches L.Canvas so that a pointer coming to rest within Leaflet's hover pause still gets its
   tooltip. */
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
  var circleSprite = geoPointStyle.circleSprite;
  var FADED_ALPHA = geoPointStyle.FADED_ALPHA, HIGHLIGHT = geoPointStyle.HIGHLIGHT;
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
      var stacks = geoPointStacks.find(this._x, this._y, this._shown, config.stackPx);
      var laid = geoPointStacks.layout(stacks, this._x, this._y, this._spread(), config.spiderMax);
      this._legs = laid.legs;
      this._top = laid.top;  // for each point, the member drawn for its stack, or -1
      this._counts = laid.counts;
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
      geoPointStacks.drawLegs(ctx, this._legs);
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
      geoPointStacks.drawCounts(ctx, this._counts, this._emphasis);
      ctx.restore();
      this.drawnCount = drawn;
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

  return {PointSet: PointSet, config: config};
})();
