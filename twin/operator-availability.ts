// When operators work: each one's shift calendar (their own, else the site's, else always), expanded as the
// machines' calendars are (machine-availability.ts), so the scheduler and the plan checkers agree on shifts.
import type { OpenIntervals } from './calendar-intervals.js';
import { calendarOpenTime, type AvailabilityOptions } from './machine-availability.js';
import type { Calendar } from './schema/calendar.js';
import type { Operator } from './schema/operator.js';

/** Per operator, in order: their time on shift over [0, horizonS). */
export function operatorShifts(
  operators: readonly Operator[],
  site: { calendar?: string },
  calendars: ReadonlyMap<string, Calendar>,
  options: AvailabilityOptions,
): OpenIntervals[] {
  return operators.map((w) =>
    calendarOpenTime(w.calendar ?? site.calendar, `operator "${w.id}"`, calendars, options),
  );
}
