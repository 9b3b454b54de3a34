import { describe, expect, it } from 'vitest';
import { FastRandom } from '../heuristics/fast-random.js';
import { createShopSearch } from '../heuristics/search.js';
import { checkPlan } from '../check/check-plan.js';
import { ft06 } from '../shop/__fixtures__/ft06.js';
import { compileShop } from '../shop/compiled.js';
import { planOf } from '../shop/timetable.js';
import { tinyShop } from './__fixtures__/tiny.js';
import { buildSchedulingModel } from './build-model.js';
import { toCplexLp } from './cplex-lp.js';
import { GLP, toGlpkJson } from './glpk-json.js';
import { extractSchedule } from './extract.js';
import { criticalPath, chooseNeighbourhood, neighbourhoodProblem } from './lns.js';
import type { LpModel } from './lp-model.js';
import { startValues } from './mip-start.js';
import { validateMilpProblem, type MilpProblem } from './problem.js';

/** Rows and bounds of `model` that `values` break (beyond a small tolerance). */
function broken(model: LpModel, values: Record<string, number>): string[] {
  const out: string[] = [];
  for (const v of model.variables) {
    const x = values[v.name];
    if (x === undefined) out.push(`${v.name} has no value`);
    else if ((v.lb !== undefined && x < v.lb - 1e-6) || (v.ub !== undefined && x > v.ub + 1e-6))
      out.push(`${v.name} = ${x}`);
  }
  for (const r of model.rows) {
    const sum = r.terms.reduce((s, t) => s + t.coef * (values[t.name] ?? 0), 0);
    if ((r.lo !== undefined && sum < r.lo - 1e-6) || (r.hi !== undefined && sum > r.hi + 1e-6))
      out.push(`${r.name}: ${sum}`);
  }
  return out;
}

const twoOnOne = (horizon?: number): MilpProblem => ({
  shop: tinyShop([{ ops: [{ on: { 0: 3 } }] }, { ops: [{ on: { 0: 4 } }] }], 1),
  ...(horizon !== undefined && { horizon }),
});

describe('buildSchedulingModel', () => {
  it('names variables and rows deterministically, and the same problem gives the same text', () => {
    const a = buildSchedulingModel(twoOnOne(10));
    expect(a.lp.variables.map((v) => v.name)).toEqual(['s_j0_o0', 's_j1_o0', 'y_m0_j0o0_j1o0', 'cmax']);
    expect(a.lp.rows.map((r) => r.name)).toEqual([
      'seq_m0_j0o0_j1o0',
      'seq_m0_j1o0_j0o0',
      'cmax_j0',
      'cmax_j1',
    ]);
    expect(toCplexLp(buildSchedulingModel(twoOnOne(10)).lp)).toBe(toCplexLp(a.lp));
  });

  it('computes big-M from the time bounds: M = latest start + duration - earliest start of the other', () => {
    const { lp } = buildSchedulingModel(twoOnOne(10));
    // s_j0 <= 10 - 3 = 7, so M for "j0 before j1" is 7 + 3 - 0 = 10; s_j1 <= 6, M for "j1 before j0" is 6 + 4 = 10.
    const ab = lp.rows.find((r) => r.name === 'seq_m0_j0o0_j1o0')!;
    expect(ab.terms).toEqual([
      { name: 's_j1_o0', coef: 1 },
      { name: 's_j0_o0', coef: -1 },
      { name: 'y_m0_j0o0_j1o0', coef: -10 },
    ]);
    expect(ab.lo).toBe(3 - 10);
    const tighter = buildSchedulingModel(twoOnOne(8)).lp.rows.find((r) => r.name === 'seq_m0_j0o0_j1o0')!;
    expect(tighter.terms.find((t) => t.name.startsWith('y_'))!.coef).toBe(-8);
  });

  it('gives no order variable to pairs that a route or the time bounds already order', () => {
    // J0 visits M0 twice: its route orders the pair. J1 is released when J0 must be done on M0.
    const problem: MilpProblem = {
      shop: tinyShop(
        [{ ops: [{ on: { 0: 2 } }, { on: { 0: 2 } }] }, { release: 20, ops: [{ on: { 0: 2 } }] }],
        1,
      ),
      horizon: 22,
    };
    const model = buildSchedulingModel(problem);
    expect(model.pairs).toEqual([]);
    expect(model.lp.variables.filter((v) => v.kind === 'binary')).toEqual([]);
    expect(model.lp.rows.map((r) => r.name)).toContain('seq_m0_j0o0_j0o1');
  });

  it('adds window rows only for windows the operation can meet, with a choice only when both sides fit', () => {
    const shop = tinyShop(
      [{ ops: [{ on: { 0: 2 } }] }],
      [
        {
          unavailable: [
            { start: 3, end: 4, kind: 'maintenance' },
            { start: 50, end: 60, kind: 'calendar' },
          ],
        },
      ],
    );
    const model = buildSchedulingModel({ shop, horizon: 10 });
    expect(model.windows.map((w) => w.name)).toEqual(['w_j0_o0_m0_u0']);
    expect(model.lp.rows.map((r) => r.name).filter((n) => n.startsWith('win'))).toEqual([
      'winb_j0_o0_m0_u0',
      'wina_j0_o0_m0_u0',
    ]);
    // Released at 2, the operation cannot end by 3: only "after" remains, without a variable.
    const late = buildSchedulingModel({
      shop: { ...shop, jobs: [{ ...shop.jobs[0]!, release: 2 }] },
      horizon: 10,
    });
    expect(late.windows).toEqual([]);
    expect(late.lp.rows.map((r) => r.name).filter((n) => n.startsWith('win'))).toEqual(['wina_j0_o0_m0_u0']);
  });

  it('finds infeasibility the data alone show, and says why', () => {
    const pinnedBeforeRelease: MilpProblem = {
      shop: tinyShop([{ release: 5, ops: [{ on: { 0: 2 } }] }], 1),
      pinned: [{ job: 0, op: 0, machine: 0, start: 1 }],
    };
    expect(buildSchedulingModel(pinnedBeforeRelease).infeasible).toMatch(
      /pinned s_j0_o0 = 1 .*earliest start 5/,
    );
    const twoPinnedTogether: MilpProblem = {
      shop: tinyShop([{ ops: [{ on: { 0: 2 } }] }, { ops: [{ on: { 0: 2 } }] }], 1),
      pinned: [
        { job: 0, op: 0, machine: 0, start: 0 },
        { job: 1, op: 0, machine: 0, start: 1 },
      ],
    };
    expect(buildSchedulingModel(twoPinnedTogether).infeasible).toMatch(/excl_m0_j0o0_j1o0/);
  });

  it('writes CPLEX LP text and glpk.js JSON with the same variables and bounds', () => {
    const problem: MilpProblem = {
      shop: tinyShop(
        [{ ops: [{ on: { 0: 3, 1: 5 } }, { on: { 1: 2 } }] }, { release: 1, ops: [{ on: { 0: 4 } }] }],
        2,
      ),
      lags: [{ job: 0, op: 1, min: 1, max: 6 }],
      dueDates: [{ job: 1, due: 3, weight: 2 }],
      objective: { makespan: 1, tardiness: 0.5 },
    };
    const { lp } = buildSchedulingModel(problem);
    const text = toCplexLp(lp);
    expect(text).toMatch(/^Minimize\n obj: cmax \+ t_j1$/m);
    expect(text).toContain(' assign_j0_o0: x_j0_o0_m0 + x_j0_o0_m1 = 1');
    expect(text).toMatch(/ maxlag_j0_o1: s_j0_o1 - s_j0_o0 - 3 x_j0_o0_m0 - 5 x_j0_o0_m1 <= 6/);
    expect(text).toMatch(/Binaries\n x_j0_o0_m0 x_j0_o0_m1/);
    const json = toGlpkJson(lp);
    expect(json.binaries).toEqual(['x_j0_o0_m0', 'x_j0_o0_m1', ...json.binaries.slice(2)]);
    expect(json.bounds.find((b) => b.name === 's_j1_o0')).toMatchObject({ type: GLP.DB, lb: 1 });
    expect(json.subjectTo.find((r) => r.name === 'assign_j0_o0')!.bnds).toEqual({
      type: GLP.FX,
      lb: 1,
      ub: 1,
    });
    expect(json.objective.vars.slice(0, 2)).toEqual([
      { name: 'cmax', coef: 1 },
      { name: 't_j1', coef: 1 },
    ]);
  });

  it('turns a feasible plan into values that satisfy every row and bound (a MIP start)', () => {
    const shop = ft06();
    const compiled = compileShop(shop);
    const search = createShopSearch(compiled, { seed: 3 });
    search.run(300);
    const plan = planOf(compiled, search.best())!;
    expect(checkPlan(shop, plan).ok).toBe(true);
    for (const horizon of [undefined, plan.makespan]) {
      const model = buildSchedulingModel({ shop, ...(horizon !== undefined && { horizon }) });
      expect(broken(model.lp, startValues(model, plan))).toEqual([]);
    }
  });
});

describe('extractSchedule', () => {
  it('repairs what solver tolerances leave broken by a hair, so the plan passes the checker', () => {
    const shop = tinyShop(
      [{ ops: [{ on: { 0: 0.3 } }, { on: { 1: 0.2 } }] }, { ops: [{ on: { 0: 0.4 } }] }],
      2,
    );
    const model = buildSchedulingModel({ shop });
    // As a solver might return them: J1 starts 5e-7 before J0 ends on M0, J0/O1 starts 1e-7 early.
    const values = { s_j0_o0: 0, s_j0_o1: 0.3 - 1e-7, s_j1_o0: 0.3 - 5e-7, y_m0_j0o0_j1o0: 1, cmax: 0.7 };
    const { plan, solution } = extractSchedule(model, values);
    expect(checkPlan(shop, plan)).toEqual({ ok: true, violations: [] });
    expect(plan.operations.map((s) => s.start)).toEqual([0, 0.3, 0.3]);
    expect(solution.sequences).toEqual([[0, 2], [1]]);
  });
});

describe('validateMilpProblem', () => {
  it('names the field and the reason', () => {
    const shop = tinyShop([{ ops: [{ on: { 0: 3 } }] }], 2);
    expect(validateMilpProblem({ shop, pinned: [{ job: 0, op: 0, machine: 1, start: 0 }] })).toEqual({
      ok: false,
      issues: ['pinned[0].machine: J0/O0 cannot run on M1'],
    });
    const bad = validateMilpProblem({ shop, lags: [{ job: 3, op: 1 }], dueDates: [{ job: 0, due: 'soon' }] });
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad)).toContain('dueDates');
  });
});

describe('LNS neighbourhoods', () => {
  const shop = ft06();
  const compiled = compileShop(shop);
  const search = createShopSearch(compiled, { seed: 5 });
  search.run(50);
  const plan = planOf(compiled, search.best())!;

  it('follows a critical path: each step starts when the one before it ends, the last ends at the makespan', () => {
    const path = criticalPath({ shop }, plan, new FastRandom(1));
    const at = (o: number) => plan.operations[o]!; // planOf lists operations in global order
    expect(at(path.at(-1)!).end).toBe(plan.makespan);
    expect(at(path[0]!).start).toBe(0);
    for (let i = 1; i < path.length; i++) expect(at(path[i]!).start).toBe(at(path[i - 1]!).end);
  });

  it('frees the requested number of operations and keeps the others in their order', () => {
    for (let it = 0; it < 4; it++) {
      const nb = chooseNeighbourhood({ shop }, plan, new FastRandom(it), it, 8);
      expect(nb.free).toHaveLength(8);
      expect(nb.kind).toBe(it % 2 === 0 ? 'window' : 'machines');
      if (nb.kind === 'machines')
        expect(new Set(nb.free.map((o) => plan.operations[o]!.machine)).size).toBeLessThanOrEqual(2);
      const sub = neighbourhoodProblem({ shop }, plan, nb.free);
      expect(sub.horizon).toBe(plan.makespan);
      const kept = sub.kept!.flatMap((k) => k.operations);
      expect(kept).toHaveLength(36 - 8);
      for (const k of sub.kept!) {
        const starts = k.operations.map((r) => plan.operations[r.job * 6 + r.op]!.start);
        expect(starts).toEqual([...starts].sort((a, b) => a - b));
      }
      // The plan itself satisfies the subproblem.
      const model = buildSchedulingModel(sub);
      expect(model.infeasible).toBeUndefined();
      expect(broken(model.lp, startValues(model, plan))).toEqual([]);
    }
  });

  it('is deterministic for a seed', () => {
    const a = chooseNeighbourhood({ shop }, plan, new FastRandom(9), 1, 10);
    const b = chooseNeighbourhood({ shop }, plan, new FastRandom(9), 1, 10);
    expect(a).toEqual(b);
  });
});
