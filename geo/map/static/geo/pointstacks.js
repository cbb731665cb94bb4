/* Points that stand on one spot on the screen (a stack): found among a PointSet's points, then
   either spread out on a circle round their place, each with a leg to it (as
   Leaflet.markercluster's spiderfier), or drawn as one point with their count on a badge.
   Works on the points' pixel positions only (x and y, typed arrays, one entry a point). */
var geoPointStacks = (function () {
  "use strict";

  var KEY = 4194304;  // the cell (cx, cy) of a grid is keyed cx * KEY + cy

  /* The shown points that stand on one spot (within near px of the first of them), in groups
     of two or more, each group in drawing order. */
  function find(x, y, shown, near) {
    var cells = new Map(), groups = [], anchor = [], size = Math.max(near, 1);
    for (var k = 0; k < x.length; k++) {
      if (!shown[k]) continue;
      var cx = Math.floor(x[k] / size), cy = Math.floor(y[k] / size), found = -1;
      for (var dx = -1; dx <= 1 && found < 0; dx++) {
        for (var dy = -1; dy <= 1 && found < 0; dy++) {
          var cell = cells.get((cx + dx) * KEY + (cy + dy));
          if (!cell) continue;
          for (var j = 0; j < cell.length; j++) {
            var a = anchor[cell[j]];
            if (Math.abs(x[a] - x[k]) <= near && Math.abs(y[a] - y[k]) <= near) {
              found = cell[j];
              break;
            }
          }
        }
      }
      if (found >= 0) { groups[found].push(k); continue; }
      var key = cx * KEY + cy, list = cells.get(key);
      if (list) list.push(groups.length); else cells.set(key, [groups.length]);
      anchor.push(k);
      groups.push([k]);
    }
    return groups.filter(function (group) { return group.length > 1; });
  }

  /* Each stack's points spread on a circle round their place (x and y moved in place) if
     spread and the stack has at most max points, else left as one point with their count.
     Returns {legs: [[x0, y0, x1, y1], ...], top: for each point the member drawn for its
     stack or -1, counts: [[x, y, count, top], ...]}. */
  function layout(stacks, x, y, spread, max) {
    var legs = [], top = new Int32Array(x.length).fill(-1), counts = [];
    stacks.forEach(function (shown) {
      var cx = x[shown[0]], cy = y[shown[0]];
      if (spread && shown.length <= max) {
        var radius = 14 + 2.2 * shown.length;
        for (var j = 0; j < shown.length; j++) {
          var angle = -Math.PI / 2 + 2 * Math.PI * j / shown.length;
          x[shown[j]] = cx + radius * Math.cos(angle);
          y[shown[j]] = cy + radius * Math.sin(angle);
          legs.push([cx, cy, x[shown[j]], y[shown[j]]]);
        }
        return;
      }
      var last = shown[shown.length - 1];
      for (var m = 0; m < shown.length; m++) top[shown[m]] = last;
      counts.push([cx, cy, shown.length, last]);
    });
    return {legs: legs, top: top, counts: counts};
  }

  /* The legs from each spread stack's place to its points. */
  function drawLegs(ctx, legs) {
    if (!legs.length) return;
    ctx.globalAlpha = 0.6;
    ctx.strokeStyle = "#555";
    ctx.lineWidth = 1;
    ctx.beginPath();
    legs.forEach(function (leg) { ctx.moveTo(leg[0], leg[1]); ctx.lineTo(leg[2], leg[3]); });
    ctx.stroke();
  }

  /* The number of points of each collapsed stack, on a small disc beside its point; faded
     with the point drawn for the stack (emphasis 1). */
  function drawCounts(ctx, counts, emphasis) {
    ctx.globalAlpha = 1;
    ctx.font = "bold 10px sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    for (var c = 0; c < counts.length; c++) {
      var item = counts[c], text = String(item[2]);
      var x = item[0] + 8, y = item[1] - 8, r = Math.max(7, 3 + 3 * text.length);
      ctx.globalAlpha = emphasis[item[3]] === 1 ? geoPointStyle.FADED_ALPHA : 1;
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
  }

  return {find: find, layout: layout, drawLegs: drawLegs, drawCounts: drawCounts};
})();
