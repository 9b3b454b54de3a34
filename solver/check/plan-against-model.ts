// The plan checker for twin Plans: does a plan respect the hard constraints of the factory model itself —
// eligible machines, route order with minimum and maximum lags, releases, work inside available time (calendar
// minus maintenance minus downtime, pausing over the rest as the simulation does), machine capacity, setups,
// batches and operators (skills, shifts, one operation at a time)?
// It follows the semantics of solver/des/factory/README.md, so a plan it accepts is one the simulation can
// follow as planned when every time is its mean.

import {
  closedBy,
  modelError,
  resolvePlan,
  type PlanModelInput,
  type ResolvedPlan,
} from './plan-model-resolve.js';
import { checkBatches } from './plan-model-batches.js';
import { checkMachineUse } from './plan-model-machines.js';
import { checkOperators } from './plan-operators.js';
import { t } from './names.js';
import { isBefore } from './time.js';

export type { PlanModelInput } from './plan-model-resolve.js';

export type PlanViolationKind =
  /** The model itself cannot be compiled (an unknown reference) or an operation has no open machine. */
  | 'model'
  /** The plan names an order, operation or machine the model does not have. */
  | 'unknown'
  /** The machine is not one of the operation's alternatives. */
  | 'ineligible'
  | 'duplicate'
  /** An operation some order still needs is not in the plan. */
  | 'missing'
  /** Times not finite, end before start, or less available time between start and end than the work. */
  | 'duration'
  /** An operation (its setup) starts before the previous one of its order ends plus its minimum lag. */
  | 'precedence'
  /** The first operation (its setup) starts before the order's release. */
  | 'release'
  /** More operations at once on a machine than its capacity (a batch counts once). */
  | 'overlap'
  /** The planned setup is shorter than the setup matrix requires after the previous family. */
  | 'setup'
  /** An operation starts while its machine is closed, or its setup does not fit in available time. */
  | 'unavailable'
  /** Operators (plan-operators.ts): none named where the operation needs one, an unknown id, a missing
   * skill, off shift while the machine works, two operations holding one operator at once. */
  | 'operatorMissing'
  | 'operatorUnknown'
  | 'operatorSkill'
  | 'operatorShift'
  | 'operatorOverlap'
  /** An operation starts (after its setup) later than its maximum lag after the previous one of its order. */
  | 'maxLag'
  /** Members of one batch do not share start, end and setup. */
  | 'batchTimes'
  /** A batch mixes batch families (or setup families), or holds an operation without a batch family. */
  | 'batchFamily'
  /** A batch holds more units than its machine's `maxUnits`. */
  | 'batchCapacity';

export interface PlanViolation {
  kind: PlanViolationKind;
  message: string;
  /** Indices into plan.assignments. */
  assignments: number[];
  order?: string;
  operation?: string;
  machine?: string;
}

export interface PlanCheckResult {
  ok: boolean;
  violations: PlanViolation[];
}

/**
 * Work may fall short of the expected work by 1 ms plus 1 ppm: means of truncated distributions carry
 * digits (a normal truncated at 0 has a mean a hair above its `mean`) that schedulers round away.
 */
function workTolerance(workS: number): number {
  return 1e-3 + 1e-6 * workS;
}

const CLOSED_BY = {
  downtime: 'a downtime window',
  maintenance: 'a maintenance window',
  calendar: 'its calendar (closed)',
} as const;

function checkOrders(resolved: ResolvedPlan, out: PlanViolation[]): void {
  const { rows, byOrder, compiled, shiftS } = resolved;
  for (const order of compiled.orders) {
    const routing = order.product.routing;
    const planned = byOrder[order.index]!;
    for (let k = order.firstOp; k < routing.length; k++) {
      const id = { order: order.id, operation: routing[k]!.id };
      const r = planned[k]!;
      if (r < 0) {
        if (order.resume?.op === k) continue; // running: it goes on where it is
        out.push({
          kind: 'missing',
          message: `${order.id}/${routing[k]!.id} is not in the plan`,
          assignments: [],
          ...id,
        });
        continue;
      }
      const row = rows[r]!;
      const ids = { ...id, machine: compiled.machines[row.machine]!.id, assignments: [row.index] };
      const plan = (s: number) => t(s - shiftS);
      if (row.order.resume?.op === k) continue; // running before second 0: no release, lag or duration to meet
      const prev = k > order.firstOp ? planned[k - 1]! : -1;
      if (k === order.firstOp && isBefore(row.setupStartS, order.releaseS)) {
        const message = `${order.id}/${routing[k]!.id} starts (setup included) at ${plan(row.setupStartS)}, before the order's release at ${plan(order.releaseS)}`;
        out.push({ kind: 'release', message, ...ids });
      }
      if (prev >= 0) {
        const before = rows[prev]!;
        const ready = before.endS + routing[k]!.minLagS;
        if (isBefore(row.setupStartS, ready)) {
          const lag = routing[k]!.minLagS > 0 ? ` plus its minimum lag of ${t(routing[k]!.minLagS)} s` : '';
          const message = `${order.id}/${routing[k]!.id} starts (setup included) at ${plan(row.setupStartS)}, before ${order.id}/${routing[k - 1]!.id} ends at ${plan(before.endS)}${lag}`;
          out.push({ kind: 'precedence', ...ids, assignments: [before.index, row.index], message });
        }
        const maxLag = routing[k]!.maxLagS;
        if (isBefore(before.endS + maxLag, row.startS)) {
          const message = `${order.id}/${routing[k]!.id} starts at ${plan(row.startS)}, ${t(row.startS - before.endS)} s after ${order.id}/${routing[k - 1]!.id} ends at ${plan(before.endS)}: more than its maximum lag of ${t(maxLag)} s`;
          out.push({ kind: 'maxLag', ...ids, assignments: [before.index, row.index], message });
        }
      }
      const m = compiled.machines[row.machine]!;
      if (!m.available.isOpen(row.startS) && row.workS > 0) {
        const message = `${order.id}/${routing[k]!.id} starts at ${plan(row.startS)} on ${m.id}, which is closed then by ${CLOSED_BY[closedBy(m, row.startS)]}`;
        out.push({ kind: 'unavailable', message, ...ids });
      } else if (row.setupStartS === -Infinity) {
        const message = `${order.id}/${routing[k]!.id}: its setup of ${t(row.setupS)} s does not fit in ${m.id}'s available time before ${plan(row.startS)}`;
        out.push({ kind: 'unavailable', message, ...ids });
      }
      const open = m.available.openTimeBetween(row.startS, row.endS);
      if (open < row.workS - workTolerance(row.workS)) {
        const message = `${order.id}/${routing[k]!.id} on ${m.id} needs ${t(row.workS)} s of work but has ${t(open)} s of available time between ${plan(row.startS)} and ${plan(row.endS)}`;
        out.push({ kind: 'duration', message, ...ids });
      }
    }
  }
}

/**
 * Check a plan against the model and its order book; every violation is listed with the ids involved.
 * Setups are attached (they start once the lot is at the machine, as in the simulation) and counted back
 * through available time from the planned start. Setup sequences are checked on single-station machines.
 */
export function checkPlanAgainstModel(input: PlanModelInput): PlanCheckResult {
  let resolved: ResolvedPlan;
  try {
    resolved = resolvePlan(input);
  } catch (e) {
    return { ok: false, violations: [{ kind: 'model', message: modelError(e), assignments: [] }] };
  }
  const violations: PlanViolation[] = resolved.problems.map((p) => ({
    kind: p.kind,
    message: p.message,
    assignments: [p.index],
    ...(p.order !== undefined && { order: p.order }),
    ...(p.operation !== undefined && { operation: p.operation }),
    ...(p.machine !== undefined && { machine: p.machine }),
  }));
  checkOrders(resolved, violations);
  checkMachineUse(resolved, input.plan, violations);
  checkBatches(resolved, input.plan, violations);
  checkOperators(resolved, input, violations);
  return { ok: violations.length === 0, violations };
}
