// MILP-based large-neighbourhood search: from a starting plan (tabu search, Giffler-Thompson), repeatedly free
// a few operations around the critical path, keep the rest on their machines in their order, re-optimise that
// subproblem with a short time limit and keep the plan when it is no worse. Seeded: the same seed and
// iteration count give the same plans whenever the sub-solves finish within their limit (they are small for
// that reason); a sub-solve cut by its limit may differ from run to run.
import { TwinError } from '../../twin/errors.js';
import { FastRandom } from '../heuristics/fast-random.js';
import { chooseNeighbourhood, neighbourhoodProblem, type NeighbourhoodKind } from '../milp/lns.js';
import { milpPlanViolations, planObjective } from '../milp/objective.js';
import { assertMilpProblem, type MilpProblem } from '../milp/problem.js';
import { compileShop } from '../shop/compiled.js';
import type { ShopPlan } from '../shop/problem.js';
import { planOf } from '../shop/timetable.js';
import { MilpSolver, type MilpBackend, type MilpStatus } from './milp-solve.js';
import { scheduleMilp } from './milp-schedule.js';

export interface MilpLnsOptions {
  seed: number;
  iterations: number;
  /** Operations set free per neighbourhood (default 12). */
  size?: number;
  /** Time limit of each sub-solve in seconds (default 2). */
  solveTimeLimitS?: number;
  backend?: MilpBackend;
  signal?: AbortSignal;
  onImprove?: (objective: number, iteration: number) => void;
}

export interface LnsStep {
  iteration: number;
  kind: NeighbourhoodKind;
  free: number;
  status: MilpStatus;
  objective?: number;
  accepted: boolean;
  timeS: number;
}

export interface MilpLnsResult {
  /** The best plan, checked by solver/check and against the problem's lags and pins. */
  plan: ShopPlan;
  objective: number;
  startObjective: number;
  iterations: number;
  improvements: number;
  steps: LnsStep[];
  elapsedS: number;
}

function checked(problem: MilpProblem, plan: ShopPlan, what: string): void {
  const violations = milpPlanViolations(problem, plan);
  if (violations.length > 0) {
    throw new TwinError(
      'TWIN_E_SCHEMA',
      `milpLns: ${what} fails the checks: ${violations.slice(0, 10).join('; ')}`,
      { violations },
    );
  }
}

export async function milpLns(
  problem: MilpProblem,
  start: ShopPlan,
  options: MilpLnsOptions,
): Promise<MilpLnsResult> {
  assertMilpProblem(problem, 'milpLns');
  if (!Number.isInteger(options.seed) || options.seed < 0)
    throw new TwinError('TWIN_E_SCHEMA', `milpLns: seed must be a whole number ≥ 0, found ${options.seed}`);
  checked(problem, start, 'the start plan');
  const started = performance.now();
  const size = options.size ?? 12;
  const timeLimitS = options.solveTimeLimitS ?? 2;
  const rng = new FastRandom(options.seed);
  const shop = compileShop(problem.shop);
  // Without lags or pins, a plan can be left-shifted (semi-active) from its machine sequences.
  const compactable = (problem.lags ?? []).length === 0 && (problem.pinned ?? []).length === 0;
  let current = start;
  let currentObjective = planObjective(problem, start);
  let best = { plan: start, objective: currentObjective };
  const steps: LnsStep[] = [];
  let improvements = 0;
  const solver = new MilpSolver();
  try {
    for (let it = 0; it < options.iterations && !options.signal?.aborted; it++) {
      const nb = chooseNeighbourhood(problem, current, rng, it, size);
      const sub = neighbourhoodProblem(problem, current, nb.free);
      const r = await scheduleMilp(sub, {
        backend: options.backend ?? 'glpk',
        timeLimitS,
        start: current,
        solver,
        ...(options.signal !== undefined && { signal: options.signal }),
      });
      const step: LnsStep = {
        iteration: it,
        kind: nb.kind,
        free: nb.free.length,
        status: r.status,
        accepted: false,
        timeS: r.timeS,
      };
      steps.push(step);
      if (r.plan === undefined || r.solution === undefined) continue;
      let plan = r.plan;
      if (compactable) {
        const left = planOf(shop, r.solution);
        if (left !== undefined && planObjective(problem, left) <= planObjective(problem, plan)) plan = left;
      }
      const objective = planObjective(problem, plan);
      step.objective = objective;
      if (objective > currentObjective + 1e-9) continue;
      checked(problem, plan, `the plan of iteration ${it}`);
      step.accepted = true;
      current = plan;
      currentObjective = objective;
      if (objective < best.objective - 1e-9) {
        best = { plan, objective };
        improvements++;
        options.onImprove?.(objective, it);
      }
    }
  } finally {
    await solver.close();
  }
  return {
    plan: best.plan,
    objective: best.objective,
    startObjective: planObjective(problem, start),
    iterations: steps.length,
    improvements,
    steps,
    elapsedS: (performance.now() - started) / 1000,
  };
}
