// Operators in a twin Plan, against the model's operators and their shift calendars: an operation whose
// routing step names a skill holds the assignment's operator from its setup's start (setupS of available
// time counted back from the start) to its start (`operatorFor: setup`) or its end (`whole`, the default),
// when that is not empty. The operator must exist, have the skill, hold nothing else meanwhile, and be on
// shift wherever the machine is available within the segment. An operation already running is a fact: it
// needs no named operator and is not judged against shifts; others may not double-book its operator.
import type { OpenIntervals } from '../../twin/calendar-intervals.js';
import { operatorShifts } from '../../twin/operator-availability.js';
import type { PlanModelInput } from './plan-model-resolve.js';
import type { ResolvedAssignment, ResolvedPlan } from './plan-model-resolve.js';
import type { PlanViolation } from './plan-against-model.js';
import { t } from './names.js';
import { forEachDoubleBooking, type Booking } from './operator-bookings.js';
import { isBefore } from './time.js';

const nameOf = (row: ResolvedAssignment) => `${row.order.id}/${row.order.product.routing[row.op]!.id}`;

export function checkOperators(resolved: ResolvedPlan, input: PlanModelInput, out: PlanViolation[]): void {
  const { compiled, rows, shiftS } = resolved;
  const operators = input.model.operators ?? [];
  const index = new Map(operators.map((w, k) => [w.id as string, k]));
  let shifts: OpenIntervals[] | undefined;
  const offShift = new Map<string, OpenIntervals>();
  const offShiftOf = (machine: number, w: number) => {
    const key = `${machine}/${w}`;
    let off = offShift.get(key);
    if (!off) {
      shifts ??= operatorShifts(
        operators,
        input.model.site,
        new Map((input.model.calendars ?? []).map((c) => [c.id as string, c])),
        {
          startMs: compiled.startMs,
          horizonS: compiled.horizonS,
          timeZone: input.timezone ?? input.model.site.timezone ?? 'UTC',
          lenient: true,
        },
      );
      off = compiled.machines[machine]!.available.subtract(shifts[w]!);
      offShift.set(key, off);
    }
    return off;
  };
  const held: Booking<ResolvedAssignment>[][] = operators.map(() => []);
  const isRunning = (row: ResolvedAssignment) => row.order.resume?.op === row.op;
  // The compiled model keeps no skills: read them from the model's products.
  const products = new Map(input.model.products.map((p) => [p.id as string, p]));
  for (const row of rows) {
    const step = products.get(row.order.product.id)?.routing[row.op];
    if (step === undefined || step.skill === undefined || !Number.isFinite(row.setupStartS)) continue;
    const from = row.setupStartS;
    const to = step.operatorFor === 'setup' ? row.startS : row.endS;
    if (!isBefore(from, to)) continue;
    const running = isRunning(row);
    const ids = {
      order: row.order.id,
      operation: step.id,
      machine: compiled.machines[row.machine]!.id,
      assignments: [row.index],
    };
    const segment = `from ${t(from - shiftS)} to ${t(to - shiftS)}`;
    const id = input.plan.assignments[row.index]!.operator;
    if (id === undefined) {
      if (!running) {
        const message = `${nameOf(row)} needs an operator with skill "${step.skill}" ${segment}, and the plan names none`;
        out.push({ kind: 'operatorMissing', message, ...ids });
      }
      continue;
    }
    const w = index.get(id);
    if (w === undefined) {
      out.push({ kind: 'operatorUnknown', message: `${nameOf(row)} names unknown operator "${id}"`, ...ids });
      continue;
    }
    if (!operators[w]!.skills.includes(step.skill)) {
      const message = `${nameOf(row)} needs skill "${step.skill}", which operator ${id} lacks (${operators[w]!.skills.join(', ')})`;
      out.push({ kind: 'operatorSkill', message, ...ids });
    }
    if (!running) {
      const off = offShiftOf(row.machine, w);
      if (isBefore(0, off.openTimeBetween(from, to))) {
        const message = `operator ${id} is off shift at ${t(off.nextOpen(from) - shiftS)}, while ${ids.machine} works on ${nameOf(row)} (operator needed ${segment})`;
        out.push({ kind: 'operatorShift', message, ...ids });
      }
    }
    held[w]!.push({ item: row, from, to });
  }
  held.forEach((list, w) =>
    forEachDoubleBooking(list, isRunning, (last, h) => {
      const message =
        `operator ${operators[w]!.id} is double-booked: ${nameOf(last.item)} holds them from ${t(last.from - shiftS)} ` +
        `to ${t(last.to - shiftS)} and ${nameOf(h.item)} from ${t(h.from - shiftS)} to ${t(h.to - shiftS)}`;
      out.push({
        kind: 'operatorOverlap',
        message,
        order: h.item.order.id,
        operation: h.item.order.product.routing[h.item.op]!.id,
        assignments: [last.item.index, h.item.index],
      });
    }),
  );
}
