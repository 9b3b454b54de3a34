// What held an operation of a plan back: the constraint that set the moment its work (setup included) began.

import { closedBy, type ResolvedAssignment, type ResolvedPlan } from '../check/plan-model-resolve.js';

export const CAUSE_KINDS = [
  'predecessor',
  'machine',
  'downtime',
  'maintenance',
  'calendar',
  'release',
  'transport',
  'running',
  'plan',
] as const;
/**
 * predecessor: the order's previous operation ended then (plus its minimum lag); machine: the previous
 * operation on the machine ended then; downtime / maintenance / calendar: the machine was closed until then;
 * release: the order was released then; transport: the lot was on its way from the previous machine;
 * running: it was running when the plan starts; plan: nothing held it, the plan starts it later by choice.
 */
export type CauseKind = (typeof CAUSE_KINDS)[number];

export interface Cause {
  kind: CauseKind;
  /** Plan seconds at which the constraint let go. */
  atS: number;
  /** The operation it waited for (predecessor, machine). */
  row?: ResolvedAssignment;
  lagS?: number;
}

const TOL = 1e-6;
const near = (a: number, b: number) => Math.abs(a - b) <= TOL * Math.max(1, Math.abs(a), Math.abs(b));

/** The previous operation on the machine that ends exactly when this one's work begins. */
function machineBlocker(resolved: ResolvedPlan, row: ResolvedAssignment, ready: number) {
  let best: ResolvedAssignment | undefined;
  for (const other of resolved.rows) {
    if (other === row || other.machine !== row.machine || !near(other.endS, ready)) continue;
    if (other.startS >= row.startS && other.index > row.index) continue;
    if (!best || other.startS > best.startS) best = other;
  }
  return best;
}

/** Every constraint that lets go exactly when the row's work begins, most specific first. */
export function causesOf(resolved: ResolvedPlan, row: ResolvedAssignment): Cause[] {
  const { compiled, shiftS } = resolved;
  const plan = (s: number) => s - shiftS;
  const ready = Number.isFinite(row.setupStartS) ? row.setupStartS : row.startS;
  const order = row.order;
  const causes: Cause[] = [];
  if (order.resume?.op === row.op) return [{ kind: 'running', atS: plan(ready) }];
  const prevIndex = row.op > order.firstOp ? resolved.byOrder[order.index]![row.op - 1]! : -1;
  const prev = prevIndex >= 0 ? resolved.rows[prevIndex]! : undefined;
  const lagS = order.product.routing[row.op]!.minLagS;
  if (prev && near(prev.endS + lagS, ready))
    causes.push({ kind: 'predecessor', atS: plan(ready), row: prev, ...(lagS > 0 && { lagS }) });
  const blocker = machineBlocker(resolved, row, ready);
  if (blocker) causes.push({ kind: 'machine', atS: plan(ready), row: blocker });
  const m = compiled.machines[row.machine]!;
  const before = ready - Math.max(1e-3, TOL * Math.abs(ready));
  if (ready > 0 && !m.available.isOpen(before)) causes.push({ kind: closedBy(m, before), atS: plan(ready) });
  if (row.op === order.firstOp && near(order.releaseS, ready))
    causes.push({ kind: 'release', atS: plan(ready) });
  if (
    causes.length === 0 &&
    prev &&
    prev.machine !== row.machine &&
    compiled.transporters.length > 0 &&
    ready > prev.endS
  )
    causes.push({ kind: 'transport', atS: plan(ready), row: prev });
  if (causes.length === 0) causes.push({ kind: 'plan', atS: plan(ready) });
  return causes;
}

/** Closed time (calendar, maintenance, downtime) the operation paused over between its start and end. */
export function pausedS(resolved: ResolvedPlan, row: ResolvedAssignment): number {
  const m = resolved.compiled.machines[row.machine]!;
  return Math.max(0, row.endS - row.startS - m.available.openTimeBetween(row.startS, row.endS));
}
