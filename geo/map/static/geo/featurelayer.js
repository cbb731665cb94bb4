/* The browser side of geo/featurelayer.py: unpacks a layer packed by geo/packing.py and
   draws it. Points are drawn by one PointSet on the map's canvas exactly as Leaflet draws
   circle markers, without a Leaflet layer per feature; other geometries go to L.geoJSON.
   Popups and tooltips are built by geoPopups (popups.js) when opened. */
var geoFeatureLayer = (function () {
  "use strict";

  var POINTER_EVENTS = {click: 1, dblclick: 1, mousedown: 1, mouseup: 1, contextmenu: 1,
                        preclick: 1, mouseover: 1, mouseout: 1, mousemove: 1};
  var CELL = 64;  // px; the hit-test grid's cell
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
  }
  Packed.prototype.value = function (column, i) {
    if (column.values) return column.values[i];
    var code = column.codes[i];
    return code === null || code === undefined ? null : column.dict[code];
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
    return this.styles[this.styleCodes[i]];
  };
  Packed.prototype.feature = function (i) {
    var g = this.geometry[i];
    var geometry = Array.isArray(g) ? {type: "Point", coordinates: [g[0], g[1]]} : g;
    return {type: "Feature", id: this.ids[i], geometry: geometry, properties: this.properties(i)};
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
      this.drawnCount = 0;
      var reach = 0;
      for (var k = 0; k < n; k++) {
        var g = packed.geometry[this._index[k]];
        this._latlngs[k] = L.latLng(g[1], g[0]);
        var s = packed.styleOf(this._index[k]);
        reach = Math.max(reach, s.radius + s._tolerance, s._drawRadius + s.weight / 2 + 1);
      }
      this._reach = reach;
      this.options.weight = 2 * reach;  // the renderer pads redraws by this
      this._proxies = {};
      this._hit = -1;
      this._hovered = null;
      var self = this;
      // Leaflet reads _radius to decide whether an event sits at the marker or the mouse.
      Object.defineProperty(this, "_radius", {get: function () {
        var target = self._eventTarget();
        return target ? target._radius : undefined;
      }});
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

    _project: function () {
      var map = this._map, n = this._latlngs.length;
      var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (var k = 0; k < n; k++) {
        var p = map.latLngToLayerPoint(this._latlngs[k]);
        this._x[k] = p.x; this._y[k] = p.y;
        if (p.x < minX) minX = p.x;
        if (p.x > maxX) maxX = p.x;
        if (p.y < minY) minY = p.y;
        if (p.y > maxY) maxY = p.y;
      }
      var r = this._reach + (this._renderer.options.tolerance || 0);
      this._pxBounds = n ? L.bounds([minX - r, minY - r], [maxX + r, maxY + r]) : undefined;
      this._grid = null;
    },

    _update: function () {
      if (this._map) this._updatePath();
    },

    _updatePath: function () {
      var renderer = this._renderer;
      if (!renderer._drawing) return;
      var ctx = renderer._ctx, bounds = renderer._bounds, clip = renderer._redrawBounds;
      var x0 = bounds.min.x, y0 = bounds.min.y, x1 = bounds.max.x, y1 = bounds.max.y;
      var drawn = 0, n = this._latlngs.length, scale = L.Browser.retina ? 2 : 1;
      ctx.globalAlpha = 1;
      for (var k = 0; k < n; k++) {
        var s = this._styleOf(k), x = this._x[k], y = this._y[k], pad = s.radius + s._tolerance;
        // As L.CircleMarker._empty: nothing outside the renderer's bounds is drawn.
        if (x + pad < x0 || x - pad > x1 || y + pad < y0 || y - pad > y1) {
          this._drawn[k] = 0;
          continue;
        }
        this._drawn[k] = 1;
        drawn++;
        var sprite = s._sprites[scale] || (s._sprites[scale] = circleSprite(s, scale));
        if (clip && (x + sprite.half < clip.min.x || x - sprite.half > clip.max.x ||
                     y + sprite.half < clip.min.y || y - sprite.half > clip.max.y)) continue;
        ctx.drawImage(sprite.image, x - sprite.half, y - sprite.half, sprite.size, sprite.size);
      }
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
      if (!this._pxBounds || !this._pxBounds.contains(p)) return -1;
      var grid = this._grid || this._buildGrid();
      var tolerance = this._renderer.options.tolerance || 0;
      var reach = this._reach + tolerance, best = -1;
      var cx0 = Math.floor((p.x - reach - grid.x) / CELL), cx1 = Math.floor((p.x + reach - grid.x) / CELL);
      var cy0 = Math.floor((p.y - reach - grid.y) / CELL), cy1 = Math.floor((p.y + reach - grid.y) / CELL);
      for (var cx = cx0; cx <= cx1; cx++) {
        for (var cy = cy0; cy <= cy1; cy++) {
          var cell = grid.cells.get(cx * 4194304 + cy);
          if (!cell) continue;
          for (var j = 0; j < cell.length; j++) {
            var k = cell[j];
            if (k <= best) continue;
            var s = this._styleOf(k), dx = p.x - this._x[k], dy = p.y - this._y[k];
            if (Math.sqrt(dx * dx + dy * dy) <= s.radius + s._tolerance + tolerance) best = k;
          }
        }
      }
      return best;
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

    /* A stand-in L.CircleMarker for point k: events, popups and tooltips go through it, so
       the layer's handlers (and streamlit-folium's) see an ordinary feature layer. */
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

    toGeoJSON: function () {
      var features = [];
      for (var k = 0; k < this._index.length; k++) features.push(this._packed.feature(this._index[k]));
      return {type: "FeatureCollection", features: features};
    }
  });

  /* The packed layers on the map by name, for popups that list related features. */
  var byName = {};

  /* related(layer, via, id): the properties of the features of that layer whose property
     via is id, in the layer's order (as geo.layers.popup.related_in gives them). */
  function related(layer, via, value) {
    var packed = own.call(byName, layer) ? byName[layer] : null, out = [];
    if (!packed) return out;
    var column = null;
    for (var c = 0; c < packed.columns.length; c++) {
      if (packed.columns[c].field === via) column = packed.columns[c];
    }
    if (!column) return out;
    for (var i = 0; i < packed.ids.length; i++) {
      if (packed.value(column, i) === value) out.push(packed.properties(i));
    }
    return out;
  }

  function popupOf(packed, spec) {
    return function (layer) {
      var i = layer.geoIndex;
      return geoPopups.render(spec, layer.feature.properties,
                              {related: related, rows: packed.rows(i)}, false);
    };
  }

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

  /* An L.FeatureGroup with the layer's points (one PointSet) and its other geometries. */
  function make(data, options) {
    var packed = new Packed(data);
    var points = [], shapes = [];
    for (var i = 0; i < packed.ids.length; i++) {
      if (Array.isArray(packed.geometry[i])) points.push(i); else shapes.push(i);
    }
    var group = L.featureGroup();
    group.geoControl = options.control;
    shapes.forEach(function (i) {
      var layer = shapeLayer(packed, i, options.control);
      if (layer) group.addLayer(layer);
    });
    if (points.length) {
      var set = new PointSet(packed, points, {});
      set.geoFeature = options.control;
      group.addLayer(set);
    }
    if (options.control && options.layer) byName[options.layer] = packed;
    group.bindPopup(popupOf(packed, options.popup), {
      maxWidth: 380, minWidth: 240, maxHeight: 300, autoPan: options.autoPan
    });
    group.bindTooltip(function (layer) { return geoPopups.tooltip(layer.feature.properties); },
                      {sticky: true});
    return group;
  }

  /* Every feature of the project's layers on the map (for tests): {id, control, drawn, layer},
     where layer is the feature's Leaflet layer or its stand-in, control is false for the
     selected feature's highlight, and drawn whether a point was painted at the last redraw
     (points outside the view are not). */
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

  /* Open the popup of the group's first feature (the selected feature's highlight). */
  function openFirst(group) {
    var first = null;
    group.eachLayer(function (layer) {
      if (first) return;
      first = layer.geoPoints ? layer.proxy(0) : layer.getLayers()[0];
    });
    if (!first) return;
    var at = first.getLatLng ? first.getLatLng() : first.getBounds().getCenter();
    group.getPopup()._source = first;
    group.openPopup(at);
  }

  /* The features of a packed layer as geo.packing.unpack gives them, each with its fields in
     order as [[field, value], ...] (an object reorders integer-like keys): for tests. */
  function unpack(data) {
    var packed = new Packed(data), out = [];
    for (var i = 0; i < packed.ids.length; i++) {
      out.push({feature: packed.feature(i), rows: packed.rows(i)});
    }
    return out;
  }

  return {make: make, features: features, openFirst: openFirst, unpack: unpack, related: related};
})();
