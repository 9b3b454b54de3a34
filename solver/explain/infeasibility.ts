// Why a request cannot be planned (or cannot be planned on time): conflicts between constraints, each named
// with the ids involved. Works on the raw model and order book, so it also explains what the simulation and
// the scheduler refuse to compile (an operation whose machines were all removed by a what-if edit).

import type { OpenIntervals } from '../../twin/calendar-intervals.js';
import { machineAvailability } from '../../twin/machine-availability.js';
import { distributionMean } from '../../twin/distribution-stats.js';
import type { FactoryModel } from '../../twin/schema/factory.js';
import type { Machine } from '../../twin/schema/machine.js';
import type { Order } from '../../twin/schema/order.js';
import { instantToSimTime } from '../../twin/schema/time.js';
import { latestOrderInstantS } from '../check/plan-model-resolve.js';
import { DEFAULT_SLACK_S } from '../des/factory/build.js';
import { duration } from './format.js';

export type ConflictKind =
  /** The order's product is not in the model. */
  | 'unknown-product'
  /** An operation none of whose machines is in the model any more. */
  | 'no-machine'
  /** An operation whose machines exist but have no available time in the horizon. */
  | 'no-open-machine'
  /** A machine with no available time in the horizon (calendar, maintenance, downtime). */
  | 'machine-never-open'
  | 'due-before-release'
  /** Release + the least work the routing needs, through available time, ends after the due date. */
  | 'due-unreachable';

/** infeasible: no plan can include the order; late: it can be planned but not on time; warning: worth a look. */
export type ConflictSeverity = 'infeasible' | 'late' | 'warning';

export interface Conflict {
  kind: ConflictKind;
  severity: ConflictSeverity;
  message: string;
  order?: string;
  product?: string;
  operation?: string;
  machines?: string[];
  /** Seconds after the start. */
  releaseS?: number;
  dueS?: number;
  lowerBoundS?: number;
}

export interface InfeasibilityInput {
  model: FactoryModel;
  orders: readonly Order[];
  startMs: number;
  horizonS?: number;
  timezone?: string;
}

export interface InfeasibilityReport {
  /** No conflict of severity `infeasible`. */
  feasible: boolean;
  conflicts: Conflict[];
}

const SEVERITY: Record<ConflictKind, ConflictSeverity> = {
  'unknown-product': 'infeasible',
  'no-machine': 'infeasible',
  'no-open-machine': 'infeasible',
  'machine-never-open': 'warning',
  'due-before-release': 'late',
  'due-unreachable': 'late',
};

function secondsOf(instant: Order['due'], startMs: number): number | undefined {
  if (instant === undefined) return undefined;
  const s = instantToSimTime(instant, startMs);
  return Number.isNaN(s) ? undefined : s;
}

function horizonOf(input: InfeasibilityInput): number {
  return input.horizonS ?? latestOrderInstantS(input.orders, input.startMs) + DEFAULT_SLACK_S;
}

/** Available time per machine: calendar (machine's, else the site's, else always) minus its windows. */
function availability(input: InfeasibilityInput, horizonS: number): Map<string, OpenIntervals> {
  const { model, startMs } = input;
  const timeZone = input.timezone ?? model.site.timezone ?? 'UTC';
  const calendars = new Map((model.calendars ?? []).map((c) => [c.id as string, c]));
  const out = new Map<string, OpenIntervals>();
  for (const m of model.machines as Machine[]) {
    // Lenient: this explains bad requests, so it reads past an unknown calendar or an unreadable window.
    const options = { startMs, horizonS, timeZone, lenient: true };
    out.set(m.id, machineAvailability(m, model.site, calendars, options).available);
  }
  return out;
}

/** Every conflict in the request, in order-book order, then the machines that never open. */
export function findConflicts(input: InfeasibilityInput): InfeasibilityReport {
  const { model, startMs } = input;
  const horizonS = horizonOf(input);
  const open = availability(input, horizonS);
  const products = new Map(model.products.map((p) => [p.id as string, p]));
  const conflicts: Conflict[] = [];
  const add = (c: Omit<Conflict, 'severity'>) => conflicts.push({ ...c, severity: SEVERITY[c.kind] });
  for (const order of input.orders) {
    const product = products.get(order.product);
    if (!product) {
      add({
        kind: 'unknown-product',
        order: order.id,
        product: order.product,
        message: `order ${order.id} asks for product ${order.product}, which the model does not have`,
      });
      continue;
    }
    const releaseS = Math.max(0, secondsOf(order.release, startMs) ?? 0);
    const dueS = secondsOf(order.due, startMs);
    if (dueS !== undefined && dueS < releaseS)
      add({
        kind: 'due-before-release',
        order: order.id,
        releaseS,
        dueS,
        message: `order ${order.id} is due (${dueS} s) before it is released (${releaseS} s)`,
      });
    const done = new Set(
      (order.progress ?? []).filter((p) => p.status === 'done').map((p) => p.operation as string),
    );
    let t = releaseS; // earliest end of the routing so far: no contention, no setups, no transport
    for (const [k, op] of product.routing.entries()) {
      if (done.has(op.id)) continue;
      const machines = op.alternatives.map((a) => a.machine as string);
      const ids = { order: order.id, product: product.id, operation: op.id, machines };
      const usable = op.alternatives.filter((a) => open.has(a.machine));
      if (usable.length === 0) {
        add({
          kind: 'no-machine',
          ...ids,
          message: `order ${order.id}: operation ${op.id} of ${product.id} runs only on ${machines.join(', ')}, and the model has none of them`,
        });
        t = NaN;
        continue;
      }
      if (usable.every((a) => open.get(a.machine)!.total === 0)) {
        add({
          kind: 'no-open-machine',
          ...ids,
          message: `order ${order.id}: operation ${op.id} of ${product.id} runs only on ${machines.join(', ')}, which ${machines.length > 1 ? 'have' : 'has'} no available time before the horizon`,
        });
        t = NaN;
        continue;
      }
      if (k > 0) t += op.minLagS ?? 0;
      let best = Infinity;
      for (const a of usable) {
        const work = distributionMean(a.time) * ((a.per ?? 'unit') === 'unit' ? order.quantity : 1);
        best = Math.min(best, open.get(a.machine)!.advanceWorking(t, work));
      }
      t = best;
    }
    if (dueS !== undefined && dueS >= releaseS && t > dueS)
      add({
        kind: 'due-unreachable',
        order: order.id,
        releaseS,
        dueS,
        lowerBoundS: t,
        message: `order ${order.id} cannot be finished by its due date: released at ${releaseS} s, its operations need at least until ${Number.isFinite(t) ? `${Math.round(t)} s` : 'after the horizon'} on their fastest machines' available time (due ${dueS} s, ${Number.isFinite(t) ? `${duration(t - dueS)} short` : 'out of reach'})`,
      });
  }
  for (const m of model.machines) {
    if (open.get(m.id)!.total > 0) continue;
    add({
      kind: 'machine-never-open',
      machines: [m.id],
      message: `machine ${m.id} has no available time before the horizon (${horizonS} s): check its calendar, maintenance and downtime`,
    });
  }
  return { feasible: !conflicts.some((c) => c.severity === 'infeasible'), conflicts };
}
