/* The timeline's input (geo/timeline.js draws it): a mixin of the Timeline's methods for the
   pointer, touch and wheel, its one job. Hovering a dot tells the page; a click chooses it;
   dragging across the lanes brushes a date range or moves a brush's edge; the wheel or a pinch
   zooms about the pointer, and dragging the axis of a zoomed timeline (or a sideways wheel)
   pans; a double click shows the whole timeline again, or clears the brush. Loaded before
   geo/timeline.js, which copies these methods onto Timeline.prototype. */
var geoTimelineInput = (function () {
  "use strict";
  var input = {};

  /* Listen to the canvas: called once, by the Timeline's constructor. */
  input._listen = function () {
    var self = this, canvas = this.canvas;
    this.touches = {};  // touch pointers down: id → x, for a pinch
    this.pinch = null;
    this.drag = null;
    canvas.addEventListener("pointerdown", function (e) { self._down(e); });
    canvas.addEventListener("pointermove", function (e) { self._move(e); });
    canvas.addEventListener("pointerup", function (e) { self._up(e); });
    canvas.addEventListener("pointerleave", function () { self.options.onHover(null); });
    canvas.addEventListener("dblclick", function () {
      if (self.view) self.zoomTo(null); else self.options.onBrush(null, null, true);
    });
    canvas.addEventListener("wheel", function (e) { self._wheel(e); }, {passive: false});
    canvas.addEventListener("pointercancel", function (e) { self._up(e); });
  };

  /* The wheel zooms about the pointer; a sideways wheel (or with Shift) pans. */
  input._wheel = function (e) {
    e.preventDefault();
    var p = this._point(e), sideways = Math.abs(e.deltaX) > Math.abs(e.deltaY) || e.shiftKey;
    if (sideways) { this._pan(-(e.deltaX || e.deltaY)); return; }
    this.zoomBy(Math.exp(-e.deltaY * 0.002), this._t(p.x));
  };

  /* Move what is shown by dx pixels (positive: towards earlier times). */
  input._pan = function (dx) {
    if (!this.view) return;
    var shown = this.view, perPx = (shown[1] - shown[0]) / (this.width - this.labelW - 10);
    this.zoomTo(shown[0] - dx * perPx, shown[1] - dx * perPx);
  };

  /* Two touch points: a pinch zooms about their middle and moving them pans. */
  input._pinchStart = function () {
    var xs = Object.keys(this.touches).map(function (k) { return this.touches[k]; }, this);
    var shown = this._shown();
    this.pinch = {gap: Math.max(20, Math.abs(xs[0] - xs[1])), t: this._t((xs[0] + xs[1]) / 2),
                  span: shown[1] - shown[0]};
    this.drag = null;
    this.options.onHover(null);
  };
  input._pinchMove = function () {
    var xs = Object.keys(this.touches).map(function (k) { return this.touches[k]; }, this);
    var gap = Math.max(20, Math.abs(xs[0] - xs[1])), mid = (xs[0] + xs[1]) / 2;
    var span = this.pinch.span * this.pinch.gap / gap, w = this.width - this.labelW - 10;
    var share = (mid - this.labelW - 4) / w, start = this.pinch.t - share * span;
    this.zoomTo(start, start + span);
  };

  input._point = function (e) {
    var box = this.canvas.getBoundingClientRect();
    return {x: e.clientX - box.left, y: e.clientY - box.top};
  };

  input._down = function (e) {
    var p = this._point(e);
    if (e.pointerType === "touch") {
      this.touches[e.pointerId] = p.x;
      if (Object.keys(this.touches).length === 2) { this._pinchStart(); return; }
      if (this.pinch) return;
    }
    if (p.y > this.height + 2) return;  // below the axis
    if (p.y > this.plotHeight && this.view) {  // the axis of a zoomed timeline: pan
      this.drag = {x: p.x, pan: true, moved: false};
      this._capture(e);
      return;
    }
    var item = this.itemAt(p.x, p.y);
    this.drag = {x: p.x, item: item, moved: false, edge: null};
    if (!item && (this.range[0] !== null || this.range[1] !== null)) {  // grab a brush edge
      var x0 = this._x(this.range[0] === null ? this.extent[0] : this.range[0]);
      var x1 = this._x(this.range[1] === null ? this.extent[1] : this.range[1]);
      if (Math.abs(p.x - x0) < 6) this.drag.edge = 0;
      else if (Math.abs(p.x - x1) < 6) this.drag.edge = 1;
    }
    this._capture(e);
  };

  input._capture = function (e) {
    try { this.canvas.setPointerCapture(e.pointerId); } catch (err) { /* a pointer already gone */ }
  };

  input._move = function (e) {
    var p = this._point(e);
    if (e.pointerType === "touch" && this.touches[e.pointerId] !== undefined) {
      this.touches[e.pointerId] = p.x;
      if (this.pinch) { if (Object.keys(this.touches).length === 2) this._pinchMove(); return; }
    }
    if (!this.drag) {
      var item = this.itemAt(p.x, p.y), onAxis = this.view && p.y > this.plotHeight;
      this.canvas.style.cursor = item ? "pointer" : onAxis ? "grab" : "crosshair";
      this.options.onHover(item, e.clientX, e.clientY);
      return;
    }
    if (Math.abs(p.x - this.drag.x) < 3 && !this.drag.moved) return;
    this.drag.moved = true;
    this.options.onHover(null);
    if (this.drag.pan) { this._pan(p.x - this.drag.x); this.drag.x = p.x; return; }
    var start, end;
    if (this.drag.edge !== null) {
      var fixed = this.range[1 - this.drag.edge];
      fixed = fixed === null ? this.extent[1 - this.drag.edge] : fixed;
      start = Math.min(fixed, this._t(p.x)); end = Math.max(fixed, this._t(p.x));
    } else {
      start = this._t(Math.min(this.drag.x, p.x)); end = this._t(Math.max(this.drag.x, p.x));
    }
    this.options.onBrush(start, end, false);
  };

  input._up = function (e) {
    if (e.pointerType === "touch") {
      delete this.touches[e.pointerId];
      if (this.pinch) { if (!Object.keys(this.touches).length) this.pinch = null; return; }
    }
    var drag = this.drag;
    this.drag = null;
    if (!drag) return;
    if (drag.pan) { /* the view moved; nothing chosen */ }
    else if (!drag.moved && drag.item) this.options.onPick(drag.item);
    else if (drag.moved) this.options.onBrush(this.range[0], this.range[1], true);
    try { this.canvas.releasePointerCapture(e.pointerId); } catch (err) { /* already released */ }
  };

  return input;
})();
