import { describe, expect, it } from 'vitest';
import { analysePlanRisk } from './analyse.js';
import { roundEnds } from './report.js';
import { flowShop, flowShopOrders, flowShopPlan, START } from './__fixtures__/plans.js';

const fixed = { model: flowShop(), orders: flowShopOrders(30, 45), startMs: START, plan: flowShopPlan };
const noisy = {
  ...fixed,
  model: flowShop({ kind: 'normal', mean: 20, sd: 5, min: 5 }),
  orders: flowShopOrders(30, 52),
};

describe('replications chosen by precision', () => {
  it('end rounds at fixed counts: min, then steps, capped at the maximum', () => {
    const precision = { minReplications: 10, step: 10 };
    expect(roundEnds({ replications: 45, seed: 1, precision })).toEqual([10, 20, 30, 40, 45]);
    expect(roundEnds({ replications: 8, seed: 1, precision })).toEqual([8]);
    expect(roundEnds({ replications: 45, seed: 1 })).toEqual([45]);
    expect(() => roundEnds({ replications: 5, seed: 1, precision: { step: 0 } })).toThrow('precision.step');
    expect(() => roundEnds({ replications: 5, seed: 1, precision: { onTimeHalfWidth: 0 } })).toThrow(
      'onTimeHalfWidth',
    );
  });

  it('stop once every interval is tight enough, with the report a fixed count of that size gives', () => {
    // No variability: each order is on time in all runs or in none; Wilson's half-width falls below 0.1
    // between 10 runs (0.14) and 20 runs (0.08), and the makespan's interval is 0 wide.
    const options = { replications: 100, seed: 3, precision: { onTimeHalfWidth: 0.1 } };
    const report = analysePlanRisk(fixed, options);
    expect(report.replications).toBe(20);
    expect(report.maxReplications).toBe(100);
    expect(report.precision.met).toBe(true);
    expect(report.precision.onTimeHalfWidth).toBeLessThanOrEqual(0.1);
    const same = analysePlanRisk(fixed, { replications: 20, seed: 3 });
    expect(same.precision.met).toBeNull();
    expect({ ...report, maxReplications: 20, precision: same.precision }).toEqual(same);
  });

  it('run to the maximum when the target is out of reach, and say so', () => {
    const options = { replications: 25, seed: 2, precision: { onTimeHalfWidth: 0.01, step: 7 } };
    const report = analysePlanRisk(noisy, options);
    expect(report.replications).toBe(25);
    expect(report.precision.met).toBe(false);
    expect(report.precision.onTimeHalfWidth).toBeGreaterThan(0.01);
    expect(report.precision.makespanRelHalfWidth).toBeGreaterThan(0);
    expect(report.eventsSimulated).toBeGreaterThan(25);
  });
});
