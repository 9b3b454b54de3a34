import { describe, expect, it } from 'vitest';
import type { OpenIntervals } from './calendar-intervals.js';
import { machineAvailability, timeWindows } from './machine-availability.js';
import type { Calendar } from './schema/calendar.js';
import type { Machine } from './schema/machine.js';

const START = Date.parse('2026-11-23T06:00:00+08:00'); // a Monday, 06:00 in Shanghai
const DAY = 86_400;
const day: Calendar = {
  id: 'day',
  shifts: [{ name: 'day', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '06:00', end: '14:00' }],
} as Calendar;
const calendars = new Map([['day', day]]);
const options = { startMs: START, horizonS: DAY, timeZone: 'Asia/Shanghai' };

const machine = (extra: Record<string, unknown>): Machine =>
  ({ id: 'M1', kind: 'cnc-lathe', line: 'L', placement: {}, ...extra }) as unknown as Machine;

describe('machine availability', () => {
  it('is the site calendar when the machine has none, less maintenance and downtime', () => {
    const m = machine({
      maintenance: [{ start: '2026-11-23T07:00:00+08:00', end: '2026-11-23T08:00:00+08:00' }],
      downtime: [{ start: 10_800, end: 14_400 }], // 09:00–10:00
    });
    const a = machineAvailability(m, { calendar: 'day' }, calendars, options);
    expect(a.calendar.toPairs()).toEqual([[0, 8 * 3600]]);
    expect(a.available.toPairs()).toEqual([
      [0, 3600],
      [7200, 10_800],
      [14_400, 8 * 3600],
    ]);
    expect(machineAvailability(machine({}), {}, calendars, options).available.toPairs()).toEqual([[0, DAY]]);
  });

  it('names the machine and field of an unknown calendar or an unreadable window, unless lenient', () => {
    expect(() => machineAvailability(machine({ calendar: 'night' }), {}, calendars, options)).toThrow(
      /machine "M1": unknown calendar "night"/,
    );
    const bad = machine({ maintenance: [{ start: 'soon', end: 'later' }] });
    expect(() => machineAvailability(bad, {}, calendars, options)).toThrow(
      /machine "M1": maintenance\[0\] has an unreadable date-time/,
    );
    const lenient = { ...options, lenient: true };
    expect(
      machineAvailability(machine({ calendar: 'night' }), {}, calendars, lenient).available.toPairs(),
    ).toEqual([[0, DAY]]);
    expect(machineAvailability(bad, {}, calendars, lenient).maintenance.toPairs()).toEqual([]);
    expect(timeWindows(undefined, START, 'x').toPairs()).toEqual([]);
  });

  it('shares expanded calendars through the cache, but never serves an edited calendar stale', () => {
    const cache = new Map<string, OpenIntervals>();
    const first = machineAvailability(machine({ calendar: 'day' }), {}, calendars, { ...options, cache });
    const again = machineAvailability(machine({ calendar: 'day' }), {}, calendars, { ...options, cache });
    expect(again.calendar).toBe(first.calendar);
    const longer = new Map([['day', { ...day, shifts: [{ ...day.shifts[0]!, end: '16:00' }] } as Calendar]]);
    const edited = machineAvailability(machine({ calendar: 'day' }), {}, longer, { ...options, cache });
    expect(edited.calendar.toPairs()).toEqual([[0, 10 * 3600]]);
  });
});
