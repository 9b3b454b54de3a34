// The frozen horizon: operations the plan in force starts within `frozenHorizonS` of now stay where they are
// (pinned), so the shop floor's next hours do not change under its feet. An operation stays frozen only if it
// still holds in the new problem: its job's previous operation is pinned and done in time, it lies in open
// time (a breakdown may have closed its machine), and a station of its machine is free for it, setup
// included (the setup starts once the station is free and the lot is there). Otherwise it and the rest of its
// job are left to the search, which plans the setup a frozen operation still needs (solver/production/decode.ts).
// An operation that holds an operator also needs one free and on shift for it (freeze-operators.ts).
// A lot of a batch frozen before it stays in that batch (same station, start and end) when it is of its
// families, there by its setup start, and the units fit; a maximum lag after a pinned predecessor must hold.
import type { OpenIntervals } from '../../twin/calendar-intervals.js';
import type { ProductionProblem } from '../../solver/production/problem.js';
import { differs } from '../../solver/check/time.js';
import { setupTime } from '../../solver/shop/problem.js';
import { FrozenCrew } from './freeze-operators.js';

export interface PreviousOperation {
  machine: string;
  start: number;
  end: number;
  /** The operator the plan in force gave it. */
  operator?: string;
  /** The batch id it runs in on a batch machine. */
  batch?: string;
  /** Its position in the priority list the plan was decoded from. */
  rank?: number;
}

/** A batch frozen so far: where it runs, when its setup starts, what it holds. */
interface FrozenBatch {
  station: number;
  start: number;
  end: number;
  setupStart: number;
  units: number;
  batchFamily: number | undefined;
  family: number | undefined;
}

const EPS = 1e-6;

interface Candidate {
  job: number;
  op: number;
  machine: number;
  start: number;
  end: number;
  operator: string | undefined;
  batch: string | undefined;
}

/** Pins, in place, the operations of `problem` that the previous plan starts in [now, now + frozenHorizonS). */
export function freezeFromPrevious(
  problem: ProductionProblem,
  open: readonly OpenIntervals[],
  previous: ReadonlyMap<string, PreviousOperation>,
  frozenHorizonS: number,
): void {
  const { now } = problem;
  const machineIndex = new Map(problem.machines.map((m, k) => [m.id, k]));
  const stationFree = problem.machines.map((m) => new Array<number>(m.stations).fill(now));
  const stationFamily = problem.machines.map((m) =>
    Array.from({ length: m.stations }, (_, s) => m.stationFamily?.[s] ?? -1),
  );
  const candidates: Candidate[] = [];
  const crew = new FrozenCrew(problem, open);
  problem.jobs.forEach((job, j) => {
    job.operations.forEach((op, k) => {
      if (op.pin) {
        crew.bookRunning(j, k);
        const s = op.pin.station;
        const free = stationFree[op.pin.machine]!;
        if (s < free.length) {
          free[s] = Math.max(free[s]!, op.pin.end);
          if (op.family !== undefined) stationFamily[op.pin.machine]![s] = op.family;
        }
        return;
      }
      const p = previous.get(`${job.id}/${op.id}`);
      const machine = p && machineIndex.get(p.machine);
      if (!p || machine === undefined || p.start < now || p.start >= now + frozenHorizonS) return;
      candidates.push({
        job: j,
        op: k,
        machine,
        start: p.start,
        end: p.end,
        operator: p.operator,
        batch: p.batch,
      });
    });
  });
  candidates.sort((a, b) => a.start - b.start || a.job - b.job || a.op - b.op);
  const stopped = new Uint8Array(problem.jobs.length);
  const batches = new Map<string, FrozenBatch>();
  for (const c of candidates) {
    if (stopped[c.job]) continue;
    const job = problem.jobs[c.job]!;
    const op = job.operations[c.op]!;
    const before = c.op > 0 ? job.operations[c.op - 1] : undefined;
    const alt = op.alternatives.find((a) => a.machine === c.machine);
    const machine = problem.machines[c.machine]!;
    const hours = open[c.machine]!;
    let ready = Math.max(job.release, now);
    if (before) {
      if (!before.pin) {
        stopped[c.job] = 1;
        continue;
      }
      const move = problem.transport?.[before.pin.machine]?.[c.machine] ?? 0;
      ready = before.pin.end + Math.max(op.minLag ?? 0, move);
    }
    const maxLag = op.maxLag ?? Infinity;
    if (before?.pin && c.start - before.pin.end > maxLag + EPS) {
      stopped[c.job] = 1;
      continue;
    }
    const work = alt?.duration ?? NaN;
    const batchKey = machine.batch && c.batch !== undefined ? `${c.machine}#${c.batch}` : undefined;
    const frozenBatch = batchKey === undefined ? undefined : batches.get(batchKey);
    if (frozenBatch) {
      // A lot that needs an operator runs alone (as the decoder places it).
      const joins =
        alt !== undefined &&
        op.skill === undefined &&
        op.batchFamily !== undefined &&
        op.batchFamily === frozenBatch.batchFamily &&
        op.family === frozenBatch.family &&
        frozenBatch.units + (op.units ?? 1) <= machine.batch!.maxUnits &&
        !differs(c.start, frozenBatch.start) &&
        !differs(c.end, frozenBatch.end) &&
        work <= c.end - c.start + EPS &&
        ready <= frozenBatch.setupStart + EPS;
      if (!joins) {
        stopped[c.job] = 1;
        continue;
      }
      frozenBatch.units += op.units ?? 1;
      op.pin = {
        machine: c.machine,
        station: frozenBatch.station,
        start: frozenBatch.start,
        end: frozenBatch.end,
        reason: 'frozen',
      };
      continue;
    }
    const inOpenTime = machine.mayPause
      ? // The checker binds a frozen operation's work as tightly as a free one's.
        !differs(hours.openTimeBetween(c.start, c.end), work) && (work === 0 || hours.isOpen(c.start))
      : Math.abs(c.end - c.start - work) <= EPS * Math.max(1, work) &&
        hours.openTimeBetween(c.start, c.end) >= c.end - c.start - EPS;
    const free = stationFree[c.machine]!;
    // The setup (the same family again needs one too) starts once the station is free and the lot is there.
    const station = free.findIndex((t, s) => {
      const from = stationFamily[c.machine]![s]!;
      const setup = setupTime(machine, from < 0 ? undefined : from, op.family);
      if (t > c.start + EPS) return false;
      const after = Math.max(t, ready);
      if (!machine.mayPause)
        return (
          c.start - setup >= after - EPS && hours.openTimeBetween(c.start - setup, c.start) >= setup - EPS
        );
      return hours.openTimeBetween(after, c.start) >= setup - EPS;
    });
    if (!alt || c.start < ready - EPS || c.end > problem.horizon || !inOpenTime || station < 0) {
      stopped[c.job] = 1;
      continue;
    }
    // The setup as the decoder counts it: back from the start, from what the station holds.
    const from = stationFamily[c.machine]![station]!;
    const setup = setupTime(machine, from < 0 ? undefined : from, op.family);
    const setupStart = machine.mayPause ? hours.retreatWorking(c.start, setup) : c.start - setup;
    const operator = crew.take(c.job, c.op, c.machine, c.operator, setupStart, c.start, c.end);
    if (operator === -1) {
      stopped[c.job] = 1;
      continue;
    }
    op.pin = { machine: c.machine, station, start: c.start, end: c.end, reason: 'frozen' };
    if (operator !== undefined) op.pin.operator = operator;
    if (batchKey !== undefined) {
      batches.set(batchKey, {
        station,
        start: c.start,
        end: c.end,
        setupStart,
        units: op.units ?? 1,
        batchFamily: op.batchFamily,
        family: op.family,
      });
    }
    free[station] = c.end;
    if (op.family !== undefined) stationFamily[c.machine]![station] = op.family;
  }
}
