// The explorer's state and its transitions (geo/map/static/geo/explorer/state.js), without a
// browser: run with `node --test tests/js` (tests/test_js.py runs it in the suite).
import {test} from "node:test";
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {runInNewContext} from "node:vm";
import * as S from "../../geo/map/static/geo/explorer/state.js";

// The page's own reader of times (geo/times.js, a classic script): what the permalink uses.
const timesCode = readFileSync(new URL("../../geo/map/static/geo/times.js", import.meta.url), "utf8");
const sandbox = {};
runInNewContext(timesCode + "\nthis.geoTimes = geoTimes;", sandbox);
const parseTime = sandbox.geoTimes.parseTime;

const day = (text) => Date.parse(text + "T00:00:00Z");
const EXTENT = [day("1998-08-31"), day("2024-05-27") + S.DAY - 1];

test("a state is frozen and every transition leaves the one it was given as it was", () => {
  const first = S.initial();
  assert.ok(Object.isFrozen(first) && Object.isFrozen(first.visible));
  assert.throws(() => { first.start = 1; }, TypeError);
  const narrowed = S.withRange(first, day("2012-01-01"), day("2013-01-01"));
  const chosen = S.withChoice(narrowed, "2012-12-12-unha-3", {layer: "events", index: 3, id: "2012-12-12-unha-3"});
  const played = S.withPlay(chosen, day("2012-06-01"));
  const hidden = S.withVisible(played, "zones", false);
  const korean = S.withLanguage(hidden, "ko");
  assert.deepEqual([first.start, first.event, first.play, first.language, first.visible], [null, null, null, "en", {}]);
  assert.equal(narrowed.event, null);
  assert.equal(chosen.play, null);
  assert.deepEqual(played.visible, {});
  assert.equal(hidden.language, "en");
  assert.deepEqual([korean.start, korean.event, korean.play, korean.visible, korean.language],
                   [day("2012-01-01"), "2012-12-12-unha-3", day("2012-06-01"), {zones: false}, "ko"]);
  for (const s of [narrowed, chosen, played, hidden, korean]) assert.ok(Object.isFrozen(s));
});

test("dates brushed on the timeline are whole UTC days, from the first's start to the last's end", () => {
  const s = S.withBrush(S.initial(), Date.parse("2023-05-31T15:27:00Z"), Date.parse("2023-06-02T01:00:00Z"));
  assert.equal(s.start, day("2023-05-31"));
  assert.equal(s.end, day("2023-06-02") + S.DAY - 1);
  assert.equal(S.isoDay(s.end), "2023-06-02");
  const open = S.withBrush(s, null, Date.parse("2023-06-02T01:00:00Z"));
  assert.equal(open.start, null);
});

test("dates that cover the whole extent are the whole range, and only a narrowing end goes in a link", () => {
  const all = S.initial();
  assert.ok(S.isWhole(all, EXTENT));
  assert.deepEqual(S.shownRange(all, EXTENT), EXTENT);
  assert.deepEqual(S.rangeParams(all, EXTENT), []);
  const wider = S.withRange(all, EXTENT[0] - S.DAY, EXTENT[1] + S.DAY);
  assert.ok(S.isWhole(wider, EXTENT));
  assert.deepEqual(S.rangeParams(wider, EXTENT), []);
  const from2012 = S.withRange(all, day("2012-04-13"), null);
  assert.ok(!S.isWhole(from2012, EXTENT));
  assert.deepEqual(S.rangeParams(from2012, EXTENT), [["from", "2012-04-13"]]);
  assert.deepEqual(S.shownRange(from2012, EXTENT), [day("2012-04-13"), EXTENT[1]]);
});

test("a feature is in range by its start; undated ones always are; the ends are inclusive", () => {
  const s = S.withRange(S.initial(), day("2016-02-07"), day("2016-02-07") + S.DAY - 1);
  assert.ok(S.inRange(s, EXTENT, null));
  assert.ok(S.inRange(s, EXTENT, parseTime("2016-02-07T00:30Z")));
  assert.ok(S.inRange(s, EXTENT, parseTime("2016-02-07")));
  assert.ok(!S.inRange(s, EXTENT, parseTime("2016-02-08")));
  assert.ok(!S.inRange(s, EXTENT, parseTime("2016-02")));  // a month-only record starts on the 1st
  // an end at or beyond the extent's is no end: what lies past the extent (a follower) stays
  const open = S.withRange(S.initial(), EXTENT[0], EXTENT[1]);
  assert.ok(S.inRange(open, EXTENT, parseTime("2030-01-01")));
});

test("a date alone may be any hour of that day, from UTC-12 to UTC+14; a time keeps its own", () => {
  const date = parseTime("2023-05-31"), minute = parseTime("2023-05-31T06:27Z");
  assert.equal(S.earliest(date), day("2023-05-31") - 14 * 3600000);
  assert.equal(S.latest(date), day("2023-05-31") + S.DAY - 1 + 12 * 3600000);
  assert.equal(S.earliest(minute), Date.parse("2023-05-31T06:27:00Z"));
  assert.equal(S.latest(minute), Date.parse("2023-05-31T06:27:59.999Z"));
  assert.ok(!S.timed(date) && S.timed(minute) && S.timed(parseTime("2023-05-31T06:27:10Z")));
});

test("while playing, a feature is shown once the clock reaches it, a zone during its window", () => {
  const before = parseTime("2023-05-30"), after = parseTime("2023-06-01");
  const s = S.withPlay(S.initial(), day("2023-05-31"));
  assert.ok(S.shownAt(s, EXTENT, before) && !S.shownAt(s, EXTENT, after) && S.shownAt(s, EXTENT, null));
  assert.ok(S.shownAt(S.initial(), EXTENT, after));
  const window = [day("2023-05-30"), day("2023-06-01")];
  assert.ok(S.inWindow(s, window));
  assert.ok(!S.inWindow(S.withPlay(s, day("2023-06-02")), window));
  assert.ok(!S.inWindow(S.initial(), window));  // not playing: no clock to be in a window
});

test("the playback runs over the dates shown in PLAY_MS, resumes where it paused, restarts at the end", () => {
  const s = S.withRange(S.initial(), day("2012-01-01"), day("2013-01-01"));
  const span = S.playSpan(s, EXTENT);
  assert.deepEqual(span, [day("2012-01-01"), day("2013-01-01")]);
  const started = S.playStarted(s, span);
  assert.equal(started.play, day("2012-01-01"));
  const half = S.playStepped(started, span, S.PLAY_MS / 2);
  assert.equal(half.play, (day("2012-01-01") + day("2013-01-01")) / 2);
  assert.equal(S.playStarted(half, span), half);  // paused midway: resumed from there
  assert.ok(!S.playEnded(half, span));
  // dates brushed while it plays: it keeps the span it was started over, and its pace
  const brushed = S.withRange(half, day("2012-01-01"), day("2012-03-01"));
  assert.equal(S.playStepped(brushed, span, S.PLAY_MS / 4).play, day("2012-01-01") + 0.75 * (span[1] - span[0]));
  const done = S.playStepped(half, span, S.PLAY_MS * 10);
  assert.equal(done.play, day("2013-01-01"));  // never past the end
  assert.ok(S.playEnded(done, span));
  assert.equal(S.playStarted(done, span).play, day("2012-01-01"));
  // the whole range: within the extent, however wide the dates asked for
  assert.deepEqual(S.playSpan(S.withRange(S.initial(), 0, EXTENT[1] * 2), EXTENT), EXTENT);
});

test("the timeline zooms about the clock, then the chosen event, then the dates' middle", () => {
  const event = parseTime("2016-02-07");
  const dates = S.withRange(S.initial(), day("2016-01-01"), day("2016-01-03"));
  assert.equal(S.zoomCentre(S.initial(), EXTENT, null), undefined);
  assert.equal(S.zoomCentre(dates, EXTENT, null), day("2016-01-02"));
  assert.equal(S.zoomCentre(dates, EXTENT, event), (event.t + event.t1) / 2);
  assert.equal(S.zoomCentre(S.withPlay(dates, 42), EXTENT, event), 42);
});

test("a choice holds its event and its feature; another part of the event keeps the event", () => {
  const detail = {layer: "zones", index: 2, id: "2024-05-27-stage1"};
  const s = S.withChoice(S.initial(), "2024-05-27-malligyong-1-1", detail);
  detail.index = 99;  // the caller's object is copied, not kept
  assert.equal(s.detail.index, 2);
  assert.ok(Object.isFrozen(s.detail));
  const other = S.withDetail(s, {layer: "events", index: 0, id: "2024-05-27-malligyong-1-1"});
  assert.equal(other.event, "2024-05-27-malligyong-1-1");
  assert.equal(other.detail.layer, "events");
  const none = S.withoutChoice(other);
  assert.deepEqual([none.event, none.detail], [null, null]);
  assert.equal(S.withChoice(S.initial(), null, detail).event, null);  // a feature of no event
});

const KNOWN = {
  parseTime,
  hasEvent: (id) => id === "2024-05-27-malligyong-1-1",
  featureOf: (id) => (id === "sohae" ? ["sites", 0] : null),
  builtins: ["events", "sites", "zones"]
};

test("a permalink's parameters are read only where they are there and valid", () => {
  const read = (text) => S.readPermalink(new URLSearchParams(text), KNOWN);
  assert.deepEqual(read(""), {});
  assert.deepEqual(read("event=2024-05-27-malligyong-1-1&feature=sohae&from=2024-01-01&to=2024-12-31" +
                        "&layers=events,zones&lat=39.66&lon=124.7&z=7.6&lang=ko"),
                   {event: "2024-05-27-malligyong-1-1", feature: ["sites", 0], from: day("2024-01-01"),
                    to: day("2024-12-31"), layers: {events: true, sites: false, zones: true},
                    view: [39.66, 124.7, 8], lang: "ko"});
  assert.deepEqual(read("event=no-such-launch&feature=nowhere"), {});
  assert.deepEqual(read("from=2024-12-31&to=2024-01-01"), {});  // backwards: neither
  assert.deepEqual(read("from=2024-05&to=2024-05-27T10:00Z"), {});  // days only
  assert.deepEqual(read("from=<script>"), {});
  assert.deepEqual(read("layers=none"), {layers: {events: false, sites: false, zones: false}});
  for (const bad of ["lat=86&lon=0&z=5", "lat=0&lon=181&z=5", "lat=0&lon=0&z=0", "lat=0&lon=0&z=20",
                     "lat=x&lon=0&z=5", "lat=0&lon=0", "lat=Infinity&lon=0&z=5"]) {
    assert.equal(read(bad).view, undefined, bad);
  }
});

test("a state written as a permalink is read back as the same choice", () => {
  const s = S.withLanguage(S.withChoice(S.withRange(S.initial(), day("2024-01-01"), day("2024-03-31") + S.DAY - 1),
                                        "2024-05-27-malligyong-1-1",
                                        {layer: "sites", index: 0, id: "sohae"}), "ko");
  const pairs = S.permalinkParams(s, EXTENT, {lat: 39.66012, lon: 124.70549, z: 7},
                                  {shown: ["events", "zones"], changed: true});
  assert.deepEqual(pairs.map((p) => p[0]), ["event", "feature", "from", "to", "layers", "lat", "lon", "z", "lang"]);
  assert.deepEqual(pairs.map((p) => p[0]), S.URL_KEYS);
  const back = S.readPermalink(new URLSearchParams(pairs), KNOWN);
  assert.deepEqual(back, {event: s.event, feature: ["sites", 0], from: s.start, to: day("2024-03-31"),
                          layers: {events: true, sites: false, zones: true}, view: [39.6601, 124.7055, 7],
                          lang: "ko"});
});

test("a permalink leaves out what is as it would be anyway", () => {
  const event = "2024-05-27-malligyong-1-1";
  const s = S.withChoice(S.initial(), event, {layer: "events", index: 5, id: event});
  const pairs = S.permalinkParams(s, EXTENT, {lat: 40, lon: 125, z: 5}, {shown: ["events"], changed: false});
  assert.deepEqual(pairs, [["event", event], ["lat", "40.0000"], ["lon", "125.0000"], ["z", "5"]]);
  const nothing = S.permalinkParams(S.initial(), EXTENT, {lat: 40, lon: 125, z: 5}, {shown: [], changed: true});
  assert.deepEqual(nothing[0], ["layers", "none"]);
});
