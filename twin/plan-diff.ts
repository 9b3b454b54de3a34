import type { Assignment, Plan } from './schema/plan.js';

export interface PlanChange {
  order: string;
  operation: string;
  kind: 'moved' | 'machineChanged' | 'added' | 'removed';
  from?: { machine: string; startS: number };
  to?: { machine: string; startS: number };
}

export interface PlanDiff {
  from: { id: string; version: number };
  to: { id: string; version: number };
  /** Operations whose start moved by more than the tolerance, machine unchanged. */
  moved: number;
  machineChanged: number;
  added: number;
  removed: number;
  unchanged: number;
  changes: PlanChange[];
}

const key = (a: Pick<Assignment, 'order' | 'operation'>): string => `${a.order}\u0000${a.operation}`;

/**
 * What changed from plan `a` to plan `b`, operation by operation. Starts are compared in wall-clock time (the
 * plans' epochs may differ), with a tolerance in seconds.
 */
export function diffPlans(a: Readonly<Plan>, b: Readonly<Plan>, toleranceS = 1): PlanDiff {
  const before = new Map(a.assignments.map((x) => [key(x), x]));
  const shiftS = (b.epochMs - a.epochMs) / 1000;
  const changes: PlanChange[] = [];
  let unchanged = 0;
  for (const y of b.assignments) {
    const x = before.get(key(y));
    before.delete(key(y));
    const to = { machine: y.machine as string, startS: y.startS };
    if (!x) {
      changes.push({ order: y.order, operation: y.operation, kind: 'added', to });
      continue;
    }
    const from = { machine: x.machine as string, startS: x.startS - shiftS };
    if (x.machine !== y.machine) {
      changes.push({ order: y.order, operation: y.operation, kind: 'machineChanged', from, to });
    } else if (Math.abs(from.startS - y.startS) > toleranceS) {
      changes.push({ order: y.order, operation: y.operation, kind: 'moved', from, to });
    } else unchanged++;
  }
  for (const x of before.values()) {
    changes.push({
      order: x.order,
      operation: x.operation,
      kind: 'removed',
      from: { machine: x.machine, startS: x.startS - shiftS },
    });
  }
  const count = (kind: PlanChange['kind']): number => changes.filter((c) => c.kind === kind).length;
  return {
    from: { id: a.id, version: a.version },
    to: { id: b.id, version: b.version },
    moved: count('moved'),
    machineChanged: count('machineChanged'),
    added: count('added'),
    removed: count('removed'),
    unchanged,
    changes,
  };
}
