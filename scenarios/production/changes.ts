// What a new plan version changed against the one in force: operations moved beyond the tolerance or to
// another machine, and orders that became late or on time.
import type { Plan } from '../../twin/schema/plan.js';
import { instantToSimTime } from '../../twin/schema/time.js';
import type { StabilityReference } from '../../solver/production/objectives.js';
import type { ProductionPlan, ProductionProblem } from '../../solver/production/problem.js';
import type { Scenario } from '../schema.js';
import type { OrderOutcome } from './plan.js';

export interface MovedOperation {
  order: string;
  operation: string;
  machineBefore: string;
  machineAfter: string;
  startBefore: number;
  startAfter: number;
}

export interface PlanChanges {
  /** Operations of both plans whose start moved by more than the tolerance or whose machine changed. */
  moved: MovedOperation[];
  movedCount: number;
  machineChanges: number;
  /** Operations the previous plan did not have (a rush order). */
  added: number;
  frozen: number;
  newlyLate: string[];
  newlyOnTime: string[];
  toleranceS: number;
}

export function describeChanges(
  problem: ProductionProblem,
  plan: ProductionPlan,
  reference: StabilityReference,
  previous: Plan,
  scenarioBefore: Scenario,
  after: readonly OrderOutcome[],
): PlanChanges {
  const startMs = Date.parse(scenarioBefore.start);
  const first: number[] = [];
  let g = 0;
  for (const job of problem.jobs) {
    first.push(g);
    g += job.operations.length;
  }
  const moved: MovedOperation[] = [];
  let machineChanges = 0;
  let added = 0;
  let frozen = 0;
  for (const e of plan.operations) {
    const o = first[e.job]! + e.op;
    const job = problem.jobs[e.job]!;
    const op = job.operations[e.op]!;
    if (op.pin) frozen++;
    const before = reference.start[o]!;
    if (Number.isNaN(before)) {
      added++;
      continue;
    }
    const machineBefore = reference.machine[o]!;
    const changed = machineBefore !== e.machine;
    if (changed) machineChanges++;
    if (changed || Math.abs(e.start - before) > reference.toleranceS)
      moved.push({
        order: job.id,
        operation: op.id,
        machineBefore: problem.machines[machineBefore]?.id ?? '?',
        machineAfter: problem.machines[e.machine]!.id,
        startBefore: before,
        startAfter: e.start,
      });
  }
  // Lateness in force: the previous plan's end of each order against its due date before the event.
  const shift = (previous.epochMs - startMs) / 1000;
  const endBefore = new Map<string, number>();
  for (const a of previous.assignments)
    endBefore.set(a.order, Math.max(endBefore.get(a.order) ?? -Infinity, a.endS + shift));
  const dueBefore = new Map(
    scenarioBefore.orders.map((o) => [
      o.id as string,
      o.due === undefined ? Infinity : instantToSimTime(o.due, startMs),
    ]),
  );
  const newlyLate: string[] = [];
  const newlyOnTime: string[] = [];
  for (const outcome of after) {
    const end = endBefore.get(outcome.order);
    const due = dueBefore.get(outcome.order);
    if (end === undefined || due === undefined) continue;
    const wasLate = end > due + 1e-6;
    if (outcome.late && !wasLate) newlyLate.push(outcome.order);
    if (!outcome.late && wasLate) newlyOnTime.push(outcome.order);
  }
  return {
    moved,
    movedCount: moved.length,
    machineChanges,
    added,
    frozen,
    newlyLate,
    newlyOnTime,
    toleranceS: reference.toleranceS,
  };
}
