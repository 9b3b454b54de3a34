import { describe, expect, it } from 'vitest';
import { machine, model, op, order, product } from '../des/factory/__fixtures__/tiny.js';
import { analysePlanRisk } from '../risk/analyse.js';
import { flowShop, flowShopOrders, flowShopPlan, plan, START } from '../risk/__fixtures__/plans.js';
import type { FactoryModel } from '../../twin/schema/factory.js';
import type { Order } from '../../twin/schema/order.js';
import type { Plan } from '../../twin/schema/plan.js';
import { explainOrders } from './late-orders.js';

const explain = (m: FactoryModel, orders: Order[], p: Plan, options = {}) =>
  explainOrders({ model: m, orders, startMs: START, plan: p }, options);
const steps = (e: ReturnType<typeof explain>[number]) =>
  e.chain.map((s) => [
    `${s.order}/${s.operation}`,
    s.binding,
    s.cause.waitedFor && `${s.cause.waitedFor.order}/${s.cause.waitedFor.operation}`,
  ]);

describe('why an order is late', () => {
  it('follows the chain backwards: machine busy, predecessor, release', () => {
    // O2 (due 45) ends at 50: O2/b waited for M2 (O1/b), which waited for O1/a, released at 0.
    const [e, ...rest] = explain(flowShop(), flowShopOrders(30, 45), flowShopPlan);
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ order: 'O2', late: true, latenessS: 5, plannedEndS: 50, dueS: 45 });
    expect(steps(e!)).toEqual([
      ['O2/b', 'machine', 'O1/b'],
      ['O1/b', 'predecessor', 'O1/a'],
      ['O1/a', 'release', undefined],
    ]);
    expect(e!.summary).toBe(
      'O2 is planned to finish at Mon 00:00, 5 s after its due date Mon 00:00. Why: ' +
        'O2/b on M2 waited for M2, busy with O1/b until Mon 00:00; ' +
        'O1/b on M2 waited for O1/a to end on M1 at Mon 00:00; ' +
        "O1/a on M1 waited for the order's release at Mon 00:00.",
    );
  });

  it('names a setup with its length and the families, then what the setup waited for', () => {
    const m = model({
      machines: [machine('M1', { setupMatrix: 'S' })],
      setupMatrices: [{ id: 'S', defaultS: 1800, initialS: 0 }],
      products: [
        product('P', [op('a', ['M1'], 600, { per: 'lot', setupFamily: 'red' })]),
        product('Q', [op('a', ['M1'], 600, { per: 'lot', setupFamily: 'blue' })]),
      ],
    });
    const p = plan([
      { order: 'O1', operation: 'a', machine: 'M1', startS: 0, endS: 600 },
      { order: 'O2', operation: 'a', machine: 'M1', startS: 2400, endS: 3000, setupS: 1800 },
    ]);
    const [e] = explain(m, [order('O1', 'P', 1), order('O2', 'Q', 1, { due: 1200 })], p);
    expect(e!.chain[0]).toMatchObject({
      binding: 'setup',
      setup: { durationS: 1800, from: 'red', to: 'blue' },
      cause: { kind: 'machine', waitedFor: { order: 'O1' } },
    });
    expect(e!.chain[0]!.text).toMatch(
      /then needed a setup of 30 min \(red → blue\) before starting at Mon 00:40/,
    );
  });

  it('names a calendar break, a maintenance window and a downtime window', () => {
    const shift = [
      {
        name: 'day',
        days: ['mon'],
        start: '00:00',
        end: '14:00',
        breaks: [{ start: '01:00', end: '01:30' }],
      },
    ];
    const calendarModel = flowShop({ kind: 'fixed', value: 20 }, { calendar: 'day' });
    calendarModel.calendars = [{ id: 'day', shifts: shift }] as typeof calendarModel.calendars;
    // O1/b cannot start at 3600 (break): it starts when the break ends, 5400.
    const late = (startS: number) =>
      plan([
        { order: 'O1', operation: 'a', machine: 'M1', startS: 3590, endS: 3600 },
        { order: 'O1', operation: 'b', machine: 'M2', startS, endS: startS + 20 },
      ]);
    const one = [order('O1', 'P', 1, { due: 3700 })];
    const [c] = explain(calendarModel, one, late(5400));
    expect(c!.chain[0]).toMatchObject({ binding: 'calendar', cause: { atS: 5400 } });
    expect(c!.chain[0]!.text).toBe("O1/b on M2 waited for M2's shift to open at Mon 01:30");
    const maintained = flowShop(undefined, { maintenance: [{ start: 3600, end: 4000 }] });
    expect(explain(maintained, one, late(4000))[0]!.chain[0]!.binding).toBe('maintenance');
    const down = flowShop(undefined, { downtime: [{ start: 3000, end: 4500 }] });
    expect(explain(down, one, late(4500))[0]!.chain[0]!.binding).toBe('downtime');
  });

  it('says when nothing binds: the plan holds the operation back', () => {
    const held = plan([
      { order: 'O1', operation: 'a', machine: 'M1', startS: 0, endS: 10 },
      { order: 'O1', operation: 'b', machine: 'M2', startS: 100, endS: 120 },
    ]);
    const [e] = explain(flowShop(), [order('O1', 'P', 1, { due: 50 })], held);
    expect(e!.chain.map((s) => s.binding)).toEqual(['plan']);
  });

  it('notes a minimum lag on the predecessor and an operation paused over a break', () => {
    const m = model({
      machines: [machine('M1'), machine('M2', { maintenance: [{ start: 50, end: 80 }] })],
      products: [
        product('P', [op('a', ['M1'], 10, { per: 'lot' }), op('b', ['M2'], 20, { per: 'lot', minLagS: 30 })]),
      ],
    });
    const p = plan([
      { order: 'O1', operation: 'a', machine: 'M1', startS: 0, endS: 10 },
      { order: 'O1', operation: 'b', machine: 'M2', startS: 40, endS: 80 },
    ]);
    const [e] = explain(m, [order('O1', 'P', 1, { due: 60 })], p);
    expect(e!.chain[0]).toMatchObject({ binding: 'predecessor', cause: { lagS: 30 }, pausedS: 30 });
  });

  it('explains orders at risk with their probability, and the orders asked for', () => {
    const noisy = flowShop({ kind: 'normal', mean: 20, sd: 5 });
    const orders = flowShopOrders(31, 55);
    const risk = analysePlanRisk(
      { model: noisy, orders, startMs: START, plan: flowShopPlan },
      { replications: 30, seed: 2 },
    );
    const out = explain(noisy, orders, flowShopPlan, { risk });
    const atRisk = risk.atRisk;
    expect(atRisk.length).toBeGreaterThan(0);
    expect(out.map((e) => e.order)).toEqual(orders.map((o) => o.id).filter((id) => atRisk.includes(id)));
    for (const e of out) {
      expect(e.late).toBe(false);
      expect(e.summary).toMatch(/on-time probability \d+ %/);
    }
    expect(explain(flowShop(), orders, flowShopPlan, { orders: ['O1'] }).map((e) => e.order)).toEqual(['O1']);
  });
});
