/** How far back the scrubber reaches at most (the event log usually holds less). */
export const MAX_REPLAY_MS = 8 * 3_600_000;

/** Plant-time speeds of playback (plant seconds per real second). */
export const PLAY_SPEEDS = [1, 10, 60, 600, 3600] as const;
export type PlaySpeed = (typeof PLAY_SPEEDS)[number];

export interface ScrubRange {
  minMs: number;
  nowMs: number;
  maxMs: number;
}

/**
 * The slider's range: back as far as the event log covers (at most MAX_REPLAY_MS; before the log is loaded,
 * MAX_REPLAY_MS), forward to the end of the active plan (now when there is none or it ended).
 */
export function scrubRange(
  nowMs: number,
  coverageStartMs: number | undefined,
  planEndMs?: number,
): ScrubRange {
  const back =
    coverageStartMs === undefined ? MAX_REPLAY_MS : Math.min(MAX_REPLAY_MS, nowMs - coverageStartMs);
  return { minMs: nowMs - Math.max(0, back), nowMs, maxMs: Math.max(nowMs, planEndMs ?? nowMs) };
}

/** Past, present or future relative to the plant's now; within `toleranceMs` of now counts as now (live). */
export function modeAt(atMs: number, nowMs: number, toleranceMs = 0): 'replay' | 'live' | 'future' {
  if (atMs < nowMs - toleranceMs) return 'replay';
  if (atMs > nowMs + toleranceMs) return 'future';
  return 'live';
}

/** The next time while playing: plant time advances `speed` times real time, clamped to the range's end. */
export function advance(atMs: number, realElapsedMs: number, speed: number, range: ScrubRange): number {
  return Math.min(range.maxMs, Math.max(range.minMs, atMs + realElapsedMs * speed));
}

/** Slider steps: a fixed count over the range, so a drag is as fine on a 2 h range as on a 2-week one. */
export const SLIDER_STEPS = 2000;
/**
 * Where now sits on the slider when there is both a past and a future: hours of history beside weeks of plan
 * would otherwise leave the past a sliver; each side is linear in time.
 */
export const NOW_FRACTION = 0.25;

function nowStep(range: ScrubRange): number {
  const past = range.nowMs - range.minMs;
  const future = range.maxMs - range.nowMs;
  if (past <= 0) return 0;
  if (future <= 0) return SLIDER_STEPS;
  return Math.round(NOW_FRACTION * SLIDER_STEPS);
}

export function toSlider(atMs: number, range: ScrubRange): number {
  const n = nowStep(range);
  if (atMs <= range.nowMs) {
    const past = range.nowMs - range.minMs;
    return past <= 0 ? n : Math.round(Math.max(0, (atMs - range.minMs) / past) * n);
  }
  const future = range.maxMs - range.nowMs;
  return Math.round(n + Math.min(1, (atMs - range.nowMs) / future) * (SLIDER_STEPS - n));
}

/** The time of a slider step; the step of now gives now exactly (so the user can drop back onto live). */
export function fromSlider(step: number, range: ScrubRange): number {
  const n = nowStep(range);
  if (step === n) return range.nowMs;
  if (step < n) return range.minMs + (step / n) * (range.nowMs - range.minMs);
  return range.nowMs + ((step - n) / (SLIDER_STEPS - n)) * (range.maxMs - range.nowMs);
}
