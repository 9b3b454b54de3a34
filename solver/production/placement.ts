// Where an operation lands on one station: its setup starts once the station is free and the lot is there
// (as in the simulation: a station takes a lot, then sets up), in open time. On a pausing machine setup and
// processing pause over closed time; on another, setup and processing must fit in one open interval.
import type { OpenIntervals } from '../../twin/calendar-intervals.js';

/** The result of a placement; one instance is reused (no allocation per placement). */
export interface Placement {
  setupStart: number;
  start: number;
  end: number;
}

export function newPlacement(): Placement {
  return { setupStart: 0, start: 0, end: Infinity };
}

/**
 * Places `setup` then `work` seconds from `earliest` on. `end` is Infinity when the open time runs out
 * before the horizon (the caller names the operation).
 */
export function place(
  open: OpenIntervals,
  mayPause: boolean,
  earliest: number,
  setup: number,
  work: number,
  out: Placement,
): Placement {
  const bounds = open.bounds;
  const count = bounds.length >> 1;
  if (mayPause) {
    // One binary search, then a walk over the few intervals the setup and the work span.
    let i = open.firstEndingAfter(earliest);
    if (i >= count) return fail(out);
    out.setupStart = Math.max(earliest, bounds[2 * i]!);
    i = spend(bounds, i, out.setupStart, setup, out);
    if (i >= count) return fail(out);
    let t = out.end;
    if (work > 0 && t >= bounds[2 * i + 1]!) {
      if (++i >= count) return fail(out);
      t = bounds[2 * i]!;
    }
    out.start = t;
    return spend(bounds, i, t, work, out) >= count ? fail(out) : out;
  }
  const length = setup + work;
  for (let i = open.firstEndingAfter(earliest); 2 * i < bounds.length; i++) {
    const from = Math.max(earliest, bounds[2 * i]!);
    if (from + length <= bounds[2 * i + 1]!) {
      out.setupStart = from;
      out.start = from + setup;
      out.end = from + length;
      return out;
    }
  }
  return fail(out);
}

/**
 * Spends `left` open seconds from t, which lies in interval i, pausing over closed time: the instant reached
 * goes to `out.end`; returns its interval, or the interval count when the open time runs out first.
 */
function spend(bounds: Float64Array, i: number, t: number, left: number, out: Placement): number {
  const count = bounds.length >> 1;
  while (left > 0) {
    const room = bounds[2 * i + 1]! - t;
    if (left <= room) {
      t += left;
      break;
    }
    left -= room;
    if (++i >= count) return count;
    t = bounds[2 * i]!;
  }
  out.end = t;
  return i;
}

function fail(out: Placement): Placement {
  out.setupStart = Infinity;
  out.start = Infinity;
  out.end = Infinity;
  return out;
}
