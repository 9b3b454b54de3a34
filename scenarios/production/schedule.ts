// Scheduling a scenario: problem from the twin, conflicts named, search, the independent checker, and the
// plan as the twin keeps it with each order's due date, end and lateness.
import { TwinError } from '../../twin/errors.js';
import type { Plan } from '../../twin/schema/plan.js';
import { checkProductionPlan } from '../../solver/check/production/check-production-plan.js';
import {
  solveProduction,
  type ProductionSolveOptions,
  type ProductionSolveResult,
} from '../../solver/production/solve.js';
import type { ProductionProblem } from '../../solver/production/problem.js';
import type { OpenIntervals } from '../../twin/calendar-intervals.js';
import type { Scenario } from '../schema.js';
import { orderOutcomes, toTwinPlan, type OrderOutcome, type PlanMeta } from './plan.js';
import { scenarioToProductionProblem, type ProblemOptions } from './to-problem.js';

export interface ScenarioScheduleOptions extends ProductionSolveOptions {
  problem?: ProblemOptions;
  plan?: Partial<Omit<PlanMeta, 'epochMs' | 'seed'>>;
}

export interface ScenarioSchedule {
  problem: ProductionProblem;
  open: OpenIntervals[];
  result: ProductionSolveResult;
  plan: Readonly<Plan>;
  orders: OrderOutcome[];
}

/** Every plan a search returns goes through the checker; one that fails is a bug, never a result. */
export function assertValid(problem: ProductionProblem, result: ProductionSolveResult): void {
  const check = checkProductionPlan(problem, result.plan);
  if (check.ok) return;
  throw new TwinError(
    'TWIN_E_INTERNAL',
    `the production search returned a plan the checker rejects: ${check.violations
      .slice(0, 3)
      .map((v) => v.message)
      .join('; ')}`,
    { violations: check.violations.slice(0, 20) },
  );
}

export function scheduleScenario(
  scenario: Scenario,
  options: ScenarioScheduleOptions = {},
): ScenarioSchedule {
  const { problem, open } = scenarioToProductionProblem(scenario, options.problem);
  return scheduleOfResult(scenario, problem, open, solveProduction(problem, options), options);
}

/** The checked plan of a search result (a search run here or on a worker thread). */
export function scheduleOfResult(
  scenario: Scenario,
  problem: ProductionProblem,
  open: OpenIntervals[],
  result: ProductionSolveResult,
  options: Pick<ScenarioScheduleOptions, 'plan'> = {},
): ScenarioSchedule {
  assertValid(problem, result);
  const plan = toTwinPlan(problem, open, result.plan, {
    id: options.plan?.id ?? 'plan-1',
    createdAtMs: options.plan?.createdAtMs ?? 0,
    epochMs: Date.parse(scenario.start),
    seed: result.seed,
    trigger: options.plan?.trigger ?? { kind: 'initial' },
  });
  return { problem, open, result, plan, orders: orderOutcomes(problem, result.plan) };
}
