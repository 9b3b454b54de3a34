// Exact MILP scheduling of a (sub)problem: build the model, solve it in a worker, bring the plan back and pass
// it through the independent plan checker. A plan that fails the checker is never returned.
import { TwinError } from '../../twin/errors.js';
import { buildSchedulingModel, type SchedulingModel } from '../milp/build-model.js';
import { extractSchedule } from '../milp/extract.js';
import { startValues } from '../milp/mip-start.js';
import { milpPlanViolations } from '../milp/objective.js';
import { assertMilpProblem, type MilpProblem } from '../milp/problem.js';
import type { ShopPlan } from '../shop/problem.js';
import type { ShopSolution } from '../shop/solution.js';
import { MilpSolver, type MilpBackend, type MilpStatus } from './milp-solve.js';

export interface ScheduleMilpOptions {
  backend?: MilpBackend;
  timeLimitS: number;
  mipGap?: number;
  /**
   * A feasible plan (e.g. from the tabu search): a MIP start for HiGHS and, when the objective is the makespan
   * alone and no horizon is given, the horizon (so big-M values are as tight as that plan allows).
   */
  start?: ShopPlan;
  signal?: AbortSignal;
  /** Reuse a solver (and its thread) across calls; default: one for this call. */
  solver?: MilpSolver;
}

export interface ScheduleMilpResult {
  status: MilpStatus;
  backend: MilpBackend;
  objective?: number;
  bound?: number;
  /** Checked by solver/check and against the lags, pins and kept sequences. */
  plan?: ShopPlan;
  solution?: ShopSolution;
  timeS: number;
  /** Why the model is infeasible when the data alone show it. */
  reason?: string;
  model: SchedulingModel;
}

const makespanOnly = (p: MilpProblem) =>
  (p.objective?.tardiness ?? 0) === 0 && (p.objective?.makespan ?? 1) > 0;

export async function scheduleMilp(
  problem: MilpProblem,
  options: ScheduleMilpOptions,
): Promise<ScheduleMilpResult> {
  assertMilpProblem(problem, 'scheduleMilp');
  const backend = options.backend ?? 'glpk';
  const bounded =
    options.start !== undefined && problem.horizon === undefined && makespanOnly(problem)
      ? { ...problem, horizon: options.start.makespan }
      : problem;
  const model = buildSchedulingModel(bounded);
  if (model.infeasible !== undefined)
    return { status: 'infeasible', backend, timeS: 0, reason: model.infeasible, model };
  const solver = options.solver ?? new MilpSolver();
  try {
    const result = await solver.solve(model.lp, {
      backend,
      timeLimitS: options.timeLimitS,
      ...(options.mipGap !== undefined && { mipGap: options.mipGap }),
      ...(options.signal !== undefined && { signal: options.signal }),
      ...(options.start !== undefined && backend === 'highs' && { start: startValues(model, options.start) }),
    });
    const out: ScheduleMilpResult = { status: result.status, backend, timeS: result.timeS, model };
    if (result.bound !== undefined) out.bound = result.bound;
    if (result.values === undefined) return out;
    const { plan, solution } = extractSchedule(model, result.values);
    const violations = milpPlanViolations(problem, plan);
    if (violations.length > 0) {
      throw new TwinError(
        'TWIN_E_INTERNAL',
        `scheduleMilp: the plan fails the checks: ${violations.slice(0, 10).join('; ')}`,
        { violations },
      );
    }
    return { ...out, objective: result.objective!, plan, solution };
  } finally {
    if (options.solver === undefined) await solver.close();
  }
}
