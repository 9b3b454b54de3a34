// A twin Plan read against the compiled factory model (solver/des/factory/build.ts): each assignment's order,
// routing index, machine and alternative, its times in simulated seconds and the work it must contain. What
// cannot be read is reported, not thrown: the plan checker and the explanations both start here.

import { TwinError } from '../../twin/errors.js';
import type { FactoryModel } from '../../twin/schema/factory.js';
import type { Order } from '../../twin/schema/order.js';
import type { Plan } from '../../twin/schema/plan.js';
import { instantToSimTime } from '../../twin/schema/time.js';
import { buildFactory } from '../des/factory/build.js';
import type { CAlternative, CMachine, CompiledModel, COrder } from '../des/factory/compiled.js';

export interface PlanModelInput {
  model: FactoryModel;
  orders: readonly Order[];
  /** Wall-clock time of simulated second 0 (the scenario's start). */
  startMs: number;
  plan: Plan;
  timezone?: string;
}

/** One readable assignment; times in simulated seconds (plan time + the plan epoch's offset). */
export interface ResolvedAssignment {
  index: number;
  order: COrder;
  /** Routing index of the operation. */
  op: number;
  machine: number;
  alt: CAlternative;
  startS: number;
  endS: number;
  setupS: number;
  /** Where the setup starts: setupS of available time counted back from the start (−Infinity: no room). */
  setupStartS: number;
  /** Expected work of the operation (mean × units, or per lot); NaN for an operation already running. */
  workS: number;
}

export interface ReadProblem {
  kind: 'unknown' | 'ineligible' | 'duplicate' | 'duration';
  index: number;
  message: string;
  order?: string;
  operation?: string;
  machine?: string;
}

export interface ResolvedPlan {
  compiled: CompiledModel;
  /** Plan seconds + shift = simulated seconds. */
  shiftS: number;
  rows: ResolvedAssignment[];
  /** Per order index, per routing index: the row (index into rows), −1 when not planned. */
  byOrder: Int32Array[];
  problems: ReadProblem[];
}

/** Slack after the plan's last operation (or the last release or due date) that runs and calendars cover. */
export const PLAN_SLACK_S = 7 * 86_400;

/**
 * A horizon that covers the plan, every release and due date, plus `slackS`: shorter than the simulation's
 * default (four weeks of slack), which matters because expanding calendars is a good part of building a run.
 */
export function planHorizonS(input: PlanModelInput, slackS = PLAN_SLACK_S): number {
  const shiftS = (input.plan.epochMs - input.startMs) / 1000;
  let latest = latestOrderInstantS(input.orders, input.startMs);
  for (const a of input.plan.assignments)
    if (Number.isFinite(a.endS)) latest = Math.max(latest, a.endS + shiftS);
  return latest + slackS;
}

/** The latest release or due date of the orders in simulated seconds (0 when none is later; unreadable skipped). */
export function latestOrderInstantS(orders: readonly Order[], startMs: number): number {
  let latest = 0;
  for (const o of orders)
    for (const instant of [o.release, o.due]) {
      const s = instant === undefined ? NaN : instantToSimTime(instant, startMs);
      if (s > latest) latest = s;
    }
  return latest;
}

/** Compile the model over a horizon that covers the plan, so calendars reach its last operation. */
function compileForPlan(input: PlanModelInput): CompiledModel {
  return buildFactory({
    model: input.model,
    orders: input.orders,
    startMs: input.startMs,
    timezone: input.timezone,
    horizonS: planHorizonS(input),
  });
}

const label = (i: number) => `plan assignment ${i}`;

export function resolvePlan(
  input: PlanModelInput,
  compiled: CompiledModel = compileForPlan(input),
): ResolvedPlan {
  const shiftS = (input.plan.epochMs - input.startMs) / 1000;
  const orders = new Map(compiled.orders.map((o) => [o.id, o]));
  const machines = new Map(compiled.machines.map((m) => [m.id, m.index]));
  const byOrder = compiled.orders.map((o) => new Int32Array(o.product.routing.length).fill(-1));
  const rows: ResolvedAssignment[] = [];
  const problems: ReadProblem[] = [];
  input.plan.assignments.forEach((a, i) => {
    const ids = { order: a.order as string, operation: a.operation as string, machine: a.machine as string };
    const order = orders.get(a.order);
    const k = order ? order.product.routing.findIndex((op) => op.id === a.operation) : -1;
    const machine = machines.get(a.machine);
    if (!order || k < 0 || machine === undefined) {
      const what = !order
        ? `unknown order "${a.order}"`
        : k < 0
          ? `order "${a.order}" (product "${order.product.id}") has no operation "${a.operation}"`
          : `unknown machine "${a.machine}"`;
      problems.push({ kind: 'unknown', index: i, message: `${label(i)}: ${what}`, ...ids });
      return;
    }
    const alt = order.product.routing[k]!.alternatives.find((x) => x.machine === machine);
    if (!alt) {
      const message = `${label(i)}: operation "${a.operation}" of order "${a.order}" cannot run on machine "${a.machine}"`;
      problems.push({ kind: 'ineligible', index: i, message, ...ids });
      return;
    }
    if (byOrder[order.index]![k]! >= 0) {
      const first = rows[byOrder[order.index]![k]!]!.index;
      const message = `${label(i)}: order "${a.order}", operation "${a.operation}" is planned twice (also assignment ${first})`;
      problems.push({ kind: 'duplicate', index: i, message, ...ids });
      return;
    }
    if (!Number.isFinite(a.startS) || !Number.isFinite(a.endS) || a.endS < a.startS) {
      const message = `${label(i)}: ${a.order}/${a.operation} has start ${a.startS} and end ${a.endS}`;
      problems.push({ kind: 'duration', index: i, message, ...ids });
      return;
    }
    const startS = a.startS + shiftS;
    const setupS = a.setupS ?? 0;
    const running = order.resume !== undefined && order.resume.op === k;
    byOrder[order.index]![k] = rows.length;
    rows.push({
      index: i,
      order,
      op: k,
      machine,
      alt,
      startS,
      endS: a.endS + shiftS,
      setupS,
      setupStartS: compiled.machines[machine]!.available.retreatWorking(startS, setupS),
      workS: running ? NaN : alt.meanS * (alt.perUnit ? order.units : 1),
    });
  });
  return { compiled, shiftS, rows, byOrder, problems };
}

/** What keeps a machine closed at `at` (when it is): downtime, else maintenance, else its calendar. */
export function closedBy(machine: CMachine, at: number): 'downtime' | 'maintenance' | 'calendar' {
  if (machine.downtime.isOpen(at)) return 'downtime';
  if (machine.maintenance.isOpen(at)) return 'maintenance';
  return 'calendar';
}

/** Build errors (unknown references in the model itself) as a message, for callers that report, not throw. */
export function modelError(e: unknown): string {
  if (e instanceof TwinError) return e.message;
  throw e;
}
