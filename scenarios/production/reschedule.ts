// A reschedule: the event applied to the scenario, the live state the plan in force implies at the event's
// time, what must not move frozen (running operations, the frozen horizon), the rest repaired from the
// previous sequence under a stability objective, checked, and a new plan version that records its parent,
// its trigger and what it froze, with a report of what changed.
import { TwinError } from '../../twin/errors.js';
import type { Plan } from '../../twin/schema/plan.js';
import { instantToSimTime } from '../../twin/schema/time.js';
import { DEFAULT_REPAIR_OBJECTIVE } from '../../solver/production/objectives.js';
import {
  solveProduction,
  type ProductionSolveOptions,
  type ProductionSolveResult,
} from '../../solver/production/solve.js';
import type { ProductionProblem } from '../../solver/production/problem.js';
import type { Scenario } from '../schema.js';
import { describeChanges, type PlanChanges } from './changes.js';
import { machineOpenTimes } from './machines.js';
import { applyEvent, type RescheduleEvent } from './events.js';
import { orderOutcomes, previousOperations, toTwinPlan, type OrderOutcome } from './plan.js';
import { previousKeys, progressFromPlan, repairStart, stabilityReference } from './repair-start.js';
import { assertValid } from './schedule.js';
import { horizonOf, opKey, scenarioToProductionProblem, type ProblemCalendarCache } from './to-problem.js';

export const DEFAULT_FROZEN_HORIZON_S = 3600;
export const DEFAULT_MOVE_TOLERANCE_S = 60;

export interface RescheduleOptions extends Omit<ProductionSolveOptions, 'start' | 'reference'> {
  frozenHorizonS?: number;
  /** A start that moves by at most this much counts as not moved. */
  toleranceS?: number;
  planId?: string;
  createdAtMs?: number;
  calendarCache?: ProblemCalendarCache;
}

export interface Reschedule {
  problem: ProductionProblem;
  result: ProductionSolveResult;
  plan: Readonly<Plan>;
  changes: PlanChanges;
  orders: OrderOutcome[];
  now: number;
  /** The scenario as the event left it, with the progress at now (the next reschedule starts from it). */
  scenario: Scenario;
}

/** The problem a reschedule solves, with the repair's start and stability reference. */
export function rescheduleProblem(
  scenario: Scenario,
  previous: Plan,
  event: RescheduleEvent,
  options: RescheduleOptions = {},
) {
  const startMs = Date.parse(scenario.start);
  const now = instantToSimTime(event.at, startMs);
  const applied = applyEvent(scenario, event, startMs);
  if (!applied.ok)
    throw new TwinError(
      'TWIN_E_EDIT',
      `event ${event.kind}: ${applied.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      {
        issues: applied.issues,
      },
    );
  const before = previousOperations(previous, startMs);
  const runningEnds = new Map<string, number>();
  if (event.kind === 'operationLate') {
    const key = opKey(event.order, event.operation);
    const planned = before.get(key);
    if (!planned || !(planned.start <= now && now < planned.end + (event.delayS ?? Infinity)))
      throw new TwinError(
        'TWIN_E_INCONSISTENT',
        `event operationLate: ${key} is not running at ${now} s in plan ${previous.id}`,
      );
    runningEnds.set(
      key,
      event.expectedEnd !== undefined
        ? instantToSimTime(event.expectedEnd, startMs)
        : planned.end + event.delayS!,
    );
  }
  const live = progressFromPlan(applied.value, before, now);
  // Work left of the operations under way, measured in the open time the plan in force was made with.
  const calendarCache = options.calendarCache ?? new Map();
  const horizonS = horizonOf(live, startMs, now);
  const openBefore = machineOpenTimes(scenario, { startMs, horizonS, calendarCache });
  const machineIndex = new Map(scenario.machines.map((m, k) => [m.id as string, k]));
  const runningWork = new Map<string, number>();
  for (const [key, p] of before) {
    const k = machineIndex.get(p.machine);
    if (k !== undefined && p.start <= now && now < p.end)
      runningWork.set(key, openBefore[k]!.available.openTimeBetween(now, p.end));
  }
  const { problem, open } = scenarioToProductionProblem(live, {
    now,
    horizonS,
    previous: before,
    frozenHorizonS: options.frozenHorizonS ?? DEFAULT_FROZEN_HORIZON_S,
    runningEnds,
    runningWork,
    calendarCache,
  });
  const reference = stabilityReference(problem, before, options.toleranceS ?? DEFAULT_MOVE_TOLERANCE_S);
  return {
    problem,
    open,
    reference,
    start: repairStart(problem, reference, previousKeys(problem, before)),
    now,
    before,
    scenarioAfter: live,
  };
}

export function rescheduleScenario(
  scenario: Scenario,
  previous: Plan,
  event: RescheduleEvent,
  options: RescheduleOptions = {},
): Reschedule {
  const { problem, open, reference, start, now, scenarioAfter } = rescheduleProblem(
    scenario,
    previous,
    event,
    options,
  );
  const result = solveProduction(problem, {
    ...options,
    objective: options.objective ?? DEFAULT_REPAIR_OBJECTIVE,
    start,
    reference,
  });
  assertValid(problem, result);
  const plan = toTwinPlan(
    problem,
    open,
    result.plan,
    {
      id: options.planId ?? `${previous.id}.${previous.version + 1}`,
      createdAtMs: options.createdAtMs ?? 0,
      epochMs: Date.parse(scenario.start),
      seed: result.seed,
      trigger: { kind: event.kind, detail: describeEvent(event) },
    },
    previous,
  );
  const orders = orderOutcomes(problem, result.plan);
  const changes = describeChanges(problem, result.plan, reference, previous, scenario, orders);
  return { problem, result, plan, changes, orders, now, scenario: scenarioAfter };
}

export function describeEvent(e: RescheduleEvent): string {
  switch (e.kind) {
    case 'machineDown':
      return `machine ${e.machine} down${e.repairS !== undefined ? `, repair ${e.repairS} s` : ''}`;
    case 'machineBack':
      return `machine ${e.machine} back`;
    case 'rushOrder':
      return `rush order ${e.order.id}`;
    case 'dueDateChange':
      return `order ${e.order} due ${e.due}`;
    case 'quantityChange':
      return `order ${e.order} quantity ${e.quantity}`;
    case 'operationLate':
      return `${e.order}/${e.operation} late`;
  }
}
