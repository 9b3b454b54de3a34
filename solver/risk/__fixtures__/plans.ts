// Tiny hand-made plants and plans for the risk, validation and explanation tests. Times in seconds after
// START; the plan's epoch is START too.
import type { Assignment, Plan } from '../../../twin/schema/plan.js';
import type { Distribution } from '../../../twin/schema/distribution.js';
import type { FactoryModel } from '../../../twin/schema/factory.js';
import type { Order } from '../../../twin/schema/order.js';
import { machine, model, order, product, START } from '../../des/factory/__fixtures__/tiny.js';

export { START };

type Loose<T> = { [K in keyof T]?: unknown };

export function plan(assignments: Loose<Assignment>[], extra: Loose<Plan> = {}): Plan {
  return {
    id: 'plan-1',
    version: 1,
    status: 'draft',
    trigger: { kind: 'initial' },
    createdAtMs: START,
    epochMs: START,
    seed: 1,
    inputHash: 'sha256:test',
    engine: 'test',
    frozen: [],
    assignments,
    ...extra,
  } as unknown as Plan;
}

/** M1 then M2: operation a (10 s per lot) on M1, b (`bTime`, mean 20 s per lot) on M2. */
export function flowShop(
  bTime: Distribution = { kind: 'fixed', value: 20 },
  m2: Record<string, unknown> = {},
): FactoryModel {
  return model({
    machines: [machine('M1'), machine('M2', m2)],
    products: [
      product('P', [
        { id: 'a', alternatives: [{ machine: 'M1', time: { kind: 'fixed', value: 10 }, per: 'lot' }] },
        { id: 'b', alternatives: [{ machine: 'M2', time: bTime, per: 'lot' }] },
      ] as never),
    ],
  });
}

/** O1 then O2 through both machines: O1 ends at 30, O2 at 50. */
export const flowShopPlan = plan([
  { order: 'O1', operation: 'a', machine: 'M1', startS: 0, endS: 10 },
  { order: 'O2', operation: 'a', machine: 'M1', startS: 10, endS: 20 },
  { order: 'O1', operation: 'b', machine: 'M2', startS: 10, endS: 30 },
  { order: 'O2', operation: 'b', machine: 'M2', startS: 30, endS: 50 },
]);

export function flowShopOrders(dueO1: number, dueO2: number): Order[] {
  return [order('O1', 'P', 1, { due: dueO1 }), order('O2', 'P', 1, { due: dueO2 })];
}
