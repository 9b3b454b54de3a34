import { TwinError } from '../../../twin/errors.js';
import type { Plan } from '../../../twin/schema/plan.js';
import type { CompiledModel } from './compiled.js';

/**
 * A plan compiled for following: per machine, its assignments in plan order (by planned start, then by batch
 * group, then by their place in the plan). The machine takes them in that sequence and, unless early starts are allowed, not
 * before the planned start of their setup. Alternatives are fixed by the plan.
 */
export interface PlanIndex {
  readonly count: number;
  readonly order: Int32Array;
  readonly op: Int32Array;
  readonly machine: Int32Array;
  /** Planned start of the setup (setupS of available time before the start), in simulated seconds. */
  readonly notBefore: Float64Array;
  /** Assignments that run together on a batch machine share a group (same `batch` id, else same start). */
  readonly group: Int32Array;
  /** 1 for assignments that will never be taken: the operation was done or running before second 0. */
  readonly skip: Uint8Array;
  readonly sequences: Int32Array[];
  /** Per order, per routing index: the assignment, −1 when the plan leaves it out. */
  readonly byOrder: Int32Array[];
}

const where = (i: number) => `plan assignment ${i}`;

/** Index a plan against the compiled model; an assignment that names something impossible throws. */
export function compilePlan(plan: Plan, model: CompiledModel): PlanIndex {
  const orders = new Map(model.orders.map((o) => [o.id, o]));
  const list = plan.assignments;
  const n = list.length;
  const index: PlanIndex = {
    count: n,
    order: new Int32Array(n),
    op: new Int32Array(n),
    machine: new Int32Array(n),
    notBefore: new Float64Array(n),
    group: new Int32Array(n),
    skip: new Uint8Array(n),
    sequences: [],
    byOrder: model.orders.map((o) => new Int32Array(o.product.routing.length).fill(-1)),
  };
  // Plan times count from the plan's epoch; the simulation's from its own start.
  const shift = (plan.epochMs - model.startMs) / 1000;
  const groups = new Map<string, number>();
  list.forEach((a, i) => {
    const order = orders.get(a.order);
    if (!order) throw new TwinError('TWIN_E_UNKNOWN_REFERENCE', `${where(i)}: unknown order "${a.order}"`);
    const k = order.product.routing.findIndex((op) => op.id === a.operation);
    if (k < 0)
      throw new TwinError(
        'TWIN_E_UNKNOWN_REFERENCE',
        `${where(i)}: order "${a.order}" (product "${order.product.id}") has no operation "${a.operation}"`,
      );
    const alt = order.product.routing[k]!.alternatives.find(
      (x) => model.machines[x.machine]!.id === a.machine,
    );
    if (!alt)
      throw new TwinError(
        'TWIN_E_INCONSISTENT',
        `${where(i)}: operation "${a.operation}" of order "${a.order}" cannot run on machine "${a.machine}"`,
      );
    if (index.byOrder[order.index]![k]! >= 0)
      throw new TwinError(
        'TWIN_E_DUPLICATE_ID',
        `${where(i)}: order "${a.order}", operation "${a.operation}" is planned twice`,
      );
    index.byOrder[order.index]![k] = i;
    index.order[i] = order.index;
    index.op[i] = k;
    index.machine[i] = alt.machine;
    // The setup's planned start: its work counted back from the planned start through available time.
    const start = a.startS + shift;
    const setupStart = model.machines[alt.machine]!.available.retreatWorking(start, a.setupS ?? 0);
    index.notBefore[i] = setupStart > -Infinity ? setupStart : start - (a.setupS ?? 0);
    const key = `${alt.machine}|${a.batch === undefined ? `@${a.startS}` : `#${a.batch}`}`;
    if (!groups.has(key)) groups.set(key, groups.size);
    index.group[i] = groups.get(key)!;
    const runningBefore = order.resume !== undefined && order.resume.op === k;
    if (k < order.firstOp || runningBefore) index.skip[i] = 1;
  });
  for (let m = 0; m < model.machines.length; m++) {
    const mine: number[] = [];
    for (let i = 0; i < n; i++) if (index.machine[i] === m && !index.skip[i]) mine.push(i);
    // A batch's members stay together even when another group on the machine starts at the same time.
    mine.sort((a, b) => list[a]!.startS - list[b]!.startS || index.group[a]! - index.group[b]! || a - b);
    index.sequences.push(Int32Array.from(mine));
  }
  return index;
}

/** The machine the plan gives an operation, −1 when the plan leaves it out. */
export function plannedMachine(plan: PlanIndex, order: number, op: number): number {
  const a = plan.byOrder[order]![op]!;
  return a >= 0 ? plan.machine[a]! : -1;
}
