import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../twin/schema/plan.js';
import { machine, model, op, order, product, run, START } from './__fixtures__/tiny.js';
import { operationRows } from './trace.js';

const plan = (assignments: Record<string, unknown>[], epochMs = START): Plan =>
  ({
    id: 'plan-1',
    version: 1,
    status: 'validated',
    trigger: { kind: 'initial' },
    createdAtMs: START,
    epochMs,
    seed: 1,
    inputHash: 'sha256:test',
    engine: 'test',
    frozen: [],
    assignments,
  }) as unknown as Plan;

const ops = (r: ReturnType<typeof run>) =>
  operationRows(r.trace!).map((o) => [o.order, o.machine, o.start, o.end]);

const plant = model({
  machines: [machine('M1'), machine('M2')],
  products: [product('P', [op('a', ['M1', 'M2'], 10, { per: 'lot' })])],
});
const orders = [order('O1', 'P', 1), order('O2', 'P', 1), order('O3', 'P', 1)];
const thePlan = plan([
  { order: 'O3', operation: 'a', machine: 'M1', startS: 50, endS: 60 },
  { order: 'O2', operation: 'a', machine: 'M1', startS: 200, endS: 210 },
  { order: 'O1', operation: 'a', machine: 'M1', startS: 100, endS: 110 },
]);

describe('plan following', () => {
  it('takes each machine’s assignments in plan order, not before their planned start', () => {
    const r = run(plant, orders, { plan: thePlan });
    expect(r.mode).toBe('plan');
    // The plan puts everything on M1 (M2 stays unused) in the order O3, O1, O2.
    expect(ops(r)).toEqual([
      ['O3', 'M1', 50, 60],
      ['O1', 'M1', 100, 110],
      ['O2', 'M1', 200, 210],
    ]);
  });

  it('with allowEarly keeps the sequence but starts as soon as it can', () => {
    const r = run(plant, orders, { plan: thePlan, allowEarly: true });
    expect(ops(r)).toEqual([
      ['O3', 'M1', 0, 10],
      ['O1', 'M1', 10, 20],
      ['O2', 'M1', 20, 30],
    ]);
  });

  it('reads plan times from the plan’s epoch', () => {
    const later = plan([{ order: 'O1', operation: 'a', machine: 'M2', startS: 0, endS: 10 }], START + 30_000);
    const r = run(plant, [order('O1', 'P', 1)], { plan: later });
    expect(ops(r)).toEqual([['O1', 'M2', 30, 40]]);
  });

  it('starts the setup before the planned start by the planned setup time', () => {
    const m = model({
      machines: [machine('M1', { setupMatrix: 'S' })],
      setupMatrices: [{ id: 'S', defaultS: 0, initialS: 20 }],
      products: [product('P', [op('a', ['M1'], 10, { per: 'lot', setupFamily: 'f' })])],
    });
    const p = plan([{ order: 'O1', operation: 'a', machine: 'M1', startS: 100, endS: 110, setupS: 20 }]);
    expect(ops(run(m, [order('O1', 'P', 1)], { plan: p }))).toEqual([['O1', 'M1', 100, 110]]);
  });

  it('without a plan the rule decides (FIFO spreads them over both machines)', () => {
    const r = run(plant, orders, { rule: 'fifo' });
    expect(ops(r)).toEqual([
      ['O1', 'M1', 0, 10],
      ['O2', 'M2', 0, 10],
      ['O3', 'M1', 10, 20],
    ]);
  });

  it('rejects an assignment to a machine the operation cannot use, naming it', () => {
    const m = model({
      machines: [machine('M1'), machine('M2')],
      products: [product('P', [op('a', ['M1'], 10)])],
    });
    const bad = plan([{ order: 'O1', operation: 'a', machine: 'M2', startS: 0, endS: 10 }]);
    expect(() => run(m, [order('O1', 'P', 1)], { plan: bad })).toThrow(
      'plan assignment 0: operation "a" of order "O1" cannot run on machine "M2"',
    );
    const unknown = plan([{ order: 'O9', operation: 'a', machine: 'M1', startS: 0, endS: 10 }]);
    expect(() => run(m, [order('O1', 'P', 1)], { plan: unknown })).toThrow('unknown order "O9"');
  });
});
