import { describe, expect, it } from 'vitest';
import {
  clampInput,
  clockAfter,
  emptyForm,
  formToEdit,
  freeId,
  weekdayOf,
  type EditContext,
} from './edits-form.js';
import { zoneOffsetMs } from '../i18n/time-zone.js';
import { epochToZoned, zonedToEpochMs } from './zoned-time.js';

const NOW = Date.parse('2026-11-23T08:00:00+08:00');
const ctx: EditContext = {
  machines: ['L1', 'HB1'],
  products: ['shaft-a'],
  calendars: ['two-shifts'],
  orders: ['SO-1', 'RUSH-1'],
  timeZone: 'Asia/Shanghai',
  nowMs: NOW,
};

describe('plant time zone', () => {
  it('reads a wall-clock time in the plant zone, whatever the browser zone', () => {
    expect(zonedToEpochMs('2026-11-23T09:30', 'Asia/Shanghai')).toBe(Date.parse('2026-11-23T09:30:00+08:00'));
    expect(zonedToEpochMs('2026-07-01T12:00', 'Europe/Berlin')).toBe(Date.parse('2026-07-01T12:00:00+02:00'));
    expect(zonedToEpochMs('2026-01-01T12:00', 'Europe/Berlin')).toBe(Date.parse('2026-01-01T12:00:00+01:00'));
    expect(zonedToEpochMs('2026-01-01T12:00', undefined)).toBe(Date.parse('2026-01-01T12:00:00Z'));
    expect(zoneOffsetMs(NOW, 'Asia/Shanghai')).toBe(8 * 3_600_000);
  });

  it('rejects malformed and impossible times, and writes them back', () => {
    expect(zonedToEpochMs('2026-02-31T10:00', 'Asia/Shanghai')).toBeUndefined();
    expect(zonedToEpochMs('tomorrow', 'Asia/Shanghai')).toBeUndefined();
    expect(epochToZoned(NOW, 'Asia/Shanghai')).toBe('2026-11-23T08:00');
  });
});

describe('what-if form → edits', () => {
  it('builds a machine-down edit with a window in UTC', () => {
    const r = formToEdit(
      { kind: 'machineDown', machine: 'L1', from: '2026-11-23T10:00', durationH: '1.5' },
      ctx,
    );
    expect(r).toEqual({
      ok: true,
      edit: {
        kind: 'machineDown',
        machine: 'L1',
        from: '2026-11-23T02:00:00.000Z',
        to: '2026-11-23T03:30:00.000Z',
      },
    });
  });

  it('names every wrong field of a machine-down edit', () => {
    const r = formToEdit({ kind: 'machineDown', machine: 'X9', from: 'soon', durationH: '-1' }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { field: 'machine', key: 'whatif.error.unknownMachine', params: { value: 'X9' } },
      { field: 'from', key: 'whatif.error.dateTime' },
      { field: 'durationH', key: 'whatif.error.positive' },
    ]);
    const empty = formToEdit(emptyForm('machineDown'), ctx);
    expect(!empty.ok && empty.errors.map((e) => e.key)).toEqual([
      'whatif.error.required',
      'whatif.error.required',
    ]);
  });

  it('builds a rush order with a free id, top priority and a due date after now', () => {
    const r = formToEdit(
      { kind: 'rushOrder', product: 'shaft-a', quantity: '40', due: '2026-11-25T18:00' },
      ctx,
    );
    expect(r).toEqual({
      ok: true,
      edit: {
        kind: 'rushOrder',
        order: {
          id: 'RUSH-2',
          product: 'shaft-a',
          quantity: 40,
          release: new Date(NOW).toISOString(),
          due: '2026-11-25T10:00:00.000Z',
          priority: 9,
        },
      },
    });
    const bad = formToEdit(
      { kind: 'rushOrder', product: 'shaft-a', quantity: '2.5', due: '2026-11-23T07:00' },
      ctx,
    );
    expect(!bad.ok && bad.errors.map((e) => [e.field, e.key])).toEqual([
      ['quantity', 'whatif.error.wholeNumber'],
      ['due', 'whatif.error.past'],
    ]);
  });

  it('builds a weekly extra shift from a date, start and hours', () => {
    const r = formToEdit(
      { kind: 'extraShift', calendar: 'two-shifts', date: '2026-11-28', start: '22:00', hours: '8' },
      ctx,
    );
    expect(r).toEqual({
      ok: true,
      edit: {
        kind: 'extraShift',
        calendar: 'two-shifts',
        shift: { name: 'extra-2026-11-28', days: ['sat'], start: '22:00', end: '06:00' },
      },
    });
    const bad = formToEdit(
      { kind: 'extraShift', calendar: 'nights', date: '2026-13-01', start: '25:00', hours: '30' },
      ctx,
    );
    expect(!bad.ok && bad.errors.map((e) => e.field)).toEqual(['calendar', 'date', 'start', 'hours']);
  });

  it('computes weekdays, shift ends and free ids', () => {
    expect(weekdayOf('2026-11-23')).toBe('mon');
    expect(weekdayOf('2026-02-30')).toBeUndefined();
    expect(clockAfter(16 * 60, 8 * 60)).toBe('24:00');
    expect(clockAfter(6 * 60, 24 * 60)).toBe('06:00');
    expect(clockAfter(13 * 60 + 30, 90)).toBe('15:00');
    expect(freeId('RUSH', [])).toBe('RUSH-1');
    expect(freeId('RUSH', ['RUSH-1', 'RUSH-2'])).toBe('RUSH-3');
  });
});

describe('clampInput', () => {
  it('keeps a run setting within its range, blank or junk falling back to the minimum', () => {
    expect(clampInput('45', { min: 1, max: 300 })).toBe(45);
    expect(clampInput('2.5', { min: 1, max: 300 })).toBe(2.5);
    expect(clampInput('900', { min: 1, max: 300 })).toBe(300);
    expect(clampInput('', { min: 1, max: 300 })).toBe(1);
    expect(clampInput('-4', { min: 2, integer: true })).toBe(2);
    expect(clampInput('7.6', { min: 2, integer: true })).toBe(8);
    expect(clampInput('abc', { min: 0, integer: true })).toBe(0);
    expect(clampInput('123456', { min: 0, integer: true })).toBe(123456);
  });
});
