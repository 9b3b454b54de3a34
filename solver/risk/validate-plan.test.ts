import { describe, expect, it } from 'vitest';
import { validatePlan } from './validate-plan.js';
import { flowShop, flowShopOrders, flowShopPlan, plan, START } from './__fixtures__/plans.js';
import type { PlanRiskReport } from './report.js';

const input = { model: flowShop(), orders: flowShopOrders(30, 45), startMs: START, plan: flowShopPlan };

describe('plan validation', () => {
  it('validates a plan that passes the checker, with its risk report', async () => {
    const v = await validatePlan(input, { replications: 5, seed: 1 });
    expect(v.ok).toBe(true);
    expect(v.plan.status).toBe('validated');
    expect(v.plan.id).toBe(flowShopPlan.id);
    expect(flowShopPlan.status).toBe('draft'); // the draft is left as it was
    expect(v.risk?.atRisk).toEqual(['O2']);
    expect(v.violations).toEqual([]);
  });

  it('refuses a plan with a violation and does not run the risk analysis', async () => {
    const overlapping = plan(
      flowShopPlan.assignments.map((a, i) => (i === 1 ? { ...a, startS: 5, endS: 15 } : a)),
    );
    let ran = false;
    const v = await validatePlan({ ...input, plan: overlapping }, { replications: 5, seed: 1 }, () => {
      ran = true;
      throw new Error('must not run');
    });
    expect(v.ok).toBe(false);
    expect(v.plan.status).toBe('draft');
    expect(v.violations.map((x) => x.kind)).toEqual(['overlap']);
    expect(v.risk).toBeUndefined();
    expect(ran).toBe(false);
    expect(v.reasons[0]).toMatch(/breaks 1 hard constraint/);
  });

  it('refuses when more orders are at risk than allowed, or when a run could not finish', async () => {
    const v = await validatePlan(input, { replications: 3, seed: 1, maxOrdersAtRisk: 0 });
    expect(v.ok).toBe(false);
    expect(v.plan.status).toBe('draft');
    expect(v.reasons).toEqual([expect.stringMatching(/1 orders are at risk/)]);
    const stuck = (): PlanRiskReport => ({ ...v.risk!, incompleteRuns: 1 });
    const w = await validatePlan(input, { replications: 3, seed: 1 }, stuck);
    expect(w.ok).toBe(false);
    expect(w.reasons[0]).toMatch(/unfinished at the horizon/);
  });

  it('only validates drafts', async () => {
    const validated = (await validatePlan(input, { replications: 1, seed: 1 })).plan;
    await expect(
      validatePlan({ ...input, plan: validated }, { replications: 1, seed: 1 }),
    ).rejects.toMatchObject({
      code: 'TWIN_E_PLAN_TRANSITION',
    });
  });
});
