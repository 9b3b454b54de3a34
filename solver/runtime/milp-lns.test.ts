// MILP-based large-neighbourhood search on a medium job shop from a deliberately poor start.
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../check/check-plan.js';
import { compileShop } from '../shop/compiled.js';
import type { ShopPlan, ShopProblem } from '../shop/problem.js';
import { planOf } from '../shop/timetable.js';
import { randomJobShop } from './__fixtures__/random-job-shop.js';
import { milpLns } from './milp-lns.js';

/** A random 12x5 job shop with release dates, setups on machine 0 and a maintenance window on machine 1. */
const mediumShop = (): ShopProblem =>
  randomJobShop(12, 5, 21, {
    durations: [5, 40],
    releaseBelow: 20,
    family: (j) => j % 2,
    machine: (k) => ({
      ...(k === 0 && {
        setup: [
          [0, 3],
          [3, 0],
        ],
      }),
      ...(k === 1 && { unavailable: [{ start: 100, end: 130, kind: 'maintenance' as const }] }),
    }),
  });

/** Every machine processes the jobs in reverse index order: valid, and poor. */
function poorStart(shop: ShopProblem): ShopPlan {
  const compiled = compileShop(shop);
  const sequences: number[][] = Array.from({ length: compiled.m }, () => []);
  const alt = new Array<number>(compiled.n);
  for (let o = compiled.n - 1; o >= 0; o--) {
    alt[o] = compiled.altStart[o]!;
    sequences[compiled.altMachine[alt[o]!]!]!.push(o);
  }
  for (const seq of sequences) seq.sort((a, b) => compiled.jobOf[b]! - compiled.jobOf[a]! || a - b);
  return planOf(compiled, { alt, sequences })!;
}

describe('milpLns', () => {
  const shop = mediumShop();
  const start = poorStart(shop);

  it('improves a poor start, and every plan it keeps passes the plan checker', async () => {
    expect(checkPlan(shop, start).ok).toBe(true);
    const improvements: number[] = [];
    const r = await milpLns({ shop }, start, {
      seed: 3,
      iterations: 10,
      size: 10,
      solveTimeLimitS: 3,
      onImprove: (objective) => improvements.push(objective),
    });
    expect(r.startObjective).toBe(start.makespan);
    expect(r.objective).toBeLessThan(0.9 * start.makespan);
    expect(r.plan.makespan).toBe(r.objective);
    expect(checkPlan(shop, r.plan)).toEqual({ ok: true, violations: [] });
    expect(improvements.length).toBe(r.improvements);
    expect(improvements).toEqual([...improvements].sort((a, b) => b - a));
    expect(r.steps.every((s) => s.status === 'optimal')).toBe(true);
    expect(r.steps.map((s) => s.kind).slice(0, 2)).toEqual(['window', 'machines']);
  });

  it('is deterministic for a seed and an iteration count', async () => {
    const options = { seed: 8, iterations: 4, size: 8, solveTimeLimitS: 3 };
    const a = await milpLns({ shop }, start, options);
    const b = await milpLns({ shop }, start, options);
    expect(a.steps.every((s) => s.status === 'optimal')).toBe(true);
    expect(b.plan).toEqual(a.plan);
    expect(b.steps.map(({ timeS: _, ...s }) => s)).toEqual(a.steps.map(({ timeS: _, ...s }) => s));
  });

  it('refuses a start plan that breaks the problem', async () => {
    const broken = {
      ...start,
      operations: start.operations.map((s, i) => (i === 0 ? { ...s, start: s.start + 1 } : s)),
    };
    await expect(milpLns({ shop }, broken, { seed: 1, iterations: 1 })).rejects.toThrow(
      /start plan fails the checks: duration/,
    );
  });
});
