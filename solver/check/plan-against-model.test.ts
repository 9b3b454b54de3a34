import { describe, expect, it } from 'vitest';
import type { Assignment } from '../../twin/schema/plan.js';
import { machine, model, op, order, product } from '../des/factory/__fixtures__/tiny.js';
import { flowShop, flowShopOrders, flowShopPlan, plan, START } from '../risk/__fixtures__/plans.js';
import { checkPlanAgainstModel, type PlanViolationKind } from './plan-against-model.js';

type Loose = Partial<Record<keyof Assignment, unknown>>;
const base = flowShopPlan.assignments as unknown as Loose[];
/** The flow-shop plan with assignment i changed (or removed with null). */
const edit = (i: number, change: Loose | null) =>
  plan(
    change === null
      ? base.filter((_, j) => j !== i)
      : base.map((a, j) => (j === i ? { ...a, ...change } : a)),
  );

function check(p = flowShopPlan, m = flowShop(), orders = flowShopOrders(30, 50)) {
  return checkPlanAgainstModel({ model: m, orders, startMs: START, plan: p });
}
const kinds = (r: ReturnType<typeof check>) => r.violations.map((v) => v.kind);

describe('plan checked against the factory model', () => {
  it('accepts a plan that respects every constraint', () => {
    expect(check()).toEqual({ ok: true, violations: [] });
  });

  it.each<[string, number, Loose | null, PlanViolationKind, RegExp]>([
    [
      'an ineligible machine',
      0,
      { machine: 'M2' },
      'ineligible',
      /"a" of order "O1" cannot run on machine "M2"/,
    ],
    ['an unknown order', 0, { order: 'O9' }, 'unknown', /unknown order "O9"/],
    ['a missing operation', 3, null, 'missing', /O2\/b is not in the plan/],
    [
      'a start before the predecessor ends',
      2,
      { startS: 5, endS: 25 },
      'precedence',
      /O1\/b starts .* at 5, before O1\/a ends at 10/,
    ],
    [
      'two lots at once on one machine',
      1,
      { startS: 5, endS: 15 },
      'overlap',
      /O2\/a on M1 starts .* at 5 while O1\/a runs there/,
    ],
    ['too little time for the work', 0, { endS: 5 }, 'duration', /needs 10 s of work but has 5 s/],
    ['end before start', 0, { endS: -1 }, 'duration', /start 0 and end -1/],
  ])('reports %s with the ids involved', (_name, i, change, kind, message) => {
    const r = check(edit(i, change));
    expect(r.ok).toBe(false);
    const v = r.violations.find((x) => x.kind === kind);
    expect(v, JSON.stringify(r.violations)).toBeDefined();
    expect(v!.message).toMatch(message);
  });

  it('reports a duplicate and a start before the release', () => {
    const dup = plan([...base, base[0]!]);
    expect(kinds(check(dup))).toContain('duplicate');
    const late = [order('O1', 'P', 1, { release: 5, due: 30 }), order('O2', 'P', 1)];
    const r = check(flowShopPlan, flowShop(), late);
    expect(r.violations).toEqual([
      expect.objectContaining({
        kind: 'release',
        order: 'O1',
        operation: 'a',
        machine: 'M1',
        assignments: [0],
      }),
    ]);
  });

  it('requires the setup the matrix asks for after the previous family', () => {
    const m = model({
      machines: [machine('M1', { setupMatrix: 'S' })],
      setupMatrices: [{ id: 'S', defaultS: 30, initialS: 0 }],
      products: [
        product('P', [op('a', ['M1'], 10, { per: 'lot', setupFamily: 'red' })]),
        product('Q', [op('a', ['M1'], 10, { per: 'lot', setupFamily: 'blue' })]),
      ],
    });
    const orders = [order('O1', 'P', 1), order('O2', 'Q', 1)];
    const short = plan([
      { order: 'O1', operation: 'a', machine: 'M1', startS: 0, endS: 10 },
      { order: 'O2', operation: 'a', machine: 'M1', startS: 20, endS: 30, setupS: 10 },
    ]);
    const r = check(short, m, orders);
    expect(r.violations).toEqual([
      expect.objectContaining({ kind: 'setup', machine: 'M1', order: 'O2', assignments: [0, 1] }),
    ]);
    expect(r.violations[0]!.message).toMatch(/needs 30 s \(families red → blue\)/);
    const enough = plan([
      { order: 'O1', operation: 'a', machine: 'M1', startS: 0, endS: 10 },
      { order: 'O2', operation: 'a', machine: 'M1', startS: 40, endS: 50, setupS: 30 },
    ]);
    expect(check(enough, m, orders).ok).toBe(true);
    // The setup overlapping the previous operation is an overlap.
    const early = plan([
      { order: 'O1', operation: 'a', machine: 'M1', startS: 0, endS: 10 },
      { order: 'O2', operation: 'a', machine: 'M1', startS: 30, endS: 40, setupS: 30 },
    ]);
    expect(kinds(check(early, m, orders))).toEqual(['overlap']);
  });

  it('names the window a start falls in; an operation may pause over it if its end leaves room', () => {
    const maintained = flowShop(undefined, { maintenance: [{ start: 15, end: 40 }] });
    const r = check(edit(2, { startS: 20, endS: 60 }), maintained);
    expect(r.violations.map((v) => [v.kind, v.machine])).toContainEqual(['unavailable', 'M2']);
    expect(r.violations.find((v) => v.kind === 'unavailable')!.message).toMatch(/maintenance window/);
    // O1/b starts at 10, works 5 s, pauses over [15, 40), works 15 s more: ends at 55, then O2/b.
    const paused = plan([
      base[0]!,
      base[1]!,
      { ...base[2]!, startS: 10, endS: 55 },
      { ...base[3]!, startS: 55, endS: 75 },
    ]);
    expect(check(paused, maintained).ok).toBe(true);
    const cut = plan([
      base[0]!,
      base[1]!,
      { ...base[2]!, startS: 10, endS: 50 },
      { ...base[3]!, startS: 55, endS: 75 },
    ]);
    expect(kinds(check(cut, maintained))).toEqual(['duration']);
  });

  it('knows shift calendars: a start before the shift opens is unavailable', () => {
    const m = flowShop(undefined, { calendar: 'day' });
    m.calendars = [
      { id: 'day', shifts: [{ name: 'day', days: ['mon'], start: '06:00', end: '14:00' }] },
    ] as typeof m.calendars;
    const r = check(flowShopPlan, m);
    const v = r.violations.find((x) => x.kind === 'unavailable');
    expect(v?.message).toMatch(/M2, which is closed then by its calendar/);
  });

  it('counts machine capacity, a batch once', () => {
    const m = model({
      machines: [machine('OV', { capacity: 2 }), machine('B', { batch: { maxUnits: 10 } })],
      products: [
        product('P', [op('a', ['OV'], 10, { per: 'lot' })]),
        product('Q', [op('a', ['B'], 10, { per: 'lot', batchFamily: 'f' })]),
      ],
    });
    const orders = [order('O1', 'P', 1), order('O2', 'P', 1), order('O3', 'P', 1)];
    const at = (o: string, s: number) => ({
      order: o,
      operation: 'a',
      machine: 'OV',
      startS: s,
      endS: s + 10,
    });
    expect(check(plan([at('O1', 0), at('O2', 0), at('O3', 10)]), m, orders).ok).toBe(true);
    const three = check(plan([at('O1', 0), at('O2', 0), at('O3', 5)]), m, orders);
    expect(three.violations).toEqual([
      expect.objectContaining({ kind: 'overlap', machine: 'OV', assignments: [0, 1, 2] }),
    ]);
    const batch = (o: string) => ({
      order: o,
      operation: 'a',
      machine: 'B',
      startS: 0,
      endS: 10,
      batch: 'b1',
    });
    const q = [order('Q1', 'Q', 1), order('Q2', 'Q', 1)];
    expect(check(plan([batch('Q1'), batch('Q2')]), m, q).ok).toBe(true);
    expect(kinds(check(plan([batch('Q1'), { ...batch('Q2'), batch: 'b2' }]), m, q))).toEqual(['overlap']);
  });

  it('reports a model that cannot be compiled instead of throwing', () => {
    const r = check(flowShopPlan, flowShop(), [order('O1', 'NOPE', 1)]);
    expect(r.violations).toEqual([expect.objectContaining({ kind: 'model' })]);
    expect(r.violations[0]!.message).toMatch(/unknown product "NOPE"/);
  });
});
