// The constraints a shop problem cannot state, re-derived from the production problem: pinned operations
// where the pin says; on pausing machines, work measured in open time; setups (setup-checks.ts); minimum lags
// and transport between a job's operations, up to the start of the setup (a station sets up once the lot is
// there); maximum lags up to the (processing) start; batches (batch-checks.ts); free operations, setup
// included, not before `now`; nothing past the horizon; operators (operator-checks.ts).
import { OpenIntervals } from '../../../twin/calendar-intervals.js';
import type { PlannedOperation, ProductionPlan, ProductionProblem } from '../../production/problem.js';
import { opName, t } from '../names.js';
import { differs, isBefore } from '../time.js';
import { checkOperators } from './operator-checks.js';
import { batchesOf, checkBatches } from './batch-checks.js';
import { checkSetups } from './setup-checks.js';

export const PRODUCTION_VIOLATION_KINDS = [
  'pin',
  'work',
  'setup',
  'lag',
  'transport',
  'now',
  'horizon',
  /** Operators (operator-checks.ts): none named where one is needed, an index the problem lacks, a missing
   * skill, off shift while the machine works, two operations holding one operator at once. */
  'operatorMissing',
  'operatorUnknown',
  'operatorSkill',
  'operatorShift',
  'operatorOverlap',
  'maxLag',
  'batchTimes',
  'batchFamily',
  'batchCapacity',
] as const;
export type ProductionViolationKind = (typeof PRODUCTION_VIOLATION_KINDS)[number];

export interface ProductionViolation {
  kind: ProductionViolationKind;
  message: string;
  operations: { job: number; op: number }[];
  machine?: number;
}

function openTimes(problem: ProductionProblem): OpenIntervals[] {
  return problem.machines.map((mc) => {
    const all = OpenIntervals.fromPairs([[0, problem.horizon]]);
    const w = mc.unavailable ?? [];
    return w.length ? all.subtract(OpenIntervals.fromPairs(w.map((x) => [x.start, x.end]))) : all;
  });
}

/** Checks what the shop view cannot; expects entries with valid indices (the shop checker reports others). */
export function checkProductionRules(
  problem: ProductionProblem,
  plan: ProductionPlan,
): ProductionViolation[] {
  const out: ProductionViolation[] = [];
  const open = openTimes(problem);
  const name = (e: PlannedOperation) => opName(problem, e.job, e.op);
  const byJob = new Map<string, PlannedOperation>();
  const valid = plan.operations.filter((e) => {
    const op = problem.jobs[e.job]?.operations[e.op];
    const ok =
      op !== undefined && problem.machines[e.machine] !== undefined && !byJob.has(`${e.job}/${e.op}`);
    if (ok) byJob.set(`${e.job}/${e.op}`, e);
    return ok;
  });
  const batches = batchesOf(problem, valid);
  for (const e of valid) {
    const op = problem.jobs[e.job]!.operations[e.op]!;
    const ref = [{ job: e.job, op: e.op }];
    const mc = problem.machines[e.machine]!;
    if (op.pin) {
      const p = op.pin;
      if (
        p.machine !== e.machine ||
        p.station !== e.station ||
        differs(p.start, e.start) ||
        differs(p.end, e.end)
      )
        out.push({
          kind: 'pin',
          operations: ref,
          machine: e.machine,
          message:
            `${name(e)} is pinned (${p.reason}) on ${problem.machines[p.machine]?.id ?? p.machine} station ${p.station} ` +
            `from ${t(p.start)} to ${t(p.end)}, but the plan has it on ${mc.id} station ${e.station} from ${t(e.start)} to ${t(e.end)}`,
        });
      // A running operation is a fact; a frozen one is a decision kept, which the rules below still bind.
      if (p.reason === 'running') continue;
    }
    const ready = Math.min(e.setupStart, e.start);
    if (isBefore(ready, problem.now))
      out.push({
        kind: 'now',
        operations: ref,
        message: `${name(e)} starts (setup included) at ${t(ready)}, before now (${t(problem.now)})`,
      });
    if (isBefore(problem.horizon, e.end))
      out.push({
        kind: 'horizon',
        operations: ref,
        message: `${name(e)} ends at ${t(e.end)}, after the horizon ${t(problem.horizon)}`,
      });
    const work = batches.cycleWork.get(e) ?? op.alternatives.find((a) => a.machine === e.machine)?.duration;
    if (mc.mayPause && work !== undefined) {
      const got = open[e.machine]!.openTimeBetween(e.start, e.end);
      const startsClosed = work > 0 && !open[e.machine]!.isOpen(e.start);
      if (differs(got, work) || startsClosed)
        out.push({
          kind: 'work',
          operations: ref,
          machine: e.machine,
          message: startsClosed
            ? `${name(e)} starts at ${t(e.start)} while ${mc.id} is closed`
            : `${name(e)} on ${mc.id} gets ${t(got)} s of open time between ${t(e.start)} and ${t(e.end)} but needs ${t(work)} s`,
        });
    }
    if (e.op > 0) {
      const prev = byJob.get(`${e.job}/${e.op - 1}`);
      if (prev) {
        const lag = op.minLag ?? 0;
        const move = problem.transport?.[prev.machine]?.[e.machine] ?? 0;
        if (op.maxLag !== undefined && isBefore(prev.end + op.maxLag, e.start))
          out.push({
            kind: 'maxLag',
            operations: [{ job: prev.job, op: prev.op }, ...ref],
            message:
              `${name(e)} starts at ${t(e.start)}, ${t(e.start - prev.end)} s after ${name(prev)} ends at ` +
              `${t(prev.end)}: more than its maximum lag of ${t(op.maxLag)} s`,
          });
        if (isBefore(ready, prev.end + lag))
          out.push({
            kind: 'lag',
            operations: [{ job: prev.job, op: prev.op }, ...ref],
            message:
              `${name(e)} starts (setup included) at ${t(ready)}, ` +
              (lag > 0 ? `less than its minimum lag of ${t(lag)} s after ` : 'before ') +
              `${name(prev)} ends at ${t(prev.end)}`,
          });
        else if (isBefore(ready, prev.end + move))
          out.push({
            kind: 'transport',
            operations: [{ job: prev.job, op: prev.op }, ...ref],
            message:
              `${name(e)} starts (setup included) at ${t(ready)} on ${mc.id}, but the move from ${problem.machines[prev.machine]!.id} ` +
              `takes ${t(move)} s after ${name(prev)} ends at ${t(prev.end)}`,
          });
      }
    }
  }
  checkBatches(problem, batches, out);
  checkSetups(
    problem,
    valid.filter((e) => !batches.riders.has(e)),
    open,
    out,
  );
  checkOperators(problem, valid, open, out);
  return out;
}
