import { describe, expect, it } from 'vitest';
import type { TSchema } from 'typebox';
import { checkSchema } from '../validate/schema-check.js';
import type { ValidationIssue } from '../validate/issue.js';
import { Observation } from './observation.js';
import { Plan } from './plan.js';
import { Calendar, Shift } from './calendar.js';
import { Transporter } from './structure.js';
import { Order } from './order.js';

/** The issues of a value the schema must reject, as [path, code] pairs sorted by path (and the issues). */
function rejected(schema: TSchema, value: unknown): { pairs: [string, string][]; issues: ValidationIssue[] } {
  const result = checkSchema(schema, value);
  if (result.ok) throw new Error(`expected ${JSON.stringify(value)} to be rejected`);
  const pairs = result.issues.map((i): [string, string] => [i.path, i.code]);
  return { pairs: pairs.sort((a, b) => a[0].localeCompare(b[0])), issues: result.issues };
}

function accepted(schema: TSchema, value: unknown): void {
  const result = checkSchema(schema, value);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
}

const observation = () => ({
  source: 'opcua:plant-1',
  asset: 'L1',
  signal: 'spindleLoad',
  value: 42.5,
  quality: 'good',
  sourceTs: 1_795_000_000_000,
});

describe('Observation', () => {
  it('accepts numbers, booleans, strings and null as values', () => {
    for (const value of [42.5, true, 'Executing', null]) accepted(Observation, { ...observation(), value });
    accepted(Observation, { ...observation(), receivedTs: 1_795_000_000_050 });
  });

  it('requires a quality', () => {
    const { quality: _q, ...rest } = observation();
    const { pairs, issues } = rejected(Observation, rest);
    expect(pairs).toEqual([['quality', 'TWIN_E_MISSING_KEY']]);
    expect(issues[0]!.message).toContain('good, uncertain, bad');
  });

  it('rejects an object as the value', () => {
    expect(rejected(Observation, { ...observation(), value: { load: 42 } }).pairs).toEqual([
      ['value', 'TWIN_E_SCHEMA'],
    ]);
  });

  it('rejects a negative source time stamp and an unknown quality', () => {
    const negative = rejected(Observation, { ...observation(), sourceTs: -1 });
    expect(negative.pairs).toEqual([['sourceTs', 'TWIN_E_SCHEMA']]);
    expect(negative.issues[0]!.message).toBe('must not be negative (found -1)');
    expect(rejected(Observation, { ...observation(), quality: 'fine' }).pairs).toEqual([
      ['quality', 'TWIN_E_SCHEMA'],
    ]);
  });

  it('rejects an unknown key', () => {
    expect(rejected(Observation, { ...observation(), unit: 'kW' }).pairs).toEqual([
      ['unit', 'TWIN_E_UNKNOWN_KEY'],
    ]);
  });
});

const plan = () => ({
  id: 'plan-1',
  version: 1,
  status: 'draft',
  trigger: { kind: 'initial' },
  createdAtMs: 1_795_000_000_000,
  epochMs: 1_795_000_000_000,
  seed: 1,
  inputHash: 'sha256:abc',
  engine: 'greedy 0.1',
  frozen: [],
  assignments: [{ order: 'SO-1', operation: 'turn', machine: 'L1', startS: 0, endS: 600 }],
});

describe('Plan', () => {
  it('accepts a valid plan and fills in the setup default', () => {
    const value = plan();
    accepted(Plan, value);
    expect(value.assignments[0]).toHaveProperty('setupS', 0);
  });

  it('rejects an unknown status and an unknown trigger', () => {
    expect(rejected(Plan, { ...plan(), status: 'approved' }).pairs).toEqual([['status', 'TWIN_E_SCHEMA']]);
    expect(rejected(Plan, { ...plan(), trigger: { kind: 'whim' } }).pairs).toEqual([
      ['trigger.kind', 'TWIN_E_SCHEMA'],
    ]);
  });

  it('rejects version 0 and a missing engine', () => {
    const { engine: _e, ...rest } = plan();
    expect(rejected(Plan, { ...rest, version: 0 }).pairs).toEqual([
      ['engine', 'TWIN_E_MISSING_KEY'],
      ['version', 'TWIN_E_SCHEMA'],
    ]);
  });
});

const shift = (over: Record<string, unknown> = {}) => ({
  name: 'early',
  days: ['mon', 'tue'],
  start: '06:00',
  end: '14:00',
  ...over,
});

describe('Calendar and Shift', () => {
  it('accepts a calendar with a night shift ending at 24:00 and holidays', () => {
    accepted(Calendar, {
      id: 'cal',
      shifts: [
        shift(),
        shift({ name: 'late', start: '16:00', end: '24:00', breaks: [{ start: '20:00', end: '20:30' }] }),
      ],
      holidays: ['2026-12-25'],
    });
  });

  it('rejects a clock time 25:00', () => {
    const { pairs, issues } = rejected(Calendar, { id: 'cal', shifts: [shift({ end: '25:00' })] });
    expect(pairs).toEqual([['shifts[0].end', 'TWIN_E_SCHEMA']]);
    expect(issues[0]!.message).toContain('found "25:00"');
    expect(rejected(Shift, shift({ breaks: [{ start: '9:00', end: '09:15' }] })).pairs).toEqual([
      ['breaks[0].start', 'TWIN_E_SCHEMA'],
    ]);
  });

  it('rejects a weekday spelled out', () => {
    expect(rejected(Shift, shift({ days: ['mon', 'monday'] })).pairs).toEqual([['days[1]', 'TWIN_E_SCHEMA']]);
  });

  it('rejects a shift without days and a calendar without shifts', () => {
    expect(rejected(Shift, shift({ days: [] })).pairs).toEqual([['days', 'TWIN_E_SCHEMA']]);
    expect(rejected(Calendar, { id: 'cal', shifts: [] }).pairs).toEqual([['shifts', 'TWIN_E_SCHEMA']]);
  });

  it('rejects a day listed twice and a missing shift name', () => {
    const { name: _n, ...rest } = shift({ days: ['mon', 'mon'] });
    expect(rejected(Shift, rest).pairs).toEqual([
      ['days', 'TWIN_E_SCHEMA'],
      ['name', 'TWIN_E_MISSING_KEY'],
    ]);
  });
});

describe('Transporter', () => {
  const agv = { id: 'AGV1', kind: 'agv', speedMps: 1.2 };

  it('accepts a valid transporter and fills its defaults', () => {
    const value: Record<string, unknown> = { ...agv };
    accepted(Transporter, value);
    expect([value.capacity, value.loadS, value.unloadS]).toEqual([1, 0, 0]);
  });

  it('rejects speed 0 and an unknown kind', () => {
    const { pairs, issues } = rejected(Transporter, { ...agv, speedMps: 0 });
    expect(pairs).toEqual([['speedMps', 'TWIN_E_SCHEMA']]);
    expect(issues[0]!.message).toBe('must be > 0 (found 0)');
    expect(rejected(Transporter, { ...agv, kind: 'drone' }).pairs).toEqual([['kind', 'TWIN_E_SCHEMA']]);
  });
});

describe('Order', () => {
  const order = { id: 'SO-1', product: 'P1', quantity: 10 };

  it('accepts a release as seconds and as an ISO date-time', () => {
    accepted(Order, { ...order, release: 3600 });
    accepted(Order, { ...order, release: '2026-11-23T06:00:00+08:00', due: '2026-11-24T06:00:00Z' });
  });

  it('fills priority and weight defaults', () => {
    const value: Record<string, unknown> = { ...order };
    accepted(Order, value);
    expect([value.priority, value.weight]).toEqual([5, 1]);
  });

  it('rejects quantity 0 and a fractional quantity', () => {
    expect(rejected(Order, { ...order, quantity: 0 }).pairs).toEqual([['quantity', 'TWIN_E_SCHEMA']]);
    expect(rejected(Order, { ...order, quantity: 2.5 }).pairs).toEqual([['quantity', 'TWIN_E_SCHEMA']]);
  });

  it('rejects priority 10 and a negative release', () => {
    const { pairs, issues } = rejected(Order, { ...order, priority: 10 });
    expect(pairs).toEqual([['priority', 'TWIN_E_SCHEMA']]);
    expect(issues[0]!.message).toBe('must be ≤ 9 (found 10)');
    expect(rejected(Order, { ...order, release: -5 }).pairs).toEqual([['release', 'TWIN_E_SCHEMA']]);
  });

  it('rejects a missing product and an unknown key', () => {
    expect(rejected(Order, { id: 'SO-1', quantity: 1, colour: 'red' }).pairs).toEqual([
      ['colour', 'TWIN_E_UNKNOWN_KEY'],
      ['product', 'TWIN_E_MISSING_KEY'],
    ]);
  });
});
