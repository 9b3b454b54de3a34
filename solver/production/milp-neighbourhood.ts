// A MILP neighbourhood of a production plan: a run of consecutive operations on one machine (and, for
// flexible operations, on one alternative machine with the same open time) around an operation of a late
// order, everything else kept as it is. The run becomes a small MilpProblem (solver/milp/) on a working-time
// axis: on machines that pause over closed time, seconds of open time since the run's start, so the MILP
// needs no calendar windows and pausing is exact. The MILP's answer is a proposal only: its sequence and
// machine choice are written back into the encoding and decoded by the real decoder (decode.ts), which keeps
// every constraint the MILP does not model (transport by machine pair, setup after the lot arrives, other
// resources); the caller keeps the result only if the real objective improves.
import type { OpenIntervals } from '../../twin/calendar-intervals.js';
import type { FastRandom } from '../heuristics/fast-random.js';
import type { DueDate, MilpObjective, MilpProblem, TimeLag } from '../milp/problem.js';
import type { ShopJob, ShopMachine } from '../shop/problem.js';
import { setupSeconds, type CompiledProduction } from './compiled.js';
import type { Encoding, Schedule } from './decode.js';
import type { ObjectiveSpec } from './objectives.js';

export interface MilpNeighbourhood {
  problem: MilpProblem;
  /** Global operation of each MILP operation, jobs in order and operations in route order. */
  ops: Int32Array;
  /** Production machine of each MILP machine. */
  machines: number[];
  /** Wall-clock instant of working time 0. */
  origin: number;
  /** The open time of the neighbourhood's machines (one calendar for all). */
  open: OpenIntervals;
}

export interface NeighbourhoodOptions {
  /** Operations in the MILP, at most (default 12). */
  maxOps?: number;
}

/** Machines a MILP neighbourhood may use: one station, work that pauses over closed time. */
function usable(cp: CompiledProduction, machine: number): boolean {
  return cp.stationStart[machine + 1]! - cp.stationStart[machine]! === 1 && cp.mayPause[machine] === 1;
}

function sameOpenTime(a: OpenIntervals, b: OpenIntervals): boolean {
  if (a.bounds.length !== b.bounds.length) return false;
  for (let i = 0; i < a.bounds.length; i++) if (a.bounds[i] !== b.bounds[i]) return false;
  return true;
}

/** A free operation to centre the neighbourhood on: of a late order (most tries), else any; -1 if none fits. */
function focusOperation(cp: CompiledProduction, s: Schedule, rng: FastRandom): number {
  const free = cp.free;
  if (free.length === 0) return -1;
  for (let tries = 0; tries < 24; tries++) {
    let o: number;
    if (tries < 16) {
      const j = rng.int(cp.jobCount);
      const first = cp.jobStart[j]!;
      const last = cp.jobStart[j + 1]! - 1;
      if (last < first || !(s.end[last]! > cp.due[j]!)) continue;
      o = first + rng.int(last - first + 1);
    } else o = free[rng.int(free.length)]!;
    if (!cp.pinned[o] && usable(cp, cp.stationMachine[s.station[o]!]!)) return o;
  }
  return -1;
}

/** The free operations on a station in start order. */
function stationSequence(cp: CompiledProduction, s: Schedule, station: number): number[] {
  const seq: number[] = [];
  for (let i = 0; i < cp.free.length; i++) if (s.station[cp.free[i]!] === station) seq.push(cp.free[i]!);
  return seq.sort((a, b) => s.start[a]! - s.start[b]! || a - b);
}

/** Where the station is before operation `first` of its sequence: free from `at`, set up for `family`. */
function stateBefore(cp: CompiledProduction, s: Schedule, station: number, seq: number[], index: number) {
  let at = cp.now;
  let family = cp.stationInitialFamily[station]!;
  for (let i = 0; i < cp.pinOrder.length; i++) {
    const o = cp.pinOrder[i]!;
    if (cp.pinStation[o] !== station) continue;
    at = Math.max(at, cp.pinEnd[o]!);
    if (cp.family[o]! >= 0) family = cp.family[o]!;
  }
  for (let i = 0; i < index; i++) {
    const o = seq[i]!;
    at = Math.max(at, s.end[o]!);
    if (cp.family[o]! >= 0) family = cp.family[o]!;
  }
  return { at, family };
}

/** When operation o's lot can be at machine `mc`: after its predecessor as scheduled, lag and transport. */
function readyAt(cp: CompiledProduction, s: Schedule, o: number, mc: number): number {
  const prev = cp.jobPrev[o]!;
  const m = cp.m;
  if (prev >= 0) {
    const pm = cp.stationMachine[s.station[prev]!]!;
    return s.end[prev]! + Math.max(cp.minLag[o]!, cp.transport[pm * m + mc]!);
  }
  const j = cp.jobOf[o]!;
  const from = cp.jobFrom[j]!;
  return from >= 0 ? Math.max(cp.release[j]!, cp.now + cp.transport[from * m + mc]!) : cp.release[j]!;
}

function milpObjective(spec: ObjectiveSpec): MilpObjective {
  const criteria = spec.kind === 'lexicographic' ? spec.order : Object.keys(spec.weights);
  const dueDriven = criteria.some((c) => c === 'tardiness' || c === 'late');
  // A small makespan term keeps the run compact once the due dates are met.
  return dueDriven ? { tardiness: 1, makespan: 0.01 } : { makespan: 1 };
}

/**
 * Picks a neighbourhood around a late order's operation in schedule `s` (decoded from a valid encoding);
 * undefined when no operation sits on a usable machine.
 */
export function chooseMilpNeighbourhood(
  cp: CompiledProduction,
  s: Schedule,
  objective: ObjectiveSpec,
  rng: FastRandom,
  options: NeighbourhoodOptions = {},
): MilpNeighbourhood | undefined {
  const maxOps = Math.max(2, options.maxOps ?? 12);
  const focus = focusOperation(cp, s, rng);
  if (focus < 0) return undefined;
  const machineA = cp.stationMachine[s.station[focus]!]!;
  const open = cp.open[machineA]!;
  const machines = [machineA];
  const others: number[] = [];
  for (let a = cp.altStart[focus]!; a < cp.altStart[focus + 1]!; a++) {
    const mc = cp.altMachine[a]!;
    if (mc !== machineA && usable(cp, mc) && sameOpenTime(cp.open[mc]!, open)) others.push(mc);
  }
  if (others.length > 0) machines.push(others[rng.int(others.length)]!);

  // The run on the first machine: up to its share of operations around the focus.
  const share = machines.length === 1 ? maxOps : Math.ceil(maxOps / 2);
  const runs: { machine: number; seq: number[]; from: number; to: number }[] = [];
  const seqA = stationSequence(cp, s, cp.stationStart[machineA]!);
  const at = seqA.indexOf(focus);
  const fromA = Math.max(0, Math.min(at - (share >> 1), seqA.length - share));
  runs.push({ machine: machineA, seq: seqA, from: fromA, to: Math.min(seqA.length, fromA + share) });
  if (machines.length === 2) {
    // On the second machine: the operations that start while the first run lasts.
    const t0 = s.start[seqA[runs[0]!.from]!]!;
    const t1 = s.end[seqA[runs[0]!.to - 1]!]!;
    const seqB = stationSequence(cp, s, cp.stationStart[machines[1]!]!);
    let from = seqB.findIndex((o) => s.end[o]! > t0);
    if (from < 0) from = seqB.length;
    let to = from;
    while (to < seqB.length && to - from < maxOps - share && s.start[seqB[to]!]! < t1) to++;
    runs.push({ machine: machines[1]!, seq: seqB, from, to });
  }

  const states = runs.map((r) => stateBefore(cp, s, cp.stationStart[r.machine]!, r.seq, r.from));
  const origin = Math.min(...states.map((st) => st.at));
  const work = (t: number) => (t >= origin ? open.openTimeBetween(origin, t) : t - origin);

  const chosen = new Uint8Array(cp.n);
  for (const r of runs) for (let i = r.from; i < r.to; i++) chosen[r.seq[i]!] = 1;
  const ops: number[] = [];
  for (let o = 0; o < cp.n; o++) if (chosen[o]) ops.push(o);
  if (ops.length < 2) return undefined;

  const shopMachines: ShopMachine[] = runs.map((r, k) => machineFor(cp, r.machine, states[k]!, work));
  const jobs: ShopJob[] = [];
  const lags: TimeLag[] = [];
  const dueDates: DueDate[] = [];
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i]!;
    const chained = i > 0 && ops[i - 1] === cp.jobPrev[o];
    if (!chained) {
      const release = Math.min(...machines.map((mc) => readyAt(cp, s, o, mc)));
      jobs.push({ id: `o${o}`, release: Math.max(0, work(release)), operations: [] });
    } else {
      let transport = Infinity;
      for (const a of machines)
        for (const b of machines) transport = Math.min(transport, cp.transport[a * cp.m + b]!);
      lags.push({
        job: jobs.length - 1,
        op: jobs.at(-1)!.operations.length,
        min: Math.max(cp.minLag[o]!, transport),
      });
    }
    const job = jobs.at(-1)!;
    job.operations.push({
      id: `o${o}`,
      alternatives: alternativesIn(cp, o, machines),
      ...(cp.family[o]! >= 0 && { family: cp.family[o]! }),
    });
    const next = ops[i + 1];
    if (next !== undefined && next === cp.jobNext[o]) continue;
    // The job's end moves with this operation's end (the later operations keep their gaps): its slack here.
    const j = cp.jobOf[o]!;
    const due = cp.due[j]!;
    if (Number.isFinite(due)) {
      const slack = due - s.end[cp.jobStart[j + 1]! - 1]!;
      dueDates.push({ job: jobs.length - 1, due: work(s.end[o]! + slack), weight: cp.weight[j]! });
    }
  }
  const problem: MilpProblem = {
    shop: { name: `${cp.problem.name} (MILP neighbourhood)`, machines: shopMachines, jobs },
    ...(lags.length > 0 && { lags }),
    ...(dueDates.length > 0 && { dueDates }),
    objective: milpObjective(objective),
  };
  return { problem, ops: Int32Array.from(ops), machines, origin, open };
}

function alternativesIn(cp: CompiledProduction, o: number, machines: number[]) {
  const alts: { machine: number; duration: number }[] = [];
  for (let a = cp.altStart[o]!; a < cp.altStart[o + 1]!; a++) {
    const k = machines.indexOf(cp.altMachine[a]!);
    if (k >= 0) alts.push({ machine: k, duration: cp.altWork[a]! });
  }
  return alts;
}

/** A MILP machine: busy until the run may start, setups from the family the station holds then. */
function machineFor(
  cp: CompiledProduction,
  machine: number,
  state: { at: number; family: number },
  work: (t: number) => number,
): ShopMachine {
  const families = cp.families;
  const busyUntil = work(state.at);
  return {
    id: cp.problem.machines[machine]!.id,
    ...(busyUntil > 0 && { unavailable: [{ start: 0, end: busyUntil, kind: 'downtime' as const }] }),
    ...(families > 0 && {
      setup: Array.from({ length: families }, (_, from) =>
        Array.from({ length: families }, (_, to) => setupSeconds(cp, machine, from, to)),
      ),
      initialSetup: Array.from({ length: families }, (_, to) => setupSeconds(cp, machine, state.family, to)),
    }),
  };
}

/**
 * The encoding with the neighbourhood's operations at the MILP's starts (wall clock) and machines: every free
 * operation listed by start (the others at their start in `s`, so each station keeps its sequence), a job's
 * operations kept in route order.
 */
export function encodingWith(
  cp: CompiledProduction,
  enc: Encoding,
  s: Schedule,
  hood: MilpNeighbourhood,
  starts: ArrayLike<number>,
  machineOf: ArrayLike<number>,
): Encoding {
  const key = Float64Array.from(s.start);
  const alt = Int32Array.from(enc.alt);
  for (let i = 0; i < hood.ops.length; i++) {
    const o = hood.ops[i]!;
    key[o] = hood.open.advanceWorking(hood.origin, starts[i]!);
    const mc = hood.machines[machineOf[i]!]!;
    for (let a = cp.altStart[o]!; a < cp.altStart[o + 1]!; a++) if (cp.altMachine[a] === mc) alt[o] = a;
  }
  const position = new Int32Array(cp.n);
  enc.order.forEach((o, i) => (position[o] = i));
  // Route order: an operation is listed no earlier than its predecessor (ties go by the old position).
  for (let o = 0; o < cp.n; o++) {
    const prev = cp.jobPrev[o]!;
    if (prev >= 0 && !cp.pinned[prev] && key[o]! < key[prev]!) key[o] = key[prev]!;
  }
  const order = Int32Array.from(enc.order).sort((a, b) => key[a]! - key[b]! || position[a]! - position[b]!);
  return { order, alt };
}
