import { describe, expect, it } from 'vitest';
import { openSecondsPerWeek, shiftMinutes } from './calendar-hours.js';
import type { Calendar, Shift } from './schema/calendar.js';
import type { CalendarId } from './schema/ids.js';

const WEEKDAYS: Shift['days'] = ['mon', 'tue', 'wed', 'thu', 'fri'];

const shift = (start: string, end: string, breaks: [string, string][] = [], days = WEEKDAYS): Shift => ({
  name: `${start}-${end}`,
  days,
  start,
  end,
  ...(breaks.length && { breaks: breaks.map(([s, e]) => ({ start: s, end: e })) }),
});

describe('shiftMinutes', () => {
  it('counts a day shift without breaks', () => {
    expect(shiftMinutes(shift('06:00', '14:00'))).toBe(8 * 60);
    expect(shiftMinutes(shift('07:15', '15:45'))).toBe(8 * 60 + 30);
  });

  it('takes the breaks out', () => {
    expect(shiftMinutes(shift('06:00', '14:00', [['10:00', '10:30']]))).toBe(450);
    expect(
      shiftMinutes(
        shift('06:00', '14:00', [
          ['08:00', '08:15'],
          ['10:00', '10:30'],
          ['12:00', '12:15'],
        ]),
      ),
    ).toBe(480 - 60);
  });

  it('runs a night shift past midnight', () => {
    expect(shiftMinutes(shift('22:00', '06:00'))).toBe(8 * 60);
    expect(shiftMinutes(shift('22:00', '06:00', [['02:00', '02:30']]))).toBe(450);
    // A break that itself crosses midnight.
    expect(shiftMinutes(shift('22:00', '06:00', [['23:45', '00:15']]))).toBe(450);
  });

  it('closes a shift at 24:00', () => {
    expect(shiftMinutes(shift('16:00', '24:00'))).toBe(480);
    expect(shiftMinutes(shift('00:00', '24:00'))).toBe(24 * 60);
  });
});

describe('openSecondsPerWeek', () => {
  it('is the whole week without a calendar', () => {
    expect(openSecondsPerWeek(undefined)).toBe(7 * 24 * 3600);
  });

  it('adds every shift over its days, breaks taken out', () => {
    const calendar: Calendar = {
      id: 'two-shifts' as CalendarId,
      shifts: [shift('06:00', '14:00', [['10:00', '10:30']]), shift('14:00', '22:00', [['18:00', '18:30']])],
      holidays: ['2026-12-25'],
    };
    // 2 shifts × 450 min × 5 days.
    expect(openSecondsPerWeek(calendar)).toBe(2 * 450 * 5 * 60);
  });

  it('counts a night shift and a weekend shift on their own days', () => {
    const calendar: Calendar = {
      id: 'cal' as CalendarId,
      shifts: [
        shift('22:00', '06:00', [['02:00', '02:30']], ['sun', 'mon']),
        shift('08:00', '12:00', [], ['sat']),
      ],
    };
    expect(openSecondsPerWeek(calendar)).toBe((450 * 2 + 240) * 60);
  });
});
