/* Place labels that never cover each other.

   geoLabels.layout(candidates, width, height, obstacles)  the candidates that fit, in priority
       order, clear of the obstacles ({left, top, right, bottom, site?, cx?, cy?}: the open legend, the
       buttons, the sites' dots, each but its own site's label):
       each {lines, x, y, w, h, centred} (x, y: the place's pixel in the map; a point's label is
       drawn to its right, or left, above or below where the right is taken; a sea's centred on
       it); a label that would overlap one already placed wherever it goes, or stick out of the
       map, is left out. Greedy, like most web maps: the first
       candidates (the larger places) win.
   geoLabels.width(text, font)  the pixel width of a text, measured once per text. */
var geoLabels = (function () {
  "use strict";
  var PAD = 3, widths = {}, canvas = null;

  function width(text, font) {
    var key = font + "\u0000" + text;
    if (widths[key] === undefined) {
      canvas = canvas || document.createElement("canvas");
      var ctx = canvas.getContext("2d");
      ctx.font = font;
      widths[key] = Math.ceil(ctx.measureText(text).width);
    }
    return widths[key];
  }

  /* Where a label may go: a sea's centred on its point; a place's to the right of its dot,
     else to the left, above or below it. */
  function boxes(c) {
    var spots = c.centred ? [[c.x - c.w / 2, c.y - c.h / 2]]
      : [[c.x + 7, c.y - c.h / 2], [c.x - 7 - c.w, c.y - c.h / 2], [c.x - c.w / 2, c.y - 8 - c.h],
         [c.x - c.w / 2, c.y + 8]];
    return spots.map(function (s) {
      return {left: s[0] - PAD, top: s[1] - PAD, right: s[0] + c.w + PAD, bottom: s[1] + c.h + PAD,
              x: s[0], y: s[1]};
    });
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function layout(candidates, w, h, obstacles) {
    var placed = (obstacles || []).map(function (b) { return {label: null, box: b}; });
    function free(c, b) {
      if (b.left < 0 || b.top < 0 || b.right > w || b.bottom > h) return false;
      for (var k = 0; k < placed.length; k++) {
        var other = placed[k].box;
        // a site's own dot, and the dots drawn on the same spot (Pyongyang and its control centre)
        if (other.site !== undefined && (other.site === c.id ||
            Math.abs(other.cx - c.x) < 9 && Math.abs(other.cy - c.y) < 9)) continue;
        if (overlaps(other, b)) return false;
      }
      return true;
    }
    candidates.forEach(function (c) {
      var spot = boxes(c).filter(function (b) { return free(c, b); })[0];
      if (spot) placed.push({label: c, box: spot});
    });
    return placed.filter(function (p) { return p.label; });
  }

  return {layout: layout, width: width, overlaps: overlaps};
})();
if (typeof module !== "undefined") module.exports = geoLabels;
