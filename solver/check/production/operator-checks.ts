// Operators in a production plan, re-derived from the problem: an operation with a skill holds an operator
// who has it from its setup's start to its work's start ('setup') or to its end ('whole', the default),
// when that segment is not empty; the operator must exist, have the skill, hold nothing else meanwhile, and
// be on shift wherever the machine is open within the segment. A running operation is a fact: it needs no
// named operator and is not judged against shifts, but others may not double-book its operator.
import { OpenIntervals } from '../../../twin/calendar-intervals.js';
import type { PlannedOperation, ProductionProblem } from '../../production/problem.js';
import { opName, t } from '../names.js';
import { forEachDoubleBooking, type Booking } from '../operator-bookings.js';
import { isBefore } from '../time.js';
import type { ProductionViolation } from './production-checks.js';

/** Machine open time while operator w is off shift, per machine and operator (built when first asked). */
function offShiftOf(problem: ProductionProblem, open: readonly OpenIntervals[]) {
  const cache = new Map<string, OpenIntervals>();
  return (machine: number, w: number): OpenIntervals => {
    const key = `${machine}/${w}`;
    let off = cache.get(key);
    if (!off) {
      // Re-derived here, not taken from the decoder (operators.ts operatorShift): see ../README.md.
      const windows = problem.operators![w]!.unavailable ?? [];
      const shift = OpenIntervals.fromPairs([[0, problem.horizon]]).subtract(
        OpenIntervals.fromPairs(windows.map((x) => [x.start, x.end] as const)),
      );
      cache.set(key, (off = open[machine]!.subtract(shift)));
    }
    return off;
  };
}

/** Expects entries with valid indices, each operation once; `open` is each machine's open time. */
export function checkOperators(
  problem: ProductionProblem,
  entries: readonly PlannedOperation[],
  open: readonly OpenIntervals[],
  out: ProductionViolation[],
): void {
  const operators = problem.operators ?? [];
  const name = (e: PlannedOperation) => opName(problem, e.job, e.op);
  const offShift = offShiftOf(problem, open);
  const held: Booking<PlannedOperation>[][] = operators.map(() => []);
  const isRunning = (e: PlannedOperation) => problem.jobs[e.job]!.operations[e.op]!.pin?.reason === 'running';
  for (const e of entries) {
    const op = problem.jobs[e.job]!.operations[e.op]!;
    const ref = [{ job: e.job, op: e.op }];
    const running = isRunning(e);
    if (op.skill === undefined) continue;
    const from = e.setupStart;
    const to = op.operatorFor === 'setup' ? e.start : e.end;
    if (!isBefore(from, to)) continue;
    const segment = `from ${t(from)} to ${t(to)}`;
    if (e.operator === undefined) {
      if (!running)
        out.push({
          kind: 'operatorMissing',
          operations: ref,
          machine: e.machine,
          message: `${name(e)} needs an operator with skill "${op.skill}" ${segment}, and the plan names none`,
        });
      continue;
    }
    const w = operators[e.operator];
    if (!w) {
      out.push({
        kind: 'operatorUnknown',
        operations: ref,
        message: `${name(e)} names operator index ${e.operator}; the problem has ${operators.length}`,
      });
      continue;
    }
    if (!w.skills.includes(op.skill))
      out.push({
        kind: 'operatorSkill',
        operations: ref,
        message: `${name(e)} needs skill "${op.skill}", which operator ${w.id} lacks (${w.skills.join(', ')})`,
      });
    if (!running) {
      const off = offShift(e.machine, e.operator);
      if (isBefore(0, off.openTimeBetween(from, to)))
        out.push({
          kind: 'operatorShift',
          operations: ref,
          machine: e.machine,
          message:
            `operator ${w.id} is off shift at ${t(off.nextOpen(from))}, while ${problem.machines[e.machine]!.id} ` +
            `works on ${name(e)} (operator needed ${segment})`,
        });
    }
    held[e.operator]!.push({ item: e, from, to });
  }
  held.forEach((list, w) =>
    forEachDoubleBooking(list, isRunning, (last, h) =>
      out.push({
        kind: 'operatorOverlap',
        operations: [
          { job: last.item.job, op: last.item.op },
          { job: h.item.job, op: h.item.op },
        ],
        message:
          `operator ${operators[w]!.id} is double-booked: ${name(last.item)} holds them from ${t(last.from)} to ` +
          `${t(last.to)} and ${name(h.item)} from ${t(h.from)} to ${t(h.to)}`,
      }),
    ),
  );
}
