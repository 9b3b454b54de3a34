// Exact MILP scheduling: known optima (ft06, brute force on small random shops), and the same model solved by
// glpk.js, native glpsol and HiGHS gives the same objective.
import { existsSync } from 'node:fs';
import GLPK from 'glpk.js/node';
import { afterAll, describe, expect, it } from 'vitest';
import { bruteForceMakespan, randomShop } from '../heuristics/__fixtures__/tiny-shops.js';
import { FastRandom } from '../heuristics/fast-random.js';
import { buildSchedulingModel } from '../milp/build-model.js';
import { GLP } from '../milp/glpk-json.js';
import type { MilpProblem } from '../milp/problem.js';
import { FT06_OPTIMUM, ft06 } from '../shop/__fixtures__/ft06.js';
import type { ShopProblem } from '../shop/problem.js';
import { GLPSOL, runGlpsol } from './milp-glpsol.js';
import { MilpSolver } from './milp-solve.js';
import { scheduleMilp } from './milp-schedule.js';

const solver = new MilpSolver();
afterAll(() => solver.close());

/** A random shop with setup families, maintenance windows, releases, due dates and a lag. */
function richProblem(seed: number): MilpProblem {
  const rng = new FastRandom(seed);
  const base = randomShop(seed, 3, 3, 3, 2, true);
  const shop: ShopProblem = {
    ...base,
    machines: base.machines.map((m, k) => ({
      ...m,
      setup: [
        [0, 1 + rng.int(3)],
        [1 + rng.int(3), 0],
      ],
      ...(k === 0 && { unavailable: [{ start: 8, end: 11, kind: 'maintenance' as const }] }),
    })),
    jobs: base.jobs.map((j) => ({
      ...j,
      operations: j.operations.map((o) => ({ ...o, family: rng.int(2) })),
    })),
  };
  return {
    shop,
    lags: [{ job: 0, op: 1, min: 2 }],
    dueDates: shop.jobs.map((_, j) => ({ job: j, due: 10 + rng.int(10), weight: 1 + rng.int(3) })),
    objective: { makespan: 1, tardiness: 1 },
  };
}

describe('exact MILP scheduling', () => {
  it('proves the optimum of ft06 (55) with glpk.js', async () => {
    const r = await scheduleMilp({ shop: ft06() }, { solver, timeLimitS: 60 });
    expect(r.status).toBe('optimal');
    expect(r.objective).toBe(FT06_OPTIMUM);
    expect(r.plan!.makespan).toBe(FT06_OPTIMUM);
  });

  it('finds the brute-force optimum of small flexible shops with releases, with glpk.js and HiGHS', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const shop = randomShop(seed, 3, 3, 3, 2, true);
      const optimum = bruteForceMakespan(shop);
      for (const backend of ['glpk', 'highs'] as const) {
        const r = await scheduleMilp({ shop }, { solver, backend, timeLimitS: 30 });
        expect(r.status, `seed ${seed} ${backend}`).toBe('optimal');
        expect(r.objective, `seed ${seed} ${backend}`).toBe(optimum);
        expect(r.plan!.makespan).toBe(optimum);
      }
    }
  });

  it('glpk.js uses the GLPK constants that the pure model writer assumes', async () => {
    const glpk = await GLPK();
    expect([glpk.GLP_MIN, glpk.GLP_FR, glpk.GLP_LO, glpk.GLP_UP, glpk.GLP_DB, glpk.GLP_FX]).toEqual([
      GLP.MIN,
      GLP.FR,
      GLP.LO,
      GLP.UP,
      GLP.DB,
      GLP.FX,
    ]);
    expect([glpk.GLP_UNDEF, glpk.GLP_FEAS, glpk.GLP_NOFEAS, glpk.GLP_OPT]).toEqual([
      GLP.UNDEF,
      GLP.FEAS,
      GLP.NOFEAS,
      GLP.OPT,
    ]);
  });

  it.runIf(existsSync(GLPSOL))(
    'glpk.js, native glpsol and HiGHS agree on the objective of the same models',
    async () => {
      const problems: MilpProblem[] = [
        { shop: ft06(), horizon: 57 },
        richProblem(11),
        richProblem(12),
        richProblem(13),
      ];
      for (const problem of problems) {
        const { lp } = buildSchedulingModel(problem);
        const glpk = await solver.solve(lp, { backend: 'glpk', timeLimitS: 30 });
        const highs = await solver.solve(lp, { backend: 'highs', timeLimitS: 30 });
        const native = await runGlpsol(lp, 30);
        expect([glpk.status, highs.status, native.status], lp.name).toEqual([
          'optimal',
          'optimal',
          'optimal',
        ]);
        expect(native.objective).toBeCloseTo(glpk.objective!, 4);
        expect(highs.objective).toBeCloseTo(glpk.objective!, 4);
        // And the plan of the rich problems passes the checkers (scheduleMilp throws otherwise).
        const planned = await scheduleMilp(problem, { solver, timeLimitS: 30 });
        expect(planned.objective).toBeCloseTo(glpk.objective!, 4);
      }
    },
  );
});
