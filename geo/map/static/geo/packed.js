/* A layer packed by geo/map/packing.py, read in the browser: feature i's properties, rows,
   style and GeoJSON feature, straight from the packed columns (each repeated value sent once).
   Data only: drawing is geoPointSet's job (pointset.js), the layer geoFeatureLayer's
   (featurelayer.js). `unpack` is the twin of geo.map.packing.unpack, for tests. */
var geoPacked = (function () {
  "use strict";

  var own = Object.prototype.hasOwnProperty;

  /* props[field] = value, also for a field named __proto__ (an import may have one), which
     an assignment would take for the object's prototype. */
  function setField(props, field, value) {
    if (field === "__proto__") {
      Object.defineProperty(props, field, {value: value, enumerable: true, writable: true,
                                           configurable: true});
    } else {
      props[field] = value;
    }
  }

  /* Access to a packed layer: feature i's properties, rows and GeoJSON feature. resolve(style)
     readies each style of the table for drawing (geoPointStyle.resolvedStyle); without it the
     styles stay as they were sent. */
  function Packed(packed, resolve) {
    this.ids = packed.ids;
    this.geometry = packed.geometry;
    this.columns = packed.columns.map(function (pair) {
      return {field: pair[0], values: pair[1].values, dict: pair[1].dict, codes: pair[1].codes};
    });
    this.styleCodes = packed.style.codes;
    this.styles = packed.style.table.map(resolve || function (style) { return style; });
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

  /* The features of a packed layer as geo.map.packing.unpack gives them, each with its fields
     in order as [[field, value], ...] (an object reorders integer-like keys): for tests. */
  function unpack(data) {
    var packed = new Packed(data), out = [];
    for (var i = 0; i < packed.ids.length; i++) {
      out.push({feature: packed.feature(i), rows: packed.rows(i)});
    }
    return out;
  }

  return {Packed: Packed, setField: setField, unpack: unpack};
})();
