// When a machine can work: its shift calendar (the machine's, else the site's, else always open) expanded in
// the site's time zone, minus planned maintenance and known downtime. The simulation, the production problem
// and the explanations all read it from here, so they agree on what "open" means.
import { expandCalendar, OpenIntervals } from './calendar-intervals.js';
import { TwinError } from './errors.js';
import type { Calendar } from './schema/calendar.js';
import type { Machine } from './schema/machine.js';
import { instantToSimTime, type TimeWindow } from './schema/time.js';

export interface MachineAvailability {
  /** Open time of the shift calendar. */
  calendar: OpenIntervals;
  maintenance: OpenIntervals;
  downtime: OpenIntervals;
  /** calendar − maintenance − downtime. */
  available: OpenIntervals;
}

export interface AvailabilityOptions {
  /** Wall-clock time of second 0. */
  startMs: number;
  horizonS: number;
  timeZone: string;
  /**
   * Expanded calendars, shared across calls (keyed by the calendar's content, the start, horizon and zone, so a
   * what-if that edits a calendar never reads a stale one).
   */
  cache?: Map<string, OpenIntervals>;
  /** Checking tools read past bad input: an unknown calendar is always open, an unreadable window is left out. */
  lenient?: boolean;
}

/** A list of time windows as intervals in seconds after `startMs`; `what` names the list in errors. */
export function timeWindows(
  list: readonly TimeWindow[] | undefined,
  startMs: number,
  what: string,
  lenient = false,
): OpenIntervals {
  const pairs: [number, number][] = [];
  (list ?? []).forEach((w, i) => {
    const pair: [number, number] = [instantToSimTime(w.start, startMs), instantToSimTime(w.end, startMs)];
    if (Number.isNaN(pair[0]) || Number.isNaN(pair[1])) {
      if (lenient) return;
      throw new TwinError('TWIN_E_SCHEMA', `${what}[${i}] has an unreadable date-time`);
    }
    pairs.push(pair);
  });
  return OpenIntervals.fromPairs(pairs, 0, Infinity);
}

/**
 * The open time of a resource's calendar (`calendarId`: its own, else the site's; none: always open);
 * `owner` names the resource in errors (`machine "L1"`, `operator "op-1"`).
 */
export function calendarOpenTime(
  calendarId: string | undefined,
  owner: string,
  calendars: ReadonlyMap<string, Calendar>,
  options: AvailabilityOptions,
): OpenIntervals {
  const { startMs, horizonS, timeZone } = options;
  if (calendarId === undefined) return OpenIntervals.always(horizonS);
  const c = calendars.get(calendarId);
  if (c) {
    const key = `${calendarId}|${startMs}|${horizonS}|${timeZone}|${JSON.stringify(c)}`;
    const calendar = options.cache?.get(key) ?? expandCalendar(c, { startMs, horizonS, timeZone });
    options.cache?.set(key, calendar);
    return calendar;
  }
  if (options.lenient) return OpenIntervals.always(horizonS);
  throw new TwinError('TWIN_E_UNKNOWN_REFERENCE', `${owner}: unknown calendar "${calendarId}"`);
}

export function machineAvailability(
  machine: Machine,
  site: { calendar?: string },
  calendars: ReadonlyMap<string, Calendar>,
  options: AvailabilityOptions,
): MachineAvailability {
  const { startMs } = options;
  const calendar = calendarOpenTime(
    machine.calendar ?? site.calendar,
    `machine "${machine.id}"`,
    calendars,
    options,
  );
  const lenient = options.lenient ?? false;
  const maintenance = timeWindows(
    machine.maintenance,
    startMs,
    `machine "${machine.id}": maintenance`,
    lenient,
  );
  const downtime = timeWindows(machine.downtime, startMs, `machine "${machine.id}": downtime`, lenient);
  return { calendar, maintenance, downtime, available: calendar.subtract(maintenance).subtract(downtime) };
}
