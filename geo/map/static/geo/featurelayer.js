/* The browser side of geo/map/featurelayer.py: unpacks a layer packed by geo/map/packing.py
   and draws it. Points are drawn by one PointSet on the map's canvas exactly as Leaflet draws
   circle markers, without a Leaflet layer per feature; other geometries go to L.geoJSON.

   Each layer is a GeoLayer: it can show a subset of its features (the date range, playback),
   fade or highlight features (the chosen event), recolour its points by a column (imported
   data), and list every feature under a point (a click where features are stacked). Points
   that share a position are drawn once with their count, and spread out around it (spiderfied)
   from config.spiderZoom on. Popups are not bound here: the explorer (explorer/cards.js) opens them. */
var geoFeatureLayer = (function () {
  "use strict";

  var POINTER_EVENTS = {click: 1, dblclick: 1, mousedown: 1, mouseup: 1, contextmenu: 1,
                        preclick: 1, mouseover: 1, mouseout: 1, mousemove: 1};
  var CELL = 64;  // px; the hit-test grid's cell
  var config = {
    spiderZoom: 8,  // from this zoom on, points on one spot are spread out
    spiderMax: 40,  // larger stacks stay one badge: a click lists them instead
    stackPx: 4      // points closer than this on the screen stand on one spot
  };
  var FADED_ALPHA = 0.22;

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
  var HIGHLIGHT = "#ffb000";
  var own = Object.prototype.hasOwnProperty;

  function setField(props, field, value) {
    if (field === "__proto__") {
      Object.defineProperty(props, field, {value: value, enumerable: true, writable: true,
                                           configurable: true});
    } else {
      props[field] = value;
    }
  }

  /* Access to a packed layer: feature i's properties, rows and GeoJSON feature. */
  function Packed(packed) {
    this.ids = packed.ids;
    this.geometry = packed.geometry;
    this.columns = packed.columns.map(function (pair) {
      return {field: pair[0], values: pair[1].values, dict: pair[1].dict, codes: pair[1].codes};
    });
    this.styleCodes = packed.style.codes;
    this.styles = packed.style.table.map(resolvedStyle);
    this.order = packed.order || {};
    this.override = null;  // per feature: a style replacing the table's (colour by a column)
    this._byId = null;
  }
  Packed.prototype.value = function (column, i) {
    if (column.values) return column.values[i];
    var code = column.codes[i];
    return code === null || code === undefined ? null : column.dict[code];
  };
  Packed.prototype.column = function (field) {
    for (var c = 0; c < this.columns.length; c++) {
      if (this.columns[c].field === field) return this.columns[c];
    }
    return null;
  };
  Packed.prototype.get = function (i, field) {
    var column = this.column(field);
    return column ? this.value(column, i) : null;
  };
  /* Feature i's [[field, value], ...]: id first, then by column, unless it has its own order. */
  Packed.prototype.rows = function (i) {
    var rows = [], order = own.call(this.order, String(i)) ? this.order[String(i)] : null;
    if (order) {
      for (var k = 0; k < order.length; k++) {
        var column = this.columns[order[k]];
        rows.push(order[k] === -1 ? ["id", this.ids[i]] : [column.field, this.value(column, i)]);
      }
      return rows;
    }
    rows.push(["id", this.ids[i]]);
    for (var c = 0; c < this.columns.length; c++) {
      var value = this.value(this.columns[c], i);
      if (value !== null && value !== undefined) rows.push([this.columns[c].field, value]);
    }
    return rows;
  };
  Packed.prototype.properties = function (i) {
    var props = {}, rows = this.rows(i);
    for (var k = 0; k < rows.length; k++) setField(props, rows[k][0], rows[k][1]);
    if (!own.call(props, "id")) props.id = this.ids[i];
    return props;
  };
  Packed.prototype.styleOf = function (i) {
    return this.override ? this.override[i] : this.styles[this.styleCodes[i]];
  };
  Packed.prototype.feature = function (i) {
    var g = this.geometry[i];
    var geometry = Array.isArray(g) ? {type: "Point", coordinates: [g[0], g[1]]} : g;
    return {type: "Feature", id: this.ids[i], geometry: geometry, properties: this.properties(i)};
  };
  Packed.prototype.indexOf = function (id) {
    if (!this._byId) {
      this._byId = new Map();
      for (var i = 0; i < this.ids.length; i++) this._byId.set(this.ids[i], i);
    }
    var found = this._byId.get(id);
    return found === undefined ? -1 : found;
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

  /* Feature i's other geometry as Leaflet layers (a multi-point one as a group of markers). */
  function shapeLayer(packed, i, control) {
    var feature = packed.feature(i), style = packed.styleOf(i);
    var layer = L.GeoJSON.geometryToLayer(feature, {
      pointToLayer: function (f, latlng) { return L.circleMarker(latlng, style); }
    });
    if (!layer) return null;
    var parts = layer.eachLayer ? layer.getLayers() : [];
    [layer].concat(parts).forEach(function (part) {
      part.feature = feature;
      part.geoIndex = i;
      part.geoFeature = control;
      part.geoPart = part !== layer;
      if (part.setStyle && !part.eachLayer) part.setStyle(style);
    });
    return layer;
  }

  function leaves(layer) {
    return layer.eachLayer ? layer.getLayers().reduce(function (all, part) {
      return all.concat(leaves(part));
    }, []) : [layer];
  }

  /* One layer of the explorer: its spec, its packed features and its Leaflet group. */
  function GeoLayer(data, options) {
    var packed = this.packed = new Packed(data);
    this.name = options.layer;
    this.spec = options.spec || {name: options.layer, popup: options.popup};
    this.control = options.control;
    this.group = L.featureGroup();
    this.group.geo = this;
    this.group.geoControl = options.control;
    this.shapes = {};  // feature index -> Leaflet layer, for the features that are not points
    this.shown = new Uint8Array(packed.ids.length).fill(1);
    this.emphasis = new Uint8Array(packed.ids.length);
    this.labels = null;
    var points = [];
    for (var i = 0; i < packed.ids.length; i++) {
      if (Array.isArray(packed.geometry[i])) {
        points.push(i);
      } else {
        var layer = shapeLayer(packed, i, options.control);
        if (layer) { this.shapes[i] = layer; this.group.addLayer(layer); }
      }
    }
    this.points = null;
    this.pointIndex = null;  // feature index -> point number in the PointSet
    var versionOf = this.spec.versionOf;
    if (versionOf) {  // another source's account is drawn beneath the record it is a version of
      var isVersion = function (i) { return packed.get(i, versionOf) ? 1 : 0; };
      points.sort(function (a, b) { return isVersion(b) - isVersion(a) || a - b; });
    }
    if (points.length) {
      this.points = new PointSet(packed, points, {});
      this.points.geoFeature = options.control;
      this.pointIndex = new Map(points.map(function (i, k) { return [i, k]; }));
      this.group.addLayer(this.points);
    }
    this.group.bindTooltip(function (layer) { return geoPopups.tooltip(layer.feature.properties); },
                           {sticky: true});
    if (this.spec.namespace === "rings") this._labelRings();
  }
  GeoLayer.prototype.size = function () { return this.packed.ids.length; };
  GeoLayer.prototype.id = function (i) { return this.packed.ids[i]; };
  GeoLayer.prototype.props = function (i) { return this.packed.properties(i); };
  GeoLayer.prototype.indexOf = function (id) { return this.packed.indexOf(id); };

  /* Show only the features whose entry in shown is 1. */
  GeoLayer.prototype.setShown = function (shown) {
    this.shown = shown;
    for (var key in this.shapes) {
      var i = Number(key), layer = this.shapes[key], on = this.group.hasLayer(layer);
      if (shown[i] && !on) this.group.addLayer(layer);
      else if (!shown[i] && on) this.group.removeLayer(layer);
    }
    if (this.points) {
      var mask = new Uint8Array(this.points.size()), self = this;
      this.pointIndex.forEach(function (k, i) { mask[k] = self.shown[i]; });
      this.points.setShown(mask);
    }
    if (this.labels) this._labelRings();
  };

  /* 0: as styled; 1: faded; 2: highlighted, by feature. */
  GeoLayer.prototype.setEmphasis = function (emphasis) {
    this.emphasis = emphasis;
    for (var key in this.shapes) {
      var i = Number(key), base = this.packed.styleOf(i);
      leaves(this.shapes[key]).forEach(function (part) {
        if (!part.setStyle) return;
        if (emphasis[i] === 2) {
          part.setStyle(L.extend({}, base, {color: HIGHLIGHT, weight: (base.weight || 2) + 2,
                                            opacity: 1}));
          if (part.bringToFront) part.bringToFront();
        } else if (emphasis[i] === 1) {
          part.setStyle(L.extend({}, base, {opacity: (base.opacity || 1) * FADED_ALPHA,
                                            fillOpacity: (base.fillOpacity || 0) * FADED_ALPHA}));
        } else {
          part.setStyle(base);
        }
      });
    }
    if (this.points) {
      var mask = new Uint8Array(this.points.size());
      this.pointIndex.forEach(function (k, i) { mask[k] = emphasis[i]; });
      this.points.setEmphasis(mask);
    }
  };

  /* Recolour the features: style(i) gives a style object, or null to go back to the table. */
  GeoLayer.prototype.restyle = function (style) {
    var packed = this.packed;
    if (style) {
      var cache = {};
      packed.override = packed.ids.map(function (_, i) {
        var s = style(i), key = JSON.stringify(s);
        return cache[key] || (cache[key] = resolvedStyle(s));
      });
    } else {
      packed.override = null;
    }
    for (var key in this.shapes) {
      var base = packed.styleOf(Number(key));
      leaves(this.shapes[key]).forEach(function (part) { if (part.setStyle) part.setStyle(base); });
    }
    if (this.points) this.points.restyled();
    this.setEmphasis(this.emphasis);
  };

  /* Every shown feature of the layer under a container point, topmost last. */
  GeoLayer.prototype.hitAll = function (map, containerPoint) {
    if (!map.hasLayer(this.group)) return [];
    var hits = [], layerPoint = map.containerPointToLayerPoint(containerPoint);
    for (var key in this.shapes) {
      var i = Number(key);
      if (!this.shown[i]) continue;
      var hit = leaves(this.shapes[key]).some(function (part) {
        return part._map && part._containsPoint && part._containsPoint(layerPoint);
      });
      if (hit) hits.push(i);
    }
    if (this.points && this.points._map) {
      var self = this;
      this.points.pointsAt(layerPoint).forEach(function (k) { hits.push(self.points._index[k]); });
    }
    return hits;
  };

  /* The bounds of some features (by index), or null. */
  GeoLayer.prototype.boundsOf = function (indexes) {
    var bounds = null, packed = this.packed;
    indexes.forEach(function (i) {
      var g = packed.geometry[i], b;
      if (Array.isArray(g)) b = L.latLngBounds([[g[1], g[0]], [g[1], g[0]]]);
      else b = L.geoJSON(g).getBounds();
      if (!b.isValid()) return;
      bounds = bounds ? bounds.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast());
    });
    return bounds;
  };

  /* Where feature i stands on the map: a point's place, a shape's centre of its bounds. */
  GeoLayer.prototype.anchorOf = function (i) {
    var g = this.packed.geometry[i];
    if (Array.isArray(g)) return L.latLng(g[1], g[0]);
    var b = this.boundsOf([i]);
    return b ? b.getCenter() : null;
  };

  /* Range rings: each labelled with its distance at its northernmost point. */
  GeoLayer.prototype._labelRings = function () {
    if (this.labels) this.group.removeLayer(this.labels);
    var labels = this.labels = L.layerGroup(), packed = this.packed, self = this;
    Object.keys(this.shapes).forEach(function (key) {
      var i = Number(key);
      if (!self.shown[i]) return;
      var ring = packed.geometry[i].coordinates[0], top = ring[0];
      ring.forEach(function (c) { if (c[1] > top[1]) top = c; });
      var radius = packed.get(i, "radius_km");
      var text = typeof radius === "number" ? geoPopups.textOf(radius) + " km" : String(packed.get(i, "name"));
      labels.addLayer(L.tooltip({permanent: true, direction: "top", className: "geo-ring-label",
                                 interactive: false, offset: [0, -2]})
        .setLatLng([top[1], top[0]]).setContent(geoPopups.esc(text)));
    });
    this.group.addLayer(labels);
  };

  var registry = [];  // the GeoLayers made for the map's layer control (not highlights)

  /* An L.FeatureGroup with the layer's points (one PointSet) and its other geometries. */
  function make(data, options) {
    var layer = new GeoLayer(data, options);
    if (options.control) {
      registry = registry.filter(function (other) { return other.name !== layer.name; });
      registry.push(layer);
    }
    return layer.group;
  }

  function layers() { return registry.slice(); }

  /* Drop a layer from the registry (it was taken off the map for good). */
  function forget(name) {
    registry = registry.filter(function (layer) { return layer.name !== name; });
  }

  function byName(name) {
    for (var k = 0; k < registry.length; k++) if (registry[k].name === name) return registry[k];
    return null;
  }

  /* related(layer, via, id): the properties of the features of that layer whose property
     via is id, in the layer's order (as geo.layers.popup.related_in gives them). */
  function related(name, via, value) {
    var layer = byName(name), out = [];
    if (!layer) return out;
    var packed = layer.packed, column = packed.column(via);
    if (!column) return out;
    for (var i = 0; i < packed.ids.length; i++) {
      if (packed.value(column, i) === value) out.push(packed.properties(i));
    }
    return out;
  }

  /* Every feature of the project's layers on the map (for tests): {id, control, drawn, layer},
     where layer is the feature's Leaflet layer or its stand-in, and drawn whether it was
     painted at the last redraw (points outside the view or filtered out are not). */
  function features(map) {
    var out = [];
    map.eachLayer(function (layer) {
      if (layer.geoPoints) {
        for (var k = 0; k < layer.size(); k++) {
          out.push({id: layer.idOf(k), control: layer.geoFeature, drawn: layer.isDrawn(k),
                    layer: layer.proxy(k)});
        }
      } else if (layer.feature && layer.geoFeature !== undefined && !layer.geoPart) {
        out.push({id: layer.feature.properties.id, control: layer.geoFeature, drawn: true,
                  layer: layer});
      }
    });
    return out;
  }

  /* The features of a packed layer as geo.map.packing.unpack gives them, each with its fields
     in order as [[field, value], ...] (an object reorders integer-like keys): for tests. */
  function unpack(data) {
    var packed = new Packed(data), out = [];
    for (var i = 0; i < packed.ids.length; i++) {
      out.push({feature: packed.feature(i), rows: packed.rows(i)});
    }
    return out;
  }

  return {make: make, layers: layers, forget: forget, byName: byName, related: related, features: features,
          unpack: unpack, config: config};
})();
