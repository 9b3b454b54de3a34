// Comparing plan times with a small tolerance, so that sums of floating durations do not raise false alarms.

/** Relative tolerance; times up to 1 in magnitude are compared with this absolute tolerance. */
export const TOLERANCE = 1e-9;

function slack(a: number, b: number): number {
  return TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

/** `a` is earlier than `b` by more than the tolerance. */
export function isBefore(a: number, b: number): boolean {
  return a < b - slack(a, b);
}

/** `a` and `b` differ by more than the tolerance (or either is not finite). */
export function differs(a: number, b: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a !== b;
  return Math.abs(a - b) > slack(a, b);
}

/** Half-open intervals `[aStart, aEnd)` and `[bStart, bEnd)` share more than the tolerance. */
export function intersects(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  return isBefore(Math.max(aStart, bStart), Math.min(aEnd, bEnd));
}
