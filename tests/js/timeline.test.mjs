// The timeline's three classic scripts (geo/times.js, geo/timeline-input.js, geo/timeline.js),
// loaded in one context in the page's order: geoTimeline keeps the API the explorer's modules,
// tests and benchmarks call, and a Timeline listens to its canvas through the input's mixin.
import {test} from "node:test";
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {runInNewContext} from "node:vm";

const STATIC = new URL("../../geo/map/static/geo/", import.meta.url);
const sandbox = {};
const code = ["times.js", "timeline-input.js", "timeline.js"]
  .map((name) => readFileSync(new URL(name, STATIC), "utf8")).join("\n");
runInNewContext(code + "\nthis.geoTimes = geoTimes; this.geoTimeline = geoTimeline;", sandbox);
const {geoTimes, geoTimeline} = sandbox;

test("geoTimeline keeps its API, the times' functions being geoTimes' own", () => {
  assert.deepEqual(Object.keys(geoTimeline).sort(), ["Timeline", "describe", "isoAt", "isoDay", "parseTime"]);
  for (const name of ["parseTime", "describe", "isoDay", "isoAt"]) assert.equal(geoTimeline[name], geoTimes[name]);
  const month = geoTimeline.parseTime("2023-09");
  assert.deepEqual([month.precision, geoTimeline.isoAt(month), geoTimeline.describe(month)],
                   ["month", "2023-09", "Sep 2023"]);
});

test("a Timeline listens to its canvas's pointer, wheel and double click", () => {
  const heard = [];
  const canvas = {addEventListener: (type) => heard.push(type)};
  const timeline = new geoTimeline.Timeline(canvas, {});
  assert.deepEqual(heard.sort(), ["dblclick", "pointercancel", "pointerdown", "pointerleave", "pointermove",
                                  "pointerup", "wheel"]);
  assert.deepEqual([timeline.drag, timeline.pinch, Object.keys(timeline.touches)], [null, null, []]);
  for (const name of ["_wheel", "_pan", "_pinchStart", "_pinchMove", "_point", "_down", "_capture", "_move", "_up"]) {
    assert.equal(typeof geoTimeline.Timeline.prototype[name], "function", name);
  }
});
