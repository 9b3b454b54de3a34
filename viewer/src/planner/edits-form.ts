import type { Edit } from '../../../scenarios/edits/schema.js';
import type { CalendarId, MachineId, OrderId, ProductId } from '../../../twin/schema/ids.js';
import type { MessageKey } from '../i18n/messages.js';
import { zonedToEpochMs } from './zoned-time.js';

/** The three what-if edits the form builds; field values are what the inputs hold (strings). */
export type EditForm =
  | { kind: 'machineDown'; machine: string; from: string; durationH: string }
  | { kind: 'rushOrder'; product: string; quantity: string; due: string }
  | { kind: 'extraShift'; calendar: string; date: string; start: string; hours: string };

export type EditFormKind = EditForm['kind'];
export type FormField =
  'machine' | 'from' | 'durationH' | 'product' | 'quantity' | 'due' | 'calendar' | 'date' | 'start' | 'hours';

/** A message for one field, translated by the component (key + parameters). */
export interface FormError {
  field: FormField;
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** What the form checks against: the base scenario's ids, the plant's zone and clock. */
export interface EditContext {
  machines: readonly string[];
  products: readonly string[];
  calendars: readonly string[];
  /** Order ids already taken (the base's and earlier rush orders). */
  orders: readonly string[];
  timeZone?: string;
  nowMs: number;
}

export type EditResult = { ok: true; edit: Edit } | { ok: false; errors: FormError[] };

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type WeekdayKey = (typeof WEEKDAYS)[number];
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Longest machine-down window the form accepts (a longer one is a removed machine, another edit). */
const MAX_DOWN_H = 24 * 14;

export function emptyForm(kind: EditFormKind): EditForm {
  switch (kind) {
    case 'machineDown':
      return { kind, machine: '', from: '', durationH: '2' };
    case 'rushOrder':
      return { kind, product: '', quantity: '50', due: '' };
    case 'extraShift':
      return { kind, calendar: '', date: '', start: '22:00', hours: '8' };
  }
}

/** Turn form values into a scenario edit, or say field by field what is wrong. */
export function formToEdit(form: EditForm, ctx: EditContext): EditResult {
  const errors: FormError[] = [];
  const fail = (field: FormField, key: MessageKey, params?: Record<string, string | number>): undefined => {
    errors.push({ field, key, ...(params && { params }) });
    return undefined;
  };
  const known = (field: FormField, value: string, list: readonly string[], key: MessageKey): void => {
    if (value.trim() === '') fail(field, 'whatif.error.required');
    else if (!list.includes(value)) fail(field, key, { value });
  };
  const number = (field: FormField, raw: string): number | undefined => {
    if (raw.trim() === '') return fail(field, 'whatif.error.required');
    const n = Number(raw);
    if (!Number.isFinite(n)) return fail(field, 'whatif.error.number');
    return n;
  };
  const instant = (field: FormField, raw: string): number | undefined => {
    if (raw.trim() === '') return fail(field, 'whatif.error.required');
    const ms = zonedToEpochMs(raw, ctx.timeZone);
    if (ms === undefined) return fail(field, 'whatif.error.dateTime');
    return ms;
  };

  switch (form.kind) {
    case 'machineDown': {
      known('machine', form.machine, ctx.machines, 'whatif.error.unknownMachine');
      const from = instant('from', form.from);
      const hours = number('durationH', form.durationH);
      if (hours !== undefined && hours <= 0) fail('durationH', 'whatif.error.positive');
      else if (hours !== undefined && hours > MAX_DOWN_H)
        fail('durationH', 'whatif.error.tooLong', { max: MAX_DOWN_H });
      if (errors.length || from === undefined || hours === undefined) return { ok: false, errors };
      return {
        ok: true,
        edit: {
          kind: 'machineDown',
          machine: form.machine as MachineId,
          from: iso(from),
          to: iso(from + hours * 3_600_000),
        },
      };
    }
    case 'rushOrder': {
      known('product', form.product, ctx.products, 'whatif.error.unknownProduct');
      const quantity = number('quantity', form.quantity);
      if (quantity !== undefined && (!Number.isInteger(quantity) || quantity < 1))
        fail('quantity', 'whatif.error.wholeNumber');
      const due = instant('due', form.due);
      if (due !== undefined && due <= ctx.nowMs) fail('due', 'whatif.error.past');
      if (errors.length || quantity === undefined || due === undefined) return { ok: false, errors };
      const order = {
        id: freeId('RUSH', ctx.orders) as OrderId,
        product: form.product as ProductId,
        quantity,
        release: iso(ctx.nowMs),
        due: iso(due),
        priority: 9,
      };
      return { ok: true, edit: { kind: 'rushOrder', order } };
    }
    case 'extraShift': {
      known('calendar', form.calendar, ctx.calendars, 'whatif.error.unknownCalendar');
      const day = weekdayOf(form.date);
      if (form.date.trim() === '') fail('date', 'whatif.error.required');
      else if (day === undefined) fail('date', 'whatif.error.date');
      const startMin = clockMinutes(form.start);
      if (startMin === undefined) fail('start', 'whatif.error.clock');
      const hours = number('hours', form.hours);
      if (hours !== undefined && (hours <= 0 || hours > 24)) fail('hours', 'whatif.error.shiftHours');
      else if (hours !== undefined && !Number.isInteger(hours * 60))
        fail('hours', 'whatif.error.wholeMinutes');
      if (errors.length || day === undefined || startMin === undefined || hours === undefined)
        return { ok: false, errors };
      const shift = {
        name: `extra-${form.date}`,
        days: [day],
        start: form.start,
        end: clockAfter(startMin, hours * 60),
      };
      return { ok: true, edit: { kind: 'extraShift', calendar: form.calendar as CalendarId, shift } };
    }
  }
}

/** The weekday of a `YYYY-MM-DD` date (shifts repeat weekly: the schema has weekdays, not dates). */
export function weekdayOf(date: string): WeekdayKey | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return undefined;
  return WEEKDAYS[day.getUTCDay()];
}

function clockMinutes(value: string): number | undefined {
  const m = CLOCK.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/**
 * The clock time `minutes` after `startMin`. A shift that ends exactly at midnight ends at 24:00; one that runs
 * past midnight ends at or before its start, which the calendar reads as the next day.
 */
export function clockAfter(startMin: number, minutes: number): string {
  const end = startMin + minutes;
  if (end === 24 * 60) return '24:00';
  const m = end % (24 * 60);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** `PREFIX-1`, `PREFIX-2`, … the first not taken. */
export function freeId(prefix: string, taken: readonly string[]): string {
  const set = new Set(taken);
  for (let n = 1; ; n++) if (!set.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Order ids a list of edits adds (so the next rush order gets a new id). */
export function ordersAdded(edits: readonly Edit[]): string[] {
  return edits.flatMap((e) => (e.kind === 'rushOrder' ? [e.order.id] : []));
}

/** A run setting typed into a number input: never empty or out of range (blank or junk falls back to `min`). */
export function clampInput(text: string, range: { min: number; max?: number; integer?: boolean }): number {
  const n = range.integer ? Math.round(Number(text)) : Number(text);
  return Math.min(range.max ?? Infinity, Math.max(range.min, n || range.min));
}
