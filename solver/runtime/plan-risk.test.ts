import { describe, expect, it } from 'vitest';
import type { Plan } from '../../twin/schema/plan.js';
import { analysePlanRisk } from '../risk/analyse.js';
import { flowShop, flowShopOrders, flowShopPlan, START } from '../risk/__fixtures__/plans.js';
import { chunkReplications, PlanRiskPool, runPlanRisk } from './plan-risk.js';
import runPlanRiskTask from './plan-risk-worker.js';

const noisy = { kind: 'lognormal', mean: 20, sd: 6 } as const;
const input = { model: flowShop(noisy), orders: flowShopOrders(32, 52), startMs: START, plan: flowShopPlan };

describe('plan risk in worker threads', () => {
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

  it('a long-lived pool answers several analyses, each as a fresh one would', async () => {
    const pool = new PlanRiskPool({ workers: 2 });
    try {
      const a = await pool.analyse(input, { replications: 10, seed: 1 });
      const b = await pool.analyse(input, { replications: 10, seed: 2 });
      expect(await pool.analyse(input, { replications: 10, seed: 1 })).toEqual(a);
      expect(b.makespanS.mean).not.toBe(a.makespanS.mean);
    } finally {
      await pool.destroy();
    }
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
    await expect(runPlanRisk(broken, { replications: 4, seed: 1 }, { workers: 2 })).rejects.toMatchObject({
      code: 'TWIN_E_UNKNOWN_REFERENCE',
    });
  });
});
