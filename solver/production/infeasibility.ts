// Why a production problem cannot be scheduled, named before any search runs: an operation with no machine
// (its only machine removed), or none with enough open time before the horizon, a due date before the
// release, pins that contradict the problem, an operation needing a skill no operator has or whose operators
// never work (operator-conflicts.ts). Each conflict names the order, operation and machine by id.
import type { OpenIntervals } from '../../twin/calendar-intervals.js';
import { openTimeOf } from './compiled.js';
import { operatorConflict } from './operator-conflicts.js';
import type { ProductionProblem } from './problem.js';

export const CONFLICT_KINDS = [
  'noMachine',
  'unknownMachine',
  'noOpenTime',
  'dueBeforeRelease',
  'badPin',
  'noOperator',
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
  for (const job of problem.jobs) {
    if (job.due !== undefined && job.due < job.release) {
      conflicts.push({
        kind: 'dueBeforeRelease',
        job: job.id,
        message: `order "${job.id}" is due at ${job.due} s, before its release at ${job.release} s`,
      });
    }
    let pinsEnded = false;
    job.operations.forEach((op) => {
      const at = `order "${job.id}", operation "${op.id}"`;
      const crew = operatorConflict(problem, job.id, op);
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
