// Why a production problem cannot be scheduled, named before any search runs: an operation with no machine
// (its only machine removed), or none with enough open time before the horizon, a due date before the
// release, pins that contradict the problem, an operation needing a skill no operator has or whose operators
// never work (operator-conflicts.ts), maximum lags no plan can meet (below the minimum lag or the transport).
// Each conflict names the order, operation and machine by id. A maximum lag the search could not meet for the
// load it had is named after the search (`maxLagFailure`).
import type { OpenIntervals } from '../../twin/calendar-intervals.js';
import { TwinError } from '../../twin/errors.js';
import { openTimeOf, type CompiledProduction } from './compiled.js';
import { operatorConflicts } from './operator-conflicts.js';
import type { ProductionJob, ProductionProblem } from './problem.js';

export const CONFLICT_KINDS = [
  'noMachine',
  'unknownMachine',
  'noOpenTime',
  'dueBeforeRelease',
  'badPin',
  'noOperator',
  'lagConflict',
  'maxLagTooShort',
  'maxLag',
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export interface Conflict {
  kind: ConflictKind;
  /** Ids as in the problem (orders, operations, machines; the skill for `noOperator`). */
  job: string;
  operation?: string;
  machine?: string;
  skill?: string;
  message: string;
}

/** The longest open interval of a set. */
function longest(open: OpenIntervals): number {
  let best = 0;
  for (const [a, b] of open.toPairs()) best = Math.max(best, b - a);
  return best;
}

/** Maximum lags below the minimum lag, or below the transport between every pair of machines. */
function lagConflicts(problem: ProductionProblem, job: ProductionJob, conflicts: Conflict[]): void {
  job.operations.forEach((op, k) => {
    const before = job.operations[k - 1];
    if (op.maxLag === undefined || !before || op.pin) return;
    const at = `order "${job.id}", operation "${op.id}"`;
    const minLag = op.minLag ?? 0;
    if (minLag > op.maxLag) {
      conflicts.push({
        kind: 'lagConflict',
        job: job.id,
        operation: op.id,
        message: `${at} must start at least ${minLag} s but at most ${op.maxLag} s after "${before.id}" ends`,
      });
      return;
    }
    const m = problem.machines.length;
    const from = before.pin ? [before.pin.machine] : before.alternatives.map((a) => a.machine);
    const to = op.alternatives.map((a) => a.machine);
    if (from.length === 0 || to.length === 0 || [...from, ...to].some((k2) => !(k2 < m))) return;
    let least = Infinity;
    for (const a of from) for (const b of to) least = Math.min(least, problem.transport?.[a]?.[b] ?? 0);
    if (least > op.maxLag) {
      const names = (list: number[]) => list.map((i) => `"${problem.machines[i]!.id}"`).join(', ');
      conflicts.push({
        kind: 'maxLagTooShort',
        job: job.id,
        operation: op.id,
        machine: problem.machines[to[0]!]!.id,
        message:
          `${at} must start within ${op.maxLag} s of the end of "${before.id}", but moving the lot from ` +
          `${names(from)} to ${names(to)} takes at least ${least} s`,
      });
    }
  });
}

/** The search found no place meeting the maximum lag of global operation o (TWIN_E_INFEASIBLE). */
export function maxLagFailure(cp: CompiledProduction, o: number, machines: string): TwinError {
  const j = cp.jobOf[o]!;
  const job = cp.problem.jobs[j]!;
  const k = o - cp.jobStart[j]!;
  const op = job.operations[k]!;
  const before = job.operations[k - 1];
  const pinned = before?.pin ? ` (pinned, ${before.pin.reason}, ending at ${before.pin.end} s)` : '';
  const message =
    `order "${job.id}", operation "${op.id}" must start within ${op.maxLag} s of the end of ` +
    `"${before?.id ?? '?'}"${pinned}, but no place on ${machines} before the horizon (${cp.horizon} s) ` +
    'meets it for the load and calendars (the machines are busy or closed then)';
  return new TwinError('TWIN_E_INFEASIBLE', message, {
    conflicts: [{ kind: 'maxLag', job: job.id, operation: op.id, message }],
  });
}

export function findInfeasibilities(problem: ProductionProblem): Conflict[] {
  const conflicts: Conflict[] = [];
  const m = problem.machines.length;
  // Per machine: open seconds after now, and the longest open interval.
  const room = new Map<number, { total: number; longest: number }>();
  const roomOf = (k: number) => {
    let r = room.get(k);
    if (!r) {
      const o = openTimeOf(problem, k, problem.now);
      room.set(k, (r = { total: o.total, longest: longest(o) }));
    }
    return r;
  };
  const operatorConflict = operatorConflicts(problem);
  for (const job of problem.jobs) {
    if (job.due !== undefined && job.due < job.release) {
      conflicts.push({
        kind: 'dueBeforeRelease',
        job: job.id,
        message: `order "${job.id}" is due at ${job.due} s, before its release at ${job.release} s`,
      });
    }
    lagConflicts(problem, job, conflicts);
    let pinsEnded = false;
    job.operations.forEach((op) => {
      const at = `order "${job.id}", operation "${op.id}"`;
      const crew = operatorConflict(job.id, op);
      if (crew) conflicts.push(crew);
      if (op.alternatives.length === 0) {
        conflicts.push({
          kind: 'noMachine',
          job: job.id,
          operation: op.id,
          message: `${at} has no machine that can run it (was its only machine removed?)`,
        });
        return;
      }
      const bad = op.alternatives.find((a) => !(a.machine < m));
      if (bad) {
        conflicts.push({
          kind: 'unknownMachine',
          job: job.id,
          operation: op.id,
          message: `${at} names machine index ${bad.machine}; the problem has ${m}`,
        });
        return;
      }
      if (op.pin) {
        const pin = op.pin;
        const machine = problem.machines[pin.machine];
        const reason = pinsEnded
          ? 'it follows an operation that is not pinned'
          : !machine || !op.alternatives.some((a) => a.machine === pin.machine)
            ? `machine index ${pin.machine} is not one of its machines`
            : pin.station >= machine.stations
              ? `machine "${machine.id}" has no station ${pin.station}`
              : pin.end < pin.start
                ? `it ends (${pin.end} s) before it starts (${pin.start} s)`
                : undefined;
        if (reason !== undefined) {
          conflicts.push({
            kind: 'badPin',
            job: job.id,
            operation: op.id,
            ...(machine && { machine: machine.id }),
            message: `${at} is pinned (${pin.reason}) but ${reason}`,
          });
        }
        return;
      }
      pinsEnded = true;
      const fits = op.alternatives.some((a) => {
        const r = roomOf(a.machine);
        return problem.machines[a.machine]!.mayPause ? r.total >= a.duration : r.longest >= a.duration;
      });
      if (!fits) {
        const names = op.alternatives.map((a) => `"${problem.machines[a.machine]!.id}"`).join(', ');
        conflicts.push({
          kind: 'noOpenTime',
          job: job.id,
          operation: op.id,
          machine: problem.machines[op.alternatives[0]!.machine]!.id,
          message:
            `${at} needs ${op.alternatives.map((a) => a.duration).join(' or ')} s of work on ${names}, ` +
            `which have not that much open time between ${problem.now} s and the horizon ${problem.horizon} s ` +
            `(calendar, maintenance, downtime)`,
        });
      }
    });
  }
  return conflicts;
}
