import type { Calendar, Shift } from './schema/calendar.js';
import { clockMinutes } from './schema/time.js';

const DAY_MIN = 24 * 60;

/** Working minutes of one shift occurrence, breaks taken out. */
export function shiftMinutes(shift: Shift): number {
  const start = clockMinutes(shift.start);
  let end = clockMinutes(shift.end);
  if (end <= start) end += DAY_MIN;
  let breaks = 0;
  for (const b of shift.breaks ?? []) {
    const bs = clockMinutes(b.start);
    let be = clockMinutes(b.end);
    if (be <= bs) be += DAY_MIN;
    breaks += be - bs;
  }
  return Math.max(0, end - start - breaks);
}

/** Working seconds in an ordinary week (holidays aside): a machine's weekly capacity per station. */
export function openSecondsPerWeek(calendar: Calendar | undefined): number {
  if (!calendar) return 7 * DAY_MIN * 60;
  return calendar.shifts.reduce((sum, s) => sum + shiftMinutes(s) * s.days.length * 60, 0);
}
