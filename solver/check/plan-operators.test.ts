import { describe, expect, it } from 'vitest';
import type { Assignment } from '../../twin/schema/plan.js';
import { machine, model, op, order, product } from '../des/factory/__fixtures__/tiny.js';
import { plan, START } from '../risk/__fixtures__/plans.js';
import { checkPlanAgainstModel } from './plan-against-model.js';

// M1 then M2; a (10 s per lot, skill weld, the whole operation), b (20 s per lot, skill paint). W1 welds,
// W2 paints, W3 welds from 00:01 (60 s) on, W4 does both.
const crewShop = model({
  machines: [machine('M1'), machine('M2')],
  products: [
    product('P', [
      op('a', ['M1'], 10, { per: 'lot', skill: 'weld', operatorFor: 'whole' }),
      op('b', ['M2'], 20, { per: 'lot', skill: 'paint' }),
    ]),
  ],
  operators: [
    { id: 'W1', skills: ['weld'] },
    { id: 'W2', skills: ['paint'] },
    { id: 'W3', skills: ['weld'], calendar: 'late' },
    { id: 'W4', skills: ['weld', 'paint'] },
  ],
  calendars: [
    {
      id: 'late',
      shifts: [
        {
          name: 'late',
          days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
          start: '00:01',
          end: '23:59',
        },
      ],
    },
  ],
});
const orders = [order('O1', 'P', 1), order('O2', 'P', 1)];
type Loose = Partial<Record<keyof Assignment, unknown>>;
const good: Loose[] = [
  { order: 'O1', operation: 'a', machine: 'M1', startS: 0, endS: 10, operator: 'W1' },
  { order: 'O2', operation: 'a', machine: 'M1', startS: 10, endS: 20, operator: 'W1' },
  { order: 'O1', operation: 'b', machine: 'M2', startS: 10, endS: 30, operator: 'W2' },
  { order: 'O2', operation: 'b', machine: 'M2', startS: 30, endS: 50, operator: 'W2' },
];
const edit = (i: number, change: Loose) => plan(good.map((a, j) => (j === i ? { ...a, ...change } : a)));
const check = (p = plan(good)) => checkPlanAgainstModel({ model: crewShop, orders, startMs: START, plan: p });

describe('operators in a twin plan checked against the model', () => {
  it('accepts skilled operators on shift, one operation at a time', () => {
    expect(check()).toEqual({ ok: true, violations: [] });
  });

  it.each([
    [
      'none named',
      0,
      { operator: undefined },
      'operatorMissing',
      /O1\/a needs an operator with skill "weld" from 0 to 10/,
    ],
    ['an unknown operator', 0, { operator: 'W9' }, 'operatorUnknown', /O1\/a names unknown operator "W9"/],
    [
      'a missing skill',
      0,
      { operator: 'W2' },
      'operatorSkill',
      /O1\/a needs skill "weld", which operator W2 lacks/,
    ],
    [
      'off shift',
      1,
      { operator: 'W3' },
      'operatorShift',
      /operator W3 is off shift at 10, while M1 works on O2\/a/,
    ],
    [
      'double-booked',
      2,
      { operator: 'W4' },
      'operatorOverlap',
      /operator W4 is double-booked: O2\/a holds them from 10 to 20 and O1\/b from 10 to 30/,
    ],
  ] as const)('names %s', (_, i, change, kind, message) => {
    const p =
      kind === 'operatorOverlap'
        ? plan(good.map((a, j) => (j === 1 || j === i ? { ...a, ...change } : a)))
        : edit(i, change);
    const result = check(p);
    expect(result.violations.map((v) => v.kind)).toEqual([kind]);
    expect(result.violations[0]!.message).toMatch(message);
    expect(result.violations[0]!.assignments).toContain(i);
  });

  it('lets an all-rounder do both when the two do not overlap', () => {
    const shifted = plan([
      good[0]!,
      { ...good[1]!, operator: 'W4' },
      { ...good[2]!, startS: 20, endS: 40, operator: 'W4' },
      { ...good[3]!, startS: 40, endS: 60 },
    ]);
    expect(check(shifted)).toEqual({ ok: true, violations: [] });
  });
});
