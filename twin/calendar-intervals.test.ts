import { describe, expect, it } from 'vitest';
import { expandCalendar, OpenIntervals } from './calendar-intervals.js';
import type { Calendar } from './schema/calendar.js';

const H = 3600;
const DAY = 86_400;
// Monday 2026-11-23, 00:00 UTC.
const MONDAY_UTC = Date.parse('2026-11-23T00:00:00Z');

const cal = (shifts: Calendar['shifts'], holidays?: string[]): Calendar => ({
  id: 'c' as Calendar['id'],
  shifts,
  ...(holidays && { holidays }),
});
const early = {
  name: 'early',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const,
  start: '06:00',
  end: '14:00',
};

describe('expandCalendar', () => {
  it('without a calendar is open from 0 to the horizon', () => {
    expect(expandCalendar(undefined, { startMs: MONDAY_UTC, horizonS: 100 }).toPairs()).toEqual([[0, 100]]);
  });

  it('takes breaks out of a day shift (UTC, two days)', () => {
    const c = cal([{ ...early, days: [...early.days], breaks: [{ start: '10:00', end: '10:30' }] }]);
    const open = expandCalendar(c, { startMs: MONDAY_UTC, horizonS: 2 * DAY });
    expect(open.toPairs()).toEqual([
      [6 * H, 10 * H],
      [10.5 * H, 14 * H],
      [30 * H, 34 * H],
      [34.5 * H, 38 * H],
    ]);
  });

  it('merges touching shifts and reads clock times in the site time zone (small plant, Asia/Shanghai)', () => {
    const c = cal([
      { ...early, days: [...early.days], breaks: [{ start: '10:00', end: '10:30' }] },
      {
        name: 'late',
        days: [...early.days],
        start: '14:00',
        end: '22:00',
        breaks: [{ start: '18:00', end: '18:30' }],
      },
    ]);
    const startMs = Date.parse('2026-11-23T06:00:00+08:00');
    const open = expandCalendar(c, { startMs, horizonS: DAY, timeZone: 'Asia/Shanghai' });
    expect(open.toPairs()).toEqual([
      [0, 4 * H],
      [4.5 * H, 12 * H],
      [12.5 * H, 16 * H],
    ]);
  });

  it('runs a night shift past midnight, with its break on the next day, and not on a holiday', () => {
    const night = {
      name: 'night',
      days: ['mon', 'tue'] as Calendar['shifts'][0]['days'],
      start: '22:00',
      end: '06:00',
    };
    const c = cal([{ ...night, breaks: [{ start: '02:00', end: '02:30' }] }], ['2026-11-24']);
    const open = expandCalendar(c, { startMs: MONDAY_UTC, horizonS: 3 * DAY });
    // Monday's shift only: Tuesday is a holiday, so its night shift (Tue 22:00) does not run.
    expect(open.toPairs()).toEqual([
      [22 * H, 26 * H],
      [26.5 * H, 30 * H],
    ]);
  });

  it("includes the previous day's night shift still running at second 0", () => {
    const c = cal([{ name: 'night', days: ['mon'], start: '22:00', end: '06:00' }]);
    const open = expandCalendar(c, { startMs: MONDAY_UTC + DAY * 1000, horizonS: DAY });
    expect(open.toPairs()).toEqual([[0, 6 * H]]);
  });

  it('clips to the horizon and treats 24:00 as midnight', () => {
    const c = cal([
      { name: 'all', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '24:00' },
    ]);
    expect(expandCalendar(c, { startMs: MONDAY_UTC, horizonS: 2.5 * DAY }).toPairs()).toEqual([
      [0, 2.5 * DAY],
    ]);
  });

  it('follows a Europe/Berlin DST change: 00:00-08:00 lasts 7 h in spring and 9 h in autumn', () => {
    const c = cal([{ name: 'morning', days: ['sun'], start: '00:00', end: '08:00' }]);
    // Sunday 2026-03-29: clocks go 02:00 CET → 03:00 CEST. Local midnight is 23:00 UTC the day before.
    const spring = Date.parse('2026-03-28T23:00:00Z');
    expect(
      expandCalendar(c, { startMs: spring, horizonS: DAY, timeZone: 'Europe/Berlin' }).toPairs(),
    ).toEqual([[0, 7 * H]]);
    // Sunday 2026-10-25: clocks go 03:00 CEST → 02:00 CET. Local midnight is 22:00 UTC the day before.
    const autumn = Date.parse('2026-10-24T22:00:00Z');
    expect(
      expandCalendar(c, { startMs: autumn, horizonS: DAY, timeZone: 'Europe/Berlin' }).toPairs(),
    ).toEqual([[0, 9 * H]]);
    // A week later the shift is 8 h again, starting at 23:00 UTC (CET).
    const weekLater = expandCalendar(c, { startMs: autumn, horizonS: 8 * DAY, timeZone: 'Europe/Berlin' });
    expect(weekLater.toPairs()[1]).toEqual([7 * DAY + H, 7 * DAY + 9 * H]);
  });

  it('names an unknown time zone', () => {
    const c = cal([{ ...early, days: [...early.days] }]);
    expect(() => expandCalendar(c, { startMs: MONDAY_UTC, horizonS: DAY, timeZone: 'Mars/Olympus' })).toThrow(
      /unknown time zone "Mars\/Olympus"/,
    );
  });
});

describe('OpenIntervals helpers', () => {
  // Open [10, 20) and [30, 40), then closed for good.
  const open = OpenIntervals.fromPairs([
    [30, 40],
    [10, 15],
    [15, 20],
  ]);

  it('merges touching pairs on construction', () => {
    expect(open.toPairs()).toEqual([
      [10, 20],
      [30, 40],
    ]);
    expect(open.total).toBe(20);
  });

  it('nextOpen: now when open, the next start when closed, Infinity after the last', () => {
    expect([0, 10, 12, 20, 25, 39.5, 40, 99].map((t) => open.nextOpen(t))).toEqual([
      10,
      10,
      12,
      30,
      30,
      39.5,
      Infinity,
      Infinity,
    ]);
    expect([open.isOpen(10), open.isOpen(20), open.isOpen(35)]).toEqual([true, false, true]);
  });

  it('openTimeBetween counts only open seconds', () => {
    expect(open.openTimeBetween(0, 100)).toBe(20);
    expect(open.openTimeBetween(12, 18)).toBe(6);
    expect(open.openTimeBetween(15, 35)).toBe(10);
    expect(open.openTimeBetween(20, 30)).toBe(0);
    expect(open.openTimeBetween(35, 12)).toBe(0);
  });

  it('advanceWorking pauses over closed time', () => {
    expect(open.advanceWorking(12, 5)).toBe(17); // inside one interval
    expect(open.advanceWorking(12, 8)).toBe(20); // ends exactly as it closes
    expect(open.advanceWorking(12, 10)).toBe(32); // 8 s before the gap, 2 s after
    expect(open.advanceWorking(0, 15)).toBe(35); // starts when it opens
    expect(open.advanceWorking(25, 0)).toBe(25);
    expect(open.advanceWorking(12, 19)).toBe(Infinity); // only 18 s of open time left
  });

  it('retreatWorking finds the latest start that gets the work done by t', () => {
    expect(open.retreatWorking(17, 5)).toBe(12);
    expect(open.retreatWorking(32, 10)).toBe(12); // 2 s after the gap, 8 s before it
    expect(open.retreatWorking(32, 2)).toBe(30);
    expect(open.retreatWorking(35, 15)).toBe(10);
    expect(open.retreatWorking(25, 5)).toBe(15); // t in a gap: counts back from the last opening
    expect(open.retreatWorking(30, 10)).toBe(10); // the latest start: the gap after it does not count
    expect(open.retreatWorking(12, 3)).toBe(-Infinity);
    for (const [t, w] of [
      [12, 10],
      [0, 15],
      [31, 4],
    ]) {
      const end = open.advanceWorking(t!, w!);
      expect(open.openTimeBetween(open.retreatWorking(end, w!), end)).toBe(w);
    }
  });

  it('subtract takes windows out', () => {
    const windows = OpenIntervals.fromPairs([
      [5, 12],
      [18, 32],
      [35, 36],
    ]);
    expect(open.subtract(windows).toPairs()).toEqual([
      [12, 18],
      [32, 35],
      [36, 40],
    ]);
    expect(open.subtract(OpenIntervals.empty()).toPairs()).toEqual(open.toPairs());
  });
});
