/* Playback: the dates shown played from start to end in PLAY_MS, the features appearing as
   the clock reaches them (each zone during its own window); paused, resumed, stopped. */
import {ctx} from "geo-explorer/context.js";
import {playEnded, playSpan, playStarted, playStepped, withPlay} from "geo-explorer/state.js";
import {t} from "geo-explorer/features.js";
import {applyFilter} from "geo-explorer/filter.js";
import {refreshDates} from "geo-explorer/topbar.js";

let playFrame = null;  // the next frame's request while playing

export function togglePlay() {
  const el = ctx.el;
  if (playFrame !== null) {  // pause
    cancelAnimationFrame(playFrame);
    playFrame = null;
    el.play.textContent = "▶";
    return;
  }
  const span = playSpan(ctx.state, ctx.extent);  // as when pressed, whatever is brushed while it plays
  ctx.state = playStarted(ctx.state, span);
  el.play.textContent = "❚❚";
  let last = performance.now();
  function step(now) {
    ctx.state = playStepped(ctx.state, span, now - last);
    last = now;
    ctx.timeline.setPlayhead(ctx.state.play);
    applyFilter();
    el.dates.textContent = t("time.playing", {date: geoI18n.day(ctx.state.play)});
    if (playEnded(ctx.state, span)) { playFrame = null; el.play.textContent = "▶"; return; }
    playFrame = requestAnimationFrame(step);
  }
  playFrame = requestAnimationFrame(step);
}

/* The running playback's frames stopped (its clock stays where it is). */
function halt() {
  if (playFrame !== null) cancelAnimationFrame(playFrame);
  playFrame = null;
  if (ctx.el.play) ctx.el.play.textContent = "▶";
}

export function stopPlay() {
  halt();
  ctx.state = withPlay(ctx.state, null);
  ctx.timeline.setPlayhead(null);
  applyFilter();
  refreshDates();
}

/* Set the clock of the playback directly (for tests and the keyboard); null stops it. */
export function setPlayhead(time) {
  halt();  // a clock set by hand is not advanced by a playback still running
  ctx.state = withPlay(ctx.state, time);
  if (ctx.timeline) ctx.timeline.setPlayhead(time);
  applyFilter();
}
