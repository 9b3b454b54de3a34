import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../twin/schema/plan.js';
import { analysePlanRisk } from '../risk/analyse.js';
import { flowShop, flowShopOrders, flowShopPlan, plan, START } from '../risk/__fixtures__/plans.js';
import { chunkReplications, PlanRiskPool, runPlanRisk } from './plan-risk.js';
import runPlanRiskTask, { compiledModelStats } from './plan-risk-worker.js';

const noisy = { kind: 'lognormal', mean: 20, sd: 6 } as const;
const input = { model: flowShop(noisy), orders: flowShopOrders(32, 52), startMs: START, plan: flowShopPlan };

describe('plan risk in worker threads', () => {
  // One 2-worker pool for the tests that do not test pool start-up (a pool takes seconds to start here).
  let shared: PlanRiskPool;
  beforeAll(() => {
    shared = new PlanRiskPool({ workers: 2 });
  });
  afterAll(() => shared.destroy());

  it('splits replications into contiguous chunks that cover them once', () => {
    expect(chunkReplications(30, 2)).toEqual([
      [0, 8],
      [8, 16],
      [16, 24],
      [24, 30],
    ]);
    expect(chunkReplications(3, 4)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
  });

  it('gives the same report with 1 and 2 workers, equal to the in-thread analysis', async () => {
    const options = { replications: 24, seed: 9 };
    const one = await runPlanRisk(input, options, { workers: 1 });
    const two = await runPlanRisk(input, options, { workers: 2 });
    expect(two).toEqual(one);
    expect(one).toEqual(analysePlanRisk(input, options));
    // The runs vary, so equality says something.
    expect(one.makespanS.max).toBeGreaterThan(one.makespanS.min);
  });

  it('chooses the replication count by precision the same way with 1 and 2 workers', async () => {
    const precision = { minReplications: 8, step: 8, onTimeHalfWidth: 0.2, makespanRelHalfWidth: 0.1 };
    const options = { replications: 64, seed: 9, precision };
    const one = await new PlanRiskPool({ workers: 1 }).analyse(input, options);
    const two = await shared.analyse(input, options);
    expect(two).toEqual(one);
    expect(one).toEqual(analysePlanRisk(input, options));
    expect(one.precision.met).toBe(true);
    expect(one.replications).toBeGreaterThan(8); // not met at the first round …
    expect(one.replications).toBeLessThan(64); // … nor only at the maximum
    expect(one.replications % 8).toBe(0);
  });

  it('compiles a plant once per worker, then reuses it for later analyses and other plans', async () => {
    const plant = { ...input, orders: flowShopOrders(31, 50) }; // a plant no other test analyses
    const start = shared.stats;
    await shared.analyse(plant, { replications: 8, seed: 1 });
    const first = shared.stats.compilations - start.compilations;
    expect(first).toBeGreaterThanOrEqual(1);
    expect(first).toBeLessThanOrEqual(2); // one per worker that got a task
    const moved = plan(
      flowShopPlan.assignments.map((a, i) => (i === 3 ? { ...a, startS: 31, endS: 51 } : a)),
      { id: 'plan-2' },
    );
    for (let k = 0; k < 3; k++) await shared.analyse({ ...plant, plan: moved }, { replications: 8, seed: k });
    const end = shared.stats;
    expect(end.compilations - start.compilations).toBeLessThanOrEqual(2);
    expect(end.analyses - start.analyses).toBe(4);
    expect(end.tasks - start.tasks).toBe(16);
    expect(end.replications - start.replications).toBe(32);
    expect(end.events - start.events).toBeGreaterThan(32);
    // In this thread (1 worker) the same cache: a second analysis of the plant compiles nothing.
    const before = compiledModelStats();
    const inThread = new PlanRiskPool({ workers: 1 });
    const other = { ...input, orders: flowShopOrders(33, 55) };
    await inThread.analyse(other, { replications: 4, seed: 1 });
    await inThread.analyse(other, { replications: 4, seed: 2 });
    expect(compiledModelStats().compilations - before.compilations).toBe(1);
    expect(compiledModelStats().hits - before.hits).toBeGreaterThanOrEqual(3);
    expect(inThread.stats.compilations).toBe(1);
  });

  it('a long-lived pool answers several analyses, each as a fresh one would', async () => {
    const a = await shared.analyse(input, { replications: 10, seed: 1 });
    const b = await shared.analyse(input, { replications: 10, seed: 2 });
    expect(await shared.analyse(input, { replications: 10, seed: 1 })).toEqual(a);
    expect(a).toEqual(analysePlanRisk(input, { replications: 10, seed: 1 }));
    expect(b.makespanS.mean).not.toBe(a.makespanS.mean);
  });

  it('answers a malformed task with an error naming the field, and a failing run with its code', () => {
    const bad = runPlanRiskTask({ id: 3, seed: -1, rng: 'default', from: 0, to: 1, input: {} });
    expect(bad).toMatchObject({ id: 3, error: { code: 'TWIN_E_SCHEMA' } });
    expect('error' in bad && bad.error.message).toMatch(/seed/);
    const wrongMachine = structuredClone({
      id: 4,
      seed: 1,
      rng: 'default' as const,
      from: 0,
      to: 2,
      input: {
        ...input,
        plan: { ...flowShopPlan, assignments: [{ ...flowShopPlan.assignments[0]!, machine: 'M2' }] },
      },
    });
    const failed = runPlanRiskTask(wrongMachine);
    expect(failed).toMatchObject({ id: 4, error: { code: 'TWIN_E_INCONSISTENT' } });
  });

  it('rejects a failed chunk as a TwinError instead of a partial report', async () => {
    const broken = {
      ...input,
      plan: { ...flowShopPlan, assignments: [{ ...flowShopPlan.assignments[0]!, order: 'O9' }] } as Plan,
    };
    await expect(shared.analyse(broken, { replications: 4, seed: 1 })).rejects.toMatchObject({
      code: 'TWIN_E_UNKNOWN_REFERENCE',
    });
  });
});
