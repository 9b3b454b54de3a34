// Shared by `twin schedule <scenario>` and `twin reschedule`: options to solver settings, and the plan as
// JSON (the shop schedule fields of `twin schedule --json`, plus orders, values and the twin plan) or text.
import { performance } from 'node:perf_hooks';
import { InvalidArgumentError } from 'commander';
import {
  describeObjective,
  parseObjective,
  type ObjectiveSpec,
  type ObjectiveValues,
} from '../../../solver/production/objectives.js';
import type { ProductionPlan, ProductionProblem } from '../../../solver/production/problem.js';
import type { ProductionSolveOptions, ProductionSolveResult } from '../../../solver/production/solve.js';
import type { OrderOutcome } from '../../../scenarios/production/plan.js';

export const DEFAULT_PRODUCTION_TIME_LIMIT_S = 1;

export interface ProductionCliOptions {
  objective?: ObjectiveSpec;
  timeLimit?: number;
  seed?: number;
  iterations?: number;
}

/** commander parser for `--objective`. */
export function objectiveOption(value: string): ObjectiveSpec {
  const parsed = parseObjective(value);
  if (!parsed.ok) throw new InvalidArgumentError(`--objective ${parsed.reason}`);
  return parsed.spec;
}

export function solveOptions(options: ProductionCliOptions): ProductionSolveOptions {
  const timeLimitS =
    options.timeLimit ?? (options.iterations === undefined ? DEFAULT_PRODUCTION_TIME_LIMIT_S : undefined);
  return {
    seed: options.seed ?? 1,
    clock: () => performance.now(),
    ...(options.objective && { objective: options.objective }),
    ...(timeLimitS !== undefined && { timeBudgetMs: timeLimitS * 1000 }),
    ...(options.iterations !== undefined && { maxIterations: options.iterations }),
  };
}

export function scheduleJson(problem: ProductionProblem, plan: ProductionPlan) {
  return plan.operations.map((e) => ({
    job: e.job,
    op: e.op,
    order: problem.jobs[e.job]!.id,
    operation: problem.jobs[e.job]!.operations[e.op]!.id,
    machine: problem.machines[e.machine]!.id,
    station: e.station,
    setupStart: e.setupStart,
    start: e.start,
    end: e.end,
    pinned: problem.jobs[e.job]!.operations[e.op]!.pin?.reason ?? null,
  }));
}

export function resultJson(result: ProductionSolveResult, objective: ObjectiveSpec | undefined) {
  return {
    makespan: result.values.makespan,
    values: result.values,
    objective: objective ? describeObjective(objective) : 'default',
    seed: result.seed,
    iterations: result.iterations,
    startedFrom: result.startedFrom,
    firstFeasibleS: result.firstFeasibleMs / 1000,
    timeToBestS: result.timeToBestMs / 1000,
    elapsedS: result.elapsedMs / 1000,
    ...(result.milp && { milp: result.milp }),
  };
}

export function renderMilp(m: NonNullable<ProductionSolveResult['milp']>): string {
  return (
    `  MILP neighbourhoods ${m.neighbourhoods} solved (${m.optimal} proven optimal, ${m.timeLimited} at the ` +
    `time limit), ${m.improvements} improved the plan`
  );
}

const hours = (s: number) => `${(s / 3600).toFixed(1)} h`;

export function renderValues(v: ObjectiveValues): string[] {
  return [
    `  makespan            ${hours(v.makespan)} (${v.makespan.toFixed(0)} s after the start)`,
    `  weighted tardiness  ${hours(v.weightedTardiness)}`,
    `  late orders         ${v.lateOrders}`,
  ];
}

export function renderLateOrders(orders: readonly OrderOutcome[], limit = 10): string[] {
  const late = orders.filter((o) => o.late).sort((a, b) => b.lateness! - a.lateness!);
  return late
    .slice(0, limit)
    .map((o) => `    ${o.order}  ${hours(o.lateness!)} late (due ${o.due} s, ends ${o.end.toFixed(0)} s)`);
}
