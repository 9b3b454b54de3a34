import { zoneOffsetMs } from '../i18n/time-zone.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Tick steps the axis may use, finest first. */
export const TICK_STEPS_MS = [
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
];

/** The finest step whose ticks stay at least `minSpacingPx` apart. */
export function tickStep(spanMs: number, widthPx: number, minSpacingPx = 90): number {
  const minStep = (spanMs / Math.max(1, widthPx)) * minSpacingPx;
  for (const step of TICK_STEPS_MS) if (step >= minStep) return step;
  return TICK_STEPS_MS[TICK_STEPS_MS.length - 1]!;
}

/**
 * Tick times in [startMs, endMs] on whole steps of the plant's local time (`offsetMs`: local minus UTC), written
 * into `out` (cleared first); returns the step.
 */
export function axisTicks(
  startMs: number,
  endMs: number,
  widthPx: number,
  offsetMs: number,
  out: number[],
): number {
  out.length = 0;
  const step = tickStep(endMs - startMs, widthPx);
  const first = Math.ceil((startMs + offsetMs) / step) * step - offsetMs;
  for (let t = first; t <= endMs; t += step) out.push(t);
  return step;
}

/** Whether a tick falls on local midnight (the axis shows the date there). */
export function isLocalMidnight(t: number, offsetMs: number): boolean {
  return (((t + offsetMs) % DAY) + DAY) % DAY === 0;
}

/** The offset of a time zone from UTC at a moment, in ms; UTC when the zone is not given or unknown. */
export function timezoneOffsetMs(epochMs: number, timeZone: string | undefined): number {
  if (!timeZone) return 0;
  try {
    return zoneOffsetMs(epochMs, timeZone);
  } catch {
    return 0; // an unknown zone: the axis still draws, in UTC
  }
}
