// Production plans as the twin keeps them (twin/schema/plan.ts): assignments by order, operation and machine
// id, times in seconds after the scenario start, the pinned ones listed as frozen; and back, the plan in
// force as the previous operations a reschedule freezes and measures stability against.
import { createPlan } from '../../twin/plan-lifecycle.js';
import type { PlanId } from '../../twin/schema/ids.js';
import type { Assignment, Plan, PlanTrigger } from '../../twin/schema/plan.js';
import type { OpenIntervals } from '../../twin/calendar-intervals.js';
import { PRODUCTION_ENGINE } from '../../solver/production/solve.js';
import type { ProductionPlan, ProductionProblem } from '../../solver/production/problem.js';
import type { PreviousOperation } from './freeze.js';
import { opKey } from './to-problem.js';

export interface PlanMeta {
  id: string;
  createdAtMs: number;
  epochMs: number;
  seed: number;
  trigger: PlanTrigger;
}

/** Two 32-bit FNV-1a lanes with different offsets over the problem's JSON (BigInt hashing is too slow here). */
export function problemHash(problem: ProductionProblem): string {
  const text = JSON.stringify(problem);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 15);
  }
  const hex = (x: number) => (x >>> 0).toString(16).padStart(8, '0');
  return `fnv1a32x2:${hex(a)}${hex(b)}`;
}

/** A batch group's id from its first operation's global index: `order/operation` of that operation. */
function batchIds(problem: ProductionProblem): (global: number) => string {
  const starts: number[] = [];
  let n = 0;
  for (const job of problem.jobs) {
    starts.push(n);
    n += job.operations.length;
  }
  return (global) => {
    let j = starts.length - 1;
    while (j > 0 && starts[j]! > global) j--;
    const job = problem.jobs[j]!;
    return `${job.id}/${job.operations[global - starts[j]!]?.id ?? global}`;
  };
}

export function toTwinPlan(
  problem: ProductionProblem,
  open: readonly OpenIntervals[],
  plan: ProductionPlan,
  meta: PlanMeta,
  parent?: Readonly<Plan>,
): Readonly<Plan> {
  const frozen: number[] = [];
  const batchId = batchIds(problem);
  const assignments = plan.operations.map((e, i): Assignment => {
    const job = problem.jobs[e.job]!;
    const op = job.operations[e.op]!;
    if (op.pin) frozen.push(i);
    const machine = problem.machines[e.machine]!;
    const setupS = machine.mayPause
      ? open[e.machine]!.openTimeBetween(e.setupStart, e.start)
      : e.start - e.setupStart;
    return {
      order: job.id as Assignment['order'],
      operation: op.id as Assignment['operation'],
      machine: machine.id as Assignment['machine'],
      startS: e.start,
      endS: e.end,
      ...(setupS > 0 && { setupS }),
      ...(e.operator !== undefined && {
        operator: problem.operators![e.operator]!.id as Assignment['operator'],
      }),
      ...(e.batch !== undefined && { batch: `${machine.id}:${batchId(e.batch)}` }),
      ...(e.rank !== undefined && !op.pin && { rank: e.rank }),
    };
  });
  return createPlan(
    {
      id: meta.id as PlanId,
      trigger: meta.trigger,
      createdAtMs: meta.createdAtMs,
      epochMs: meta.epochMs,
      seed: meta.seed,
      inputHash: problemHash(problem),
      engine: PRODUCTION_ENGINE,
      assignments,
      frozen,
    },
    parent,
  );
}

/** The plan's operations by `order/operation`, times shifted to seconds after `epochMs`. */
export function previousOperations(plan: Plan, epochMs: number): Map<string, PreviousOperation> {
  const shift = (plan.epochMs - epochMs) / 1000;
  const out = new Map<string, PreviousOperation>();
  for (const a of plan.assignments)
    out.set(opKey(a.order, a.operation), {
      machine: a.machine,
      start: a.startS + shift,
      end: a.endS + shift,
      ...(a.operator !== undefined && { operator: a.operator }),
      ...(a.batch !== undefined && { batch: a.batch }),
      ...(a.rank !== undefined && { rank: a.rank }),
    });
  return out;
}

export interface OrderOutcome {
  order: string;
  due: number | null;
  end: number;
  /** end − due (negative: early); null without a due date. */
  lateness: number | null;
  late: boolean;
}

/** Per order with work left: when it ends against its due date. */
export function orderOutcomes(problem: ProductionProblem, plan: ProductionPlan): OrderOutcome[] {
  const ends = new Float64Array(problem.jobs.length).fill(-1);
  for (const e of plan.operations) ends[e.job] = Math.max(ends[e.job]!, e.end);
  const out: OrderOutcome[] = [];
  problem.jobs.forEach((job, j) => {
    if (ends[j]! < 0) return;
    const due = job.due ?? null;
    const lateness = due === null ? null : ends[j]! - due;
    out.push({ order: job.id, due, end: ends[j]!, lateness, late: lateness !== null && lateness > 1e-6 });
  });
  return out;
}
