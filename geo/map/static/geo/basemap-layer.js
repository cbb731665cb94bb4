/* The offline basemap's land and borders (data: basemap.js, made by geo/basemap.py), drawn
   as two canvas paths instead of one Leaflet polygon per country: the map's first frame
   waits for the basemap, so it must be cheap. A coarse copy is drawn below detailZoom; the
   detailed one is parsed the first time it is needed. Rings are delta-encoded integers of
   1e-5 degrees, [x0, y0, dx1, dy1, ...]. */
var geoBasemap = (function () {
  "use strict";

  function decode(data) {
    function rings(list) {
      return list.map(function (ring) {
        var out = new Float64Array(ring.length), x = 0, y = 0;
        for (var i = 0; i < ring.length; i += 2) {
          x += ring[i]; y += ring[i + 1];
          out[i] = x / 1e5; out[i + 1] = y / 1e5;
        }
        return out;
      });
    }
    return {land: rings(data.land), border: rings(data.border)};
  }

  var Basemap = L.Path.extend({
    options: {interactive: false},

    initialize: function (data, options) {
      L.setOptions(this, options);
      this._world = data.world ? decode(data.world) : {land: [], border: []};
      this._coarse = decode(data.coarse);
      this._detailedText = data.detailed;
      this._detailed = null;
    },

    beforeAdd: function (map) {
      this.options.renderer = this.options.renderer || L.canvas({pane: this.options.pane});
      this._renderer = map.getRenderer(this);
    },

    /* The world's coarse land outside the region, and the region's, coarse or detailed. */
    _data: function () {
      var region = this._coarse;
      if (this._map.getZoom() >= this.options.detailZoom) {
        if (!this._detailed) this._detailed = decode(JSON.parse(this._detailedText));
        region = this._detailed;
      }
      return {land: this._world.land.concat(region.land), border: this._world.border.concat(region.border)};
    },

    /* Rings in layer pixels: the same projection as map.latLngToLayerPoint. */
    _project: function () {
      var map = this._map, data = this._data(), origin = map.getPixelOrigin();
      var zoom = map.getZoom();
      function project(list) {
        return list.map(function (ring) {
          var xy = new Float64Array(ring.length);
          var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
          for (var i = 0; i < ring.length; i += 2) {
            var p = map.project(L.latLng(ring[i + 1], ring[i]), zoom);
            xy[i] = p.x - origin.x; xy[i + 1] = p.y - origin.y;
            if (xy[i] < minX) minX = xy[i];
            if (xy[i] > maxX) maxX = xy[i];
            if (xy[i + 1] < minY) minY = xy[i + 1];
            if (xy[i + 1] > maxY) maxY = xy[i + 1];
          }
          xy.bounds = L.bounds([minX, minY], [maxX, maxY]);
          return xy;
        });
      }
      this._land = project(data.land);
      this._border = project(data.border);
      var all = L.bounds([]);
      this._land.concat(this._border).forEach(function (xy) {
        all.extend(xy.bounds.min); all.extend(xy.bounds.max);
      });
      this._pxBounds = all.isValid() ? all : undefined;
    },

    _update: function () {
      if (this._map) this._updatePath();
    },

    _empty: function () {
      return !this._pxBounds;
    },

    _containsPoint: function () {
      return false;
    },

    _trace: function (ctx, rings, close) {
      var view = this._renderer._bounds;
      ctx.beginPath();
      for (var r = 0; r < rings.length; r++) {
        var xy = rings[r];
        if (!xy.bounds.intersects(view)) continue;
        ctx.moveTo(xy[0], xy[1]);
        for (var i = 2; i < xy.length; i += 2) ctx.lineTo(xy[i], xy[i + 1]);
        if (close) ctx.closePath();
      }
    },

    _updatePath: function () {
      var renderer = this._renderer;
      if (!renderer._drawing || !this._land) return;
      var ctx = renderer._ctx, land = this.options.land, border = this.options.border;
      this._trace(ctx, this._land, true);
      ctx.globalAlpha = land.fillOpacity;
      ctx.fillStyle = land.fillColor;
      ctx.fill("nonzero");  // holes wind the other way (RFC 7946); slivers between countries fill
      ctx.setLineDash([]);
      ctx.globalAlpha = 1;
      ctx.lineWidth = land.weight;
      ctx.strokeStyle = land.color;
      ctx.lineCap = ctx.lineJoin = "round";
      ctx.stroke();
      this._trace(ctx, this._border, false);
      ctx.setLineDash(String(border.dashArray).split(/[, ]+/).map(Number));
      ctx.lineWidth = border.weight;
      ctx.strokeStyle = border.color;
      ctx.stroke();
    }
  });

  /* The basemap layer for geoBasemapData (basemap.js); options: pane, detailZoom, land and
     border (Leaflet path styles), attribution. */
  function layer(options) {
    return new Basemap(geoBasemapData, options);
  }

  return {layer: layer};
})();
