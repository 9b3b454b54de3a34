// Batches of a twin Plan on batch machines, as the simulation following the plan runs them
// (solver/des/factory/selection.ts): assignments with one `batch` id on one batch machine start together as
// one cycle once all their lots are there. So they share start, end and setup; they are of one batch family
// (and one setup family: the batch sets up for its first lot's); they hold at most `maxUnits` units; and the
// cycle holds the longest member's work, a per-unit time counting the whole batch's units.
import type { Plan } from '../../twin/schema/plan.js';
import type { PlanViolation } from './plan-against-model.js';
import type { ResolvedAssignment, ResolvedPlan } from './plan-model-resolve.js';
import { t } from './names.js';
import { differs } from './time.js';
import { batchBreaks, batchGroups } from './batch-rules.js';

const nameOf = (r: ResolvedAssignment) => `${r.order.id}/${r.order.product.routing[r.op]!.id}`;

export function checkBatches(resolved: ResolvedPlan, plan: Plan, out: PlanViolation[]): void {
  const { compiled, shiftS } = resolved;
  const batchOf = (row: ResolvedAssignment) => plan.assignments[row.index]!.batch;
  const groups = batchGroups(resolved.rows, (row) =>
    batchOf(row) === undefined || !compiled.machines[row.machine]!.batch
      ? undefined
      : `${row.machine}#${batchOf(row)}`,
  );
  const operation = (r: ResolvedAssignment) => r.order.product.routing[r.op]!;
  for (const rows of groups) {
    const first = rows[0]!;
    const id = batchOf(first)!;
    const m = compiled.machines[first.machine]!;
    const names = rows.map(nameOf).join(' + ');
    const add = (kind: PlanViolation['kind'], message: string) =>
      out.push({ kind, message, machine: m.id, assignments: rows.map((r) => r.index) });
    const { apart, odd, units } = batchBreaks(
      rows,
      (r) =>
        !differs(r.startS, first.startS) && !differs(r.endS, first.endS) && !differs(r.setupS, first.setupS),
      (r) => (operation(r).batchFamily < 0 ? undefined : operation(r).batchFamily),
      (r) => operation(r).setupFamily,
      (r) => r.order.units,
    );
    if (apart)
      add(
        'batchTimes',
        `batch ${id} on ${m.id}: ${nameOf(apart)} (${t(apart.startS - shiftS)} to ${t(apart.endS - shiftS)}, ` +
          `setup ${t(apart.setupS)} s) does not share the cycle of ${nameOf(first)} (${t(first.startS - shiftS)} ` +
          `to ${t(first.endS - shiftS)}, setup ${t(first.setupS)} s)`,
      );
    if (odd) {
      const label = (r: ResolvedAssignment) => {
        const f = operation(r).batchFamily;
        return f < 0 ? '(no batch family)' : `batch family ${compiled.batchFamilies[f]}`;
      };
      add(
        'batchFamily',
        `batch ${id} on ${m.id} mixes ${nameOf(odd)} (${label(odd)}) with ${nameOf(first)} (${label(first)})` +
          (operation(odd).batchFamily === operation(first).batchFamily ? ' of another setup family' : ''),
      );
    }
    if (units > m.batch!.maxUnits)
      add(
        'batchCapacity',
        `batch ${id} on ${m.id} (${names}) holds ${units} units; ${m.id} takes at most ${m.batch!.maxUnits}`,
      );
    // The cycle: the longest member's work, a per-unit time for the whole batch's units.
    let cycle = 0;
    for (const r of rows) {
      const work = r.alt.meanS * (r.alt.perUnit ? units : 1);
      if (work > cycle) cycle = work;
    }
    const open = m.available.openTimeBetween(first.startS, first.endS);
    const running = rows.some((r) => r.order.resume?.op === r.op);
    if (!apart && !running && open < cycle - 1e-3 - 1e-6 * cycle)
      add(
        'duration',
        `batch ${id} on ${m.id} (${names}) needs a cycle of ${t(cycle)} s but has ${t(open)} s of available ` +
          `time between ${t(first.startS - shiftS)} and ${t(first.endS - shiftS)}`,
      );
  }
}
