import { describe, expect, it } from 'vitest';
import { analysePlanRisk } from './analyse.js';
import { quantileSorted } from './quantiles.js';
import { wilsonInterval } from './wilson.js';
import { flowShop, flowShopOrders, flowShopPlan, START } from './__fixtures__/plans.js';

const noisy = { kind: 'normal', mean: 20, sd: 5, min: 5 } as const;

describe('Wilson score interval', () => {
  it('matches the textbook values and is exact at 0 and n', () => {
    // 8 of 10 at 95 %: (0.490, 0.943) — Wilson (1927), as tabulated by Newcombe (1998).
    const w = wilsonInterval(8, 10);
    expect(w.low).toBeCloseTo(0.4902, 3);
    expect(w.high).toBeCloseTo(0.9433, 3);
    const none = wilsonInterval(0, 30);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(1.96 ** 2 / (30 + 1.96 ** 2), 3);
    const all = wilsonInterval(30, 30);
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(30 / (30 + 1.96 ** 2), 3);
    expect(() => wilsonInterval(3, 2)).toThrow('successes');
  });
});

describe('quantiles', () => {
  it('interpolate between order statistics (type 7)', () => {
    const s = [1, 2, 3, 4];
    expect(quantileSorted(s, 0.5)).toBe(2.5);
    expect(quantileSorted(s, 0.9)).toBeCloseTo(3.7, 12);
    expect(quantileSorted(s, 0)).toBe(1);
    expect(quantileSorted(s, 1)).toBe(4);
  });
});

describe('risk of a plan', () => {
  it('without variability is exactly 0 or 1 per order', () => {
    // O1 ends at 30 (due 30: on time), O2 at 50 (due 45: late by 5 s) in every replication.
    const report = analysePlanRisk(
      { model: flowShop(), orders: flowShopOrders(30, 45), startMs: START, plan: flowShopPlan },
      { replications: 12, seed: 7 },
    );
    const [o1, o2] = report.orders;
    expect(o1!.onTimeProbability).toBe(1);
    expect(o1!.interval.high).toBe(1);
    expect(o1!.completionS).toMatchObject({ mean: 30, min: 30, max: 30, p95: 30 });
    expect(o2!.onTimeProbability).toBe(0);
    expect(o2!.interval.low).toBe(0);
    expect(o2!.latenessS).toMatchObject({ mean: 5, p50: 5 });
    expect(o2!.expectedTardinessS).toBe(5);
    expect(report.atRisk).toEqual(['O2']);
    expect(report.makespanS).toMatchObject({ mean: 50, min: 50, max: 50, halfWidth: 0 });
    expect(report.incompleteRuns).toBe(0);
  });

  it('gives a tight due date a lower on-time probability than a loose one (same plan, same seeds)', () => {
    const input = (due: number) => ({
      model: flowShop(noisy),
      orders: flowShopOrders(200, due),
      startMs: START,
      plan: flowShopPlan,
    });
    const tight = analysePlanRisk(input(50), { replications: 40, seed: 3 });
    const loose = analysePlanRisk(input(65), { replications: 40, seed: 3 });
    const p = (r: typeof tight) => r.orders[1]!.onTimeProbability;
    expect(p(tight)).toBeGreaterThan(0);
    expect(p(tight)).toBeLessThan(p(loose));
    expect(tight.orders[1]!.atRisk).toBe(true);
    // Common random numbers: the completions are the same runs, only the due date moved.
    expect(tight.orders[1]!.completionS).toEqual(loose.orders[1]!.completionS);
    expect(tight.makespanS.max).toBeGreaterThan(tight.makespanS.min);
    expect(tight.makespanS.p50).toBeLessThanOrEqual(tight.makespanS.p90);
    expect(tight.makespanS.low).toBeLessThan(tight.makespanS.mean);
  });

  it('counts breakdowns: a machine that fails makes an exact due date uncertain', () => {
    const failing = flowShop(undefined, {
      ttf: { kind: 'exponential', mean: 40 },
      ttr: { kind: 'fixed', value: 10 },
    });
    const input = { model: failing, orders: flowShopOrders(30, 50), startMs: START, plan: flowShopPlan };
    const report = analysePlanRisk(input, { replications: 30, seed: 11 });
    expect(report.orders[0]!.onTimeProbability).toBeLessThan(1);
    expect(report.makespanS.mean).toBeGreaterThan(50);
  });

  it('same seed and n → the same report; another seed → another one', () => {
    const input = {
      model: flowShop(noisy),
      orders: flowShopOrders(30, 52),
      startMs: START,
      plan: flowShopPlan,
    };
    const a = analysePlanRisk(input, { replications: 20, seed: 5 });
    expect(analysePlanRisk(input, { replications: 20, seed: 5 })).toEqual(a);
    const b = analysePlanRisk(input, { replications: 20, seed: 6 });
    expect(b.makespanS.mean).not.toBe(a.makespanS.mean);
  });

  it('uses the threshold it is given', () => {
    const input = { model: flowShop(), orders: flowShopOrders(30, 45), startMs: START, plan: flowShopPlan };
    const none = analysePlanRisk(input, { replications: 2, seed: 1, threshold: 0 });
    expect(none.atRisk).toEqual([]);
    expect(() => analysePlanRisk(input, { replications: 0, seed: 1 })).toThrow('replications');
  });
});
