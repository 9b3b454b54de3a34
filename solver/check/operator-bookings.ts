// One operator's bookings along time, shared by the production checker (production/operator-checks.ts) and
// the model checker (plan-operators.ts): an operator holds one operation at a time, except that two running
// operations are facts the plan cannot change (the shop floor says so).
import { isBefore } from './time.js';

export interface Booking<T> {
  item: T;
  from: number;
  to: number;
}

/**
 * Sorts one operator's `bookings` by start, then end (stable: ties keep their order), and calls `overlap` for
 * each booking that starts before an earlier one ends (`earlier`: the one reaching furthest so far), unless
 * both are running.
 */
export function forEachDoubleBooking<T>(
  bookings: Booking<T>[],
  isRunning: (item: T) => boolean,
  overlap: (earlier: Booking<T>, later: Booking<T>) => void,
): void {
  bookings.sort((a, b) => a.from - b.from || a.to - b.to);
  let last: Booking<T> | undefined;
  for (const h of bookings) {
    if (last && isBefore(h.from, last.to) && !(isRunning(h.item) && isRunning(last.item))) overlap(last, h);
    if (!last || h.to > last.to) last = h;
  }
}
