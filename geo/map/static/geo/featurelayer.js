/* The browser side of geo/map/featurelayer.py: each layer of the map as a GeoLayer, made from a
   layer packed by geo/map/packing.py (read by geoPacked, packed.js). Points are drawn by one
   PointSet (geoPointSet, pointset.js); other geometries go to L.geoJSON, styled, faded and
   highlighted as the points are (geoPointStyle, pointstyle.js).

   A GeoLayer can show a subset of its features (the date range, playback), fade or highlight
   features (the chosen event), recolour its points by a column (imported data), and list every
   feature under a point (a click where features are stacked). The layers made for the layer
   control are kept in a registry (layers, byName, related, forget). Popups are not bound here:
   the explorer (explorer/cards.js) opens them. */
var geoFeatureLayer = (function () {
  "use strict";

  var Packed = geoPacked.Packed, PointSet = geoPointSet.PointSet;
  var resolvedStyle = geoPointStyle.resolvedStyle;
  var FADED_ALPHA = geoPointStyle.FADED_ALPHA, HIGHLIGHT = geoPointStyle.HIGHLIGHT;

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
    var packed = this.packed = new Packed(data, resolvedStyle);
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

  return {make: make, layers: layers, forget: forget, byName: byName, related: related, features: features,
          unpack: geoPacked.unpack, config: geoPointSet.config};
})();
