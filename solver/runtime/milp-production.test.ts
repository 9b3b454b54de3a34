// MILP neighbourhoods inside the production search, solved by glpk.js: on a one-machine problem small enough
// for one neighbourhood to hold every operation, the search reaches the optimum (found here by trying every
// sequence) that its local moves alone do not reach in one iteration; on a worker thread the result reports
// the neighbourhoods it solved, and the plan passes the checker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProductionPlan } from '../check/production/check-production-plan.js';
import type { Subsolver } from '../production/milp-lns.js';
import type { ProductionProblem } from '../production/problem.js';
import { solveProduction } from '../production/solve.js';
import { loadGlpk, solveWithGlpk } from './milp-backends.js';
import { ProductionSolverPool } from './solve-production.js';

const durations = [7, 3, 9, 4, 6, 2, 5];
const dues = [30, 5, 36, 12, 20, 8, 24];
const weights = [1, 3, 2, 1, 2, 4, 1];

const problem: ProductionProblem = {
  name: 'one-machine-tardiness',
  now: 0,
  horizon: 10_000,
  machines: [{ id: 'M', stations: 1, mayPause: true }],
  jobs: durations.map((d, j) => ({
    id: `J${j}`,
    release: 0,
    due: dues[j]!,
    weight: weights[j]!,
    priority: 5,
    operations: [{ id: 'op', alternatives: [{ machine: 0, duration: d }] }],
  })),
};

/** The least weighted tardiness over every sequence of the jobs on the one machine. */
function optimum(): number {
  let best = Infinity;
  const seq: number[] = [];
  const used = new Array<boolean>(durations.length).fill(false);
  const walk = (t: number, cost: number): void => {
    if (cost >= best) return;
    if (seq.length === durations.length) return void (best = cost);
    for (let j = 0; j < durations.length; j++) {
      if (used[j]) continue;
      used[j] = true;
      seq.push(j);
      const end = t + durations[j]!;
      walk(end, cost + weights[j]! * Math.max(0, end - dues[j]!));
      seq.pop();
      used[j] = false;
    }
  };
  walk(0, 0);
  return best;
}

let subsolver: Subsolver;
beforeAll(async () => {
  const glpk = await loadGlpk();
  subsolver = (model, timeLimitS) =>
    solveWithGlpk(glpk, { type: 'solve', id: 0, backend: 'glpk', model, timeLimitS });
});

const pool = new ProductionSolverPool(1);
afterAll(() => pool.close());

// The worst start: jobs listed by longest processing time first.
const start = {
  order: Int32Array.from(
    durations
      .map((d, j) => [d, j])
      .sort((a, b) => b[0]! - a[0]!)
      .map(([, j]) => j!),
  ),
  alt: new Int32Array(durations.length).fill(-1),
};
const objective = { kind: 'weighted' as const, weights: { tardiness: 1 } };

describe('MILP neighbourhoods in the production search', () => {
  it('reaches the proven optimum where one local-search iteration does not', () => {
    const best = optimum();
    const plain = solveProduction(problem, { seed: 1, objective, start, maxIterations: 1 });
    expect(plain.values.weightedTardiness).toBeGreaterThan(best);
    const milp = { maxOps: 8, stallIterations: 0, timeLimitS: 5 };
    const r = solveProduction(problem, { seed: 1, objective, start, maxIterations: 1, milp, subsolver });
    expect(r.milp).toMatchObject({ neighbourhoods: 1, optimal: 1, improvements: 1 });
    expect(r.values.weightedTardiness).toBe(best);
    expect(checkProductionPlan(problem, r.plan).ok).toBe(true);
    // Same seed, same result.
    const again = solveProduction(problem, { seed: 1, objective, start, maxIterations: 1, milp, subsolver });
    expect(again.plan).toEqual(r.plan);
  });

  it('runs on the worker thread and reports what the neighbourhoods did', async () => {
    const r = await pool.solve(problem, {
      seed: 2,
      objective,
      start,
      maxIterations: 400,
      milp: { maxOps: 8, stallIterations: 200 },
    });
    expect(r.milp?.neighbourhoods).toBeGreaterThanOrEqual(1);
    expect(r.values.weightedTardiness).toBe(optimum());
    expect(checkProductionPlan(problem, r.plan).ok).toBe(true);
  });

  it('names a bad MILP option', async () => {
    await expect(pool.solve(problem, { milp: { maxOps: 1 } })).rejects.toMatchObject({
      code: 'TWIN_E_SCHEMA',
      message: expect.stringMatching(/milp\/maxOps|milp\.maxOps/),
    });
  });
});
