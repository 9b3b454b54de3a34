// A scenario as the scheduler's numeric problem (minimal version): one job per order, its product's routing
// as operations, each alternative at its expected duration. Machines in model order, ids kept; no setups, no
// calendars or downtime windows, machine capacity and batching ignored.
import { distributionMean } from '../twin/distribution-stats.js';
import { instantToSimTime } from '../twin/schema/time.js';
import type { ShopProblem } from '../solver/shop/problem.js';
import type { Scenario } from './schema.js';

/** Expects a validated scenario (every product and machine reference resolves). */
export function scenarioToShopProblem(scenario: Scenario): ShopProblem {
  const startMs = Date.parse(scenario.start);
  const machineIndex = new Map(scenario.machines.map((m, k) => [m.id as string, k]));
  const products = new Map(scenario.products.map((p) => [p.id as string, p]));
  const jobs = scenario.orders.map((order) => {
    const routing = products.get(order.product)?.routing ?? [];
    const release = order.release === undefined ? 0 : Math.max(0, instantToSimTime(order.release, startMs));
    return {
      id: order.id as string,
      release,
      operations: routing.map((op) => ({
        id: op.id as string,
        alternatives: op.alternatives.map((alt) => ({
          machine: machineIndex.get(alt.machine)!,
          // `per` defaults to 'unit' in the model: the time is per unit, the lot takes quantity times it.
          duration: distributionMean(alt.time) * ((alt.per ?? 'unit') === 'unit' ? order.quantity : 1),
        })),
      })),
    };
  });
  return { name: scenario.name, machines: scenario.machines.map((m) => ({ id: m.id as string })), jobs };
}
