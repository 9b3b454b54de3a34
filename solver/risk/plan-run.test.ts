import { describe, expect, it } from 'vitest';
import { planHorizonS } from '../check/plan-model-resolve.js';
import { simulateFactory } from '../des/factory/run.js';
import { analysePlanRisk } from './analyse.js';
import { CompiledModelCache, compileHorizonS } from './compiled-cache.js';
import {
  preparePlanRuns,
  runPlanReplications,
  runPreparedReplications,
  type PlanRiskInput,
} from './replicate.js';
import { eddInput } from './__fixtures__/edd-plan.js';
import { flowShop, flowShopOrders, flowShopPlan, plan, START } from './__fixtures__/plans.js';

/** What simulateFactory says of replication r: the reference the compiled runs must reproduce. */
function reference(input: PlanRiskInput, seed: number, r: number) {
  const result = simulateFactory({
    model: input.model,
    orders: input.orders,
    startMs: input.startMs,
    plan: input.plan,
    seed: seed + r,
    horizonS: input.horizonS ?? planHorizonS(input),
  });
  return {
    endS: result.endS,
    events: result.eventsProcessed,
    completionS: result.orders.map((o) => o.completionS ?? NaN),
  };
}

function expectSameRuns(input: PlanRiskInput, seed: number, n: number) {
  const batch = runPlanReplications(input, seed, 0, n);
  for (let r = 0; r < n; r++) {
    const got = batch[r]!;
    expect(got.replication).toBe(r);
    expect(got.seed).toBe(seed + r);
    expect({ endS: got.endS, events: got.events, completionS: Array.from(got.completionS) }).toEqual(
      reference(input, seed, r),
    );
  }
  return batch;
}

describe('replications on a model compiled once', () => {
  // The demo plant has calendars in a time zone, maintenance, breakdowns, setups, batch furnaces, buffers
  // and AGVs: everything the wiring of plan-run.ts must reproduce.
  const demo = eddInput('demo-plant.yaml');

  it('reproduce simulateFactory run for run on the demo plant (batch = one run per replication)', () => {
    const batch = expectSameRuns(demo, 3, 3);
    expect(batch[0]!.endS).not.toBe(batch[1]!.endS); // the runs differ, so equality says something
    expect(batch[0]!.events).toBeGreaterThan(1000);
  });

  it('reproduce it on the small plant, and when runs stop at a horizon well inside the compiled one', () => {
    expectSameRuns(eddInput('small-plant.yaml'), 11, 4);
    const cut = { ...demo, horizonS: 2 * 86_400 };
    expect(compileHorizonS(cut.horizonS)).toBeGreaterThan(cut.horizonS);
    const [run] = expectSameRuns(cut, 5, 1);
    expect(run!.endS).toBe(cut.horizonS);
    expect(Array.from(run!.completionS).some(Number.isNaN)).toBe(true);
  });

  it('leave the prepared plan as it was: a second batch of the same replications is the same', () => {
    const prepared = preparePlanRuns(demo);
    const skip = prepared.plan.skip.slice();
    const a = runPreparedReplications(prepared, 7, 0, 2);
    expect(prepared.plan.skip).toEqual(skip);
    expect(runPreparedReplications(prepared, 7, 0, 2)).toEqual(a);
    expect(runPreparedReplications(prepared, 7, 1, 2)).toEqual([a[1]]);
  });
});

describe('the compiled-model cache', () => {
  const noisy = { kind: 'normal', mean: 20, sd: 5, min: 5 } as const;
  const input = {
    model: flowShop(noisy),
    orders: flowShopOrders(30, 52),
    startMs: START,
    plan: flowShopPlan,
  };

  it('compiles a plant once for several analyses and plans, and gives the reports a fresh compile gives', () => {
    const cache = new CompiledModelCache(2);
    const options = { replications: 6, seed: 4 };
    const first = analysePlanRisk(input, options, cache);
    expect(cache.compilations).toBe(1);
    const later = plan(
      flowShopPlan.assignments.map((a, i) => (i === 3 ? { ...a, startS: 35, endS: 55 } : a)),
      { id: 'plan-2' },
    );
    const second = analysePlanRisk({ ...input, plan: later }, options, cache);
    expect(cache.compilations).toBe(1); // another plan of the same plant: same compiled horizon
    expect(cache.hits).toBe(1);
    expect(first).toEqual(analysePlanRisk(input, options));
    expect(second).toEqual(analysePlanRisk({ ...input, plan: later }, options));
    // A copy of the plant (equal content, other objects) hits too; another plant does not.
    analysePlanRisk(structuredClone(input), options, cache);
    expect(cache.compilations).toBe(1);
    analysePlanRisk({ ...input, orders: flowShopOrders(30, 60) }, options, cache);
    expect(cache.compilations).toBe(2);
  });

  it('keeps at most its size, dropping the least recently used', () => {
    const cache = new CompiledModelCache(2);
    const plant = (due: number) => ({ ...input, orders: flowShopOrders(30, due) });
    for (const due of [50, 51, 50, 52, 50]) analysePlanRisk(plant(due), { replications: 1, seed: 1 }, cache);
    expect(cache.compilations).toBe(3); // 50, 51, 52 compiled; 50 stayed as the most recent
    analysePlanRisk(plant(51), { replications: 1, seed: 1 }, cache);
    expect(cache.compilations).toBe(4); // 51 was dropped for 52
    expect(() => new CompiledModelCache(0)).toThrow('cache size');
  });
});
