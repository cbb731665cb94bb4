/* The timeline under the map: every dated feature as a dot on its lane (a lane per kind of
   event, one per imported layer), drawn on a canvas. Dots that would overlap are stacked in
   rows, so each can be hovered and chosen. Dragging across the lanes brushes a date range;
   a play head shows the clock of the playback. The wheel, a pinch or the zoom buttons widen a
   stretch of time (dragging the axis then pans, a double click shows the whole timeline
   again), so a dense year can be read on a phone. On a narrow canvas each lane's name is
   written above its dots instead of in a column of its own. Dates keep the precision
   recorded: a month-only record spans its month. Times are read and written by geo/times.js,
   the pointer, touch and wheel handled by geo/timeline-input.js: both loaded before this. */
var geoTimeline = (function () {
  "use strict";
  var LABEL_W = 96, AXIS_H = 16, ROW_H = 10, LANE_PAD = 4, MAX_ROWS = 5, R = 4.5;
  var NARROW_W = 560, NAME_H = 12, MIN_SPAN = 30 * 864e5, ZOOM_STEP = 2;

  function Timeline(canvas, options) {
    this.canvas = canvas;
    this.options = options;
    this.items = [];
    this.lanes = [];
    this.extent = [Date.UTC(1998, 0, 1), Date.UTC(2025, 0, 1)];
    this.view = null;  // the stretch of time shown, when zoomed in; null: the whole extent
    this.labelW = LABEL_W;  // the lane names' column; none on a narrow canvas (names above the dots)
    this.nameH = 0;
    this.range = [null, null];
    this.playhead = null;
    this.chosen = null;
    this.shown = null;
    this._listen();  // the pointer, touch and wheel (geo/timeline-input.js)
    var self = this;
    if (typeof ResizeObserver !== "undefined") {
      new ResizeObserver(function () { self.draw(); }).observe(canvas);
    }
  }

  /* items: {t, t1, lane, colour, key, label, when}; lanes: their names in order. */
  Timeline.prototype.setItems = function (items, lanes, extent) {
    this.items = items;
    this.lanes = lanes;
    if (extent) this.extent = extent;
    if (this.view) this.zoomTo(this.view[0], this.view[1]);
    this._layout = null;
    this.draw();
  };

  /* Show the stretch of time from t0 to t1 (kept inside the extent, at least a month);
     zoomTo(null) shows the whole extent again. */
  Timeline.prototype.zoomTo = function (t0, t1) {
    var lo = this.extent[0], hi = this.extent[1], full = hi - lo;
    if (t0 === null || t0 === undefined || t1 - t0 >= full) { this.view = null; this.draw(); return; }
    var span = Math.max(MIN_SPAN, t1 - t0), mid = (t0 + t1) / 2;
    var start = Math.min(Math.max(lo, mid - span / 2), hi - span);
    this.view = [start, start + span];
    this.draw();
  };
  /* Zoom by factor (>1: in) about time t (default: the middle of what is shown), which stays
     where it is (the wheel, under the pointer) or, centred, moves to the middle (the buttons). */
  Timeline.prototype.zoomBy = function (factor, t, centred) {
    var shown = this._shown(), span = (shown[1] - shown[0]) / factor;
    if (t === undefined) t = (shown[0] + shown[1]) / 2;
    var share = centred ? 0.5 : (t - shown[0]) / (shown[1] - shown[0]);
    this.zoomTo(t - share * span, t - share * span + span);
  };
  Timeline.prototype._shown = function () { return this.view || this.extent; };
  Timeline.prototype.setRange = function (start, end) { this.range = [start, end]; this.draw(); };
  Timeline.prototype.setPlayhead = function (t) { this.playhead = t; this.draw(); };
  Timeline.prototype.setChosen = function (key) { this.chosen = key; this.draw(); };
  /* shown(item) → whether the item's feature is on the map now (others are drawn faint). */
  Timeline.prototype.setShown = function (shown) { this.shown = shown; this.draw(); };

  Timeline.prototype._x = function (t) {
    var shown = this._shown(), w = this.width - this.labelW - 10;
    return this.labelW + 4 + (t - shown[0]) / (shown[1] - shown[0]) * w;
  };
  Timeline.prototype._t = function (x) {
    var shown = this._shown(), w = this.width - this.labelW - 10;
    return shown[0] + Math.max(0, Math.min(1, (x - this.labelW - 4) / w)) * (shown[1] - shown[0]);
  };
  Timeline.prototype._inView = function (x) { return x >= this.labelW && x <= this.width - 4; };

  /* Rows within each lane so that no two dots overlap (up to MAX_ROWS; then they overlap). */
  Timeline.prototype._place = function () {
    var byLane = this.lanes.map(function () { return []; }), self = this;
    this.items.forEach(function (item) {
      item.x = self._x((item.t + item.t1) / 2);
      if (byLane[item.lane]) byLane[item.lane].push(item);
    });
    var laneTop = 2, layout = [];
    byLane.forEach(function (items) {
      items.sort(function (a, b) { return a.x - b.x; });
      var ends = [];
      items.forEach(function (item) {
        var row = -1;
        for (var r = 0; r < ends.length; r++) if (item.x - ends[r] >= 2 * R + 1) { row = r; break; }
        if (row === -1) {
          if (ends.length < MAX_ROWS) { row = ends.length; ends.push(-Infinity); }
          else { row = 0; for (r = 1; r < ends.length; r++) if (ends[r] < ends[row]) row = r; }
        }
        ends[row] = item.x;
        item.row = row;
      });
      var rows = Math.max(1, ends.length), h = rows * ROW_H + LANE_PAD + self.nameH;
      items.forEach(function (item) {
        item.y = laneTop + self.nameH + LANE_PAD / 2 + (item.row + 0.5) * ROW_H;
      });
      layout.push({top: laneTop, height: h});
      laneTop += h;
    });
    this._layout = layout;
    this.plotHeight = laneTop;
  };

  Timeline.prototype.draw = function () {
    var canvas = this.canvas, ratio = window.devicePixelRatio || 1;
    this.width = canvas.clientWidth || 800;
    var narrow = this.width < NARROW_W;
    this.labelW = narrow ? 0 : LABEL_W;
    this.nameH = narrow ? NAME_H : 0;
    this._place();
    var height = this.plotHeight + AXIS_H + 2;
    this.height = height;  // the canvas's, in CSS pixels (read by the input)
    if (canvas.style.height !== height + "px") canvas.style.height = height + "px";
    canvas.width = Math.round(this.width * ratio);
    canvas.height = Math.round(height * ratio);
    var ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, this.width, height);
    this._drawLanes(ctx);
    this._drawRange(ctx, height);
    this._drawAxis(ctx);
    this._drawItems(ctx);
    if (this.playhead !== null && this._inView(this._x(this.playhead))) {
      var px = this._x(this.playhead);
      ctx.strokeStyle = "#cf222e";
      ctx.lineWidth = 2;
      ctx.beginPath(); ctx.moveTo(px, 0); ctx.lineTo(px, this.plotHeight); ctx.stroke();
    }
  };

  Timeline.prototype._drawLanes = function (ctx) {
    var self = this;
    ctx.font = "11px system-ui, \"Noto Sans KR\", \"Noto Sans JP\", \"Noto Sans SC\", sans-serif";
    ctx.textBaseline = "middle";
    this.lanes.forEach(function (name, i) {
      var lane = self._layout[i];
      if (i % 2) { ctx.fillStyle = "#f6f8fa"; ctx.fillRect(0, lane.top, self.width, lane.height); }
      ctx.fillStyle = "#59636e";
      if (self.nameH) { ctx.fillText(name, 4, lane.top + self.nameH / 2 + 1); return; }
      var text = name.length > 16 ? name.slice(0, 15) + "…" : name;
      ctx.fillText(text, 4, lane.top + lane.height / 2);
    });
  };

  Timeline.prototype._drawRange = function (ctx) {
    var start = this.range[0], end = this.range[1];
    if (start === null && end === null) return;
    var x0 = Math.max(this.labelW, this._x(start === null ? this.extent[0] : start));
    var x1 = Math.min(this.width - 4, this._x(end === null ? this.extent[1] : end));
    if (x1 < this.labelW || x0 > this.width - 4) return;
    ctx.fillStyle = "rgba(9, 105, 218, 0.10)";
    ctx.fillRect(x0, 0, Math.max(1, x1 - x0), this.plotHeight);
    ctx.strokeStyle = "rgba(9, 105, 218, 0.7)";
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(x0, 0); ctx.lineTo(x0, this.plotHeight);
    ctx.moveTo(x1, 0); ctx.lineTo(x1, this.plotHeight);
    ctx.stroke();
  };

  Timeline.prototype._drawAxis = function (ctx) {
    var shown = this._shown(), y = this.plotHeight + 1, span = shown[1] - shown[0], year = 365.25 * 864e5;
    var years = span / year, width = this.width - this.labelW - 10;
    var steps = [1, 2, 5, 10, 20, 50, 100], step = steps[steps.length - 1];
    for (var s = 0; s < steps.length; s++) if (width / (years / steps[s]) >= 42) { step = steps[s]; break; }
    ctx.strokeStyle = "#c6ccd2";
    ctx.beginPath(); ctx.moveTo(this.labelW, y); ctx.lineTo(this.width - 4, y); ctx.stroke();
    ctx.fillStyle = "#59636e";
    ctx.textBaseline = "top";
    ctx.textAlign = "center";
    var first = new Date(shown[0]).getUTCFullYear(), last = new Date(shown[1]).getUTCFullYear();
    if (years < 3) {  // short ranges: months
      var d = new Date(shown[0]), monthStep = years < 1 ? 1 : width / (years * 12) >= 30 ? 1 : 3;
      for (var t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1); t <= shown[1];) {
        var md = new Date(t), x = this._x(t);
        if (x >= this.labelW + 10 && x <= this.width - 12) {
          ctx.fillText(md.getUTCMonth() ? geoTimes.monthName(md.getUTCMonth()) : String(md.getUTCFullYear()), x, y + 2);
        }
        t = Date.UTC(md.getUTCFullYear(), md.getUTCMonth() + monthStep, 1);
      }
    } else {
      for (var yr = Math.ceil(first / step) * step; yr <= last; yr += step) {
        var tx = this._x(Date.UTC(yr, 0, 1));
        if (tx < this.labelW + 10 || tx > this.width - 12) continue;
        ctx.beginPath(); ctx.moveTo(tx, y); ctx.lineTo(tx, y + 3); ctx.stroke();
        ctx.fillText(String(yr), tx, y + 3);
      }
    }
    ctx.textAlign = "start";
    if (this.view) {  // where the stretch shown lies in the whole timeline, like a scroll bar
      var full = this.extent[1] - this.extent[0], left = this.labelW, w = this.width - 4 - left;
      ctx.fillStyle = "#d8dee4";
      ctx.fillRect(left, y + AXIS_H - 2, w, 3);
      ctx.fillStyle = "#0969da";
      ctx.fillRect(left + (this.view[0] - this.extent[0]) / full * w, y + AXIS_H - 2,
                   Math.max(4, (this.view[1] - this.view[0]) / full * w), 3);
    }
  };

  Timeline.prototype._drawItems = function (ctx) {
    var self = this;
    ctx.save();
    ctx.beginPath();
    ctx.rect(this.labelW, 0, this.width - this.labelW, this.plotHeight);
    ctx.clip();
    this.items.forEach(function (item) {
      var on = self.shown ? self.shown(item) : true;
      ctx.globalAlpha = on ? 1 : 0.25;
      var x0 = self._x(item.t), x1 = self._x(item.t1);
      if (x1 - x0 > 2 * R) {  // a period wider than the dot: its span
        ctx.strokeStyle = item.colour;
        ctx.lineWidth = 3;
        ctx.beginPath(); ctx.moveTo(x0, item.y); ctx.lineTo(x1, item.y); ctx.stroke();
      }
      ctx.beginPath();
      ctx.arc(item.x, item.y, R, 0, 2 * Math.PI);
      ctx.fillStyle = item.colour;
      ctx.fill();
      ctx.lineWidth = 0.8;
      ctx.strokeStyle = "#222";
      ctx.stroke();
      if (self.chosen !== null && item.key === self.chosen) {
        ctx.globalAlpha = 1;
        ctx.lineWidth = 2.5;
        ctx.strokeStyle = "#ffb000";
        ctx.beginPath(); ctx.arc(item.x, item.y, R + 3, 0, 2 * Math.PI); ctx.stroke();
      }
    });
    ctx.restore();
    ctx.globalAlpha = 1;
  };

  /* The dot under canvas point (x, y), or null. */
  Timeline.prototype.itemAt = function (x, y) {
    var best = null, bestD = R + 3;
    if (!this._inView(x)) return null;
    for (var i = 0; i < this.items.length; i++) {
      var item = this.items[i], d = Math.hypot(item.x - x, item.y - y);
      if (d <= bestD) { best = item; bestD = d; }
    }
    return best;
  };

  /* Where each dot is, in viewport pixels (for tests and the keyboard); null when it is not
     in the stretch of time shown. */
  Timeline.prototype.positionOf = function (key) {
    var box = this.canvas.getBoundingClientRect();
    for (var i = 0; i < this.items.length; i++) {
      var item = this.items[i];
      if (item.key === key) return this._inView(item.x) ? {x: box.left + item.x, y: box.top + item.y} : null;
    }
    return null;
  };

  // the pointer, touch and wheel, in a file of their own (geo/timeline-input.js, loaded first)
  Object.assign(Timeline.prototype, geoTimelineInput);

  // the times' functions stay here too: the explorer's modules, tests and benchmarks call them so
  return {Timeline: Timeline, parseTime: geoTimes.parseTime, describe: geoTimes.describe,
          isoDay: geoTimes.isoDay, isoAt: geoTimes.isoAt};
})();
