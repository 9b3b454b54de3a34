// Machine-side checks of a twin Plan: capacity (lots at once, a batch counting once) and setup sequences.

import type { Plan } from '../../twin/schema/plan.js';
import type { PlanViolation } from './plan-against-model.js';
import type { ResolvedAssignment, ResolvedPlan } from './plan-model-resolve.js';
import { t } from './names.js';
import { forEachSetup } from './setup-sequence.js';
import { isBefore } from './time.js';

/** Lots a machine runs together: one batch on a batch machine (same batch id, else same start), else one lot. */
interface Occupation {
  rows: ResolvedAssignment[];
  from: number;
  to: number;
}

function occupations(resolved: ResolvedPlan, plan: Plan, machine: number): Occupation[] {
  const batch = resolved.compiled.machines[machine]!.batch !== undefined;
  const groups = new Map<string, Occupation>();
  const out: Occupation[] = [];
  for (const row of resolved.rows) {
    if (row.machine !== machine) continue;
    const id = plan.assignments[row.index]!.batch;
    const key = batch ? (id === undefined ? `@${row.startS}` : `#${id}`) : `${row.index}`;
    let g = groups.get(key);
    if (!g) {
      g = { rows: [], from: Infinity, to: -Infinity };
      groups.set(key, g);
      out.push(g);
    }
    g.rows.push(row);
    g.from = Math.min(g.from, Number.isFinite(row.setupStartS) ? row.setupStartS : row.startS);
    g.to = Math.max(g.to, row.endS);
  }
  return out.sort((a, b) => a.from - b.from || a.rows[0]!.index - b.rows[0]!.index);
}

const names = (rows: readonly ResolvedAssignment[]) =>
  rows.map((r) => `${r.order.id}/${r.order.product.routing[r.op]!.id}`).join(' + ');

function checkCapacity(resolved: ResolvedPlan, groups: Occupation[], machine: number, out: PlanViolation[]) {
  const m = resolved.compiled.machines[machine]!;
  const active: Occupation[] = [];
  for (const g of groups) {
    if (!(g.to > g.from)) continue; // takes no time: overlaps nothing
    for (let i = active.length - 1; i >= 0; i--) if (!isBefore(g.from, active[i]!.to)) active.splice(i, 1);
    if (active.length >= m.capacity) {
      const others = active.map((a) => names(a.rows)).join(', ');
      const message =
        `${names(g.rows)} on ${m.id} starts (setup included) at ${t(g.from - resolved.shiftS)} while ` +
        `${others} ${active.length > 1 ? 'run' : 'runs'} there (capacity ${m.capacity})`;
      out.push({
        kind: 'overlap',
        message,
        machine: m.id,
        assignments: [...active.flatMap((a) => a.rows), ...g.rows].map((r) => r.index),
      });
    }
    active.push(g);
  }
}

/** Setup families in plan sequence on a single-station machine; an operation without a family keeps the last. */
function checkSetups(resolved: ResolvedPlan, groups: Occupation[], machine: number, out: PlanViolation[]) {
  const m = resolved.compiled.machines[machine]!;
  const setup = m.setup;
  if (!setup || m.capacity > 1) return;
  const familyOf = (row: ResolvedAssignment) => row.order.product.routing[row.op]!.setupFamily;
  // Without a family an operation needs no setup and leaves the station as it was: nothing to judge.
  const sequence = groups
    .flatMap((g) => g.rows)
    .filter((row) => familyOf(row) >= 0)
    .sort((a, b) => a.startS - b.startS || a.index - b.index);
  const families = resolved.compiled.setupFamilies;
  forEachSetup(
    sequence,
    -1,
    familyOf,
    (row) => row.order.resume?.op === row.op,
    (from, to) => setup.time(from, to),
    (row, from, required, previous) => {
      if (!isBefore(row.setupS, required)) return;
      const after = previous ? `after ${names([previous])}` : 'as the first operation';
      const message =
        `${names([row])} on ${m.id} has a setup of ${t(row.setupS)} s ${after} but needs ` +
        `${t(required)} s (families ${from < 0 ? '(none)' : families[from]} → ${families[familyOf(row)]})`;
      out.push({
        kind: 'setup',
        message,
        machine: m.id,
        order: row.order.id,
        operation: row.order.product.routing[row.op]!.id,
        assignments: [...(previous ? [previous.index] : []), row.index],
      });
    },
  );
}

export function checkMachineUse(resolved: ResolvedPlan, plan: Plan, out: PlanViolation[]): void {
  for (let machine = 0; machine < resolved.compiled.machines.length; machine++) {
    const groups = occupations(resolved, plan, machine);
    if (groups.length === 0) continue;
    checkCapacity(resolved, groups, machine, out);
    checkSetups(resolved, groups, machine, out);
  }
}
