// Flat typed-array form of a ProductionProblem for the decoder and the searches: one global index per
// operation (jobs in order, remaining operations in route order), one per station (machines in order),
// alternatives contiguous per operation, open time per machine as interval sets.
import { OpenIntervals } from '../../twin/calendar-intervals.js';
import { compileCrew, type CompiledCrew } from './operators.js';
import type { ProductionProblem } from './problem.js';

export interface CompiledProduction {
  readonly problem: ProductionProblem;
  readonly n: number;
  readonly m: number;
  readonly jobCount: number;
  /** Stations of machine k are `stationStart[k] .. stationStart[k + 1] - 1`; S stations in all. */
  readonly stationCount: number;
  readonly stationStart: Int32Array;
  readonly stationMachine: Int32Array;
  readonly stationInitialFamily: Int32Array;
  readonly jobStart: Int32Array;
  readonly jobOf: Int32Array;
  readonly jobPrev: Int32Array;
  readonly jobNext: Int32Array;
  /** Per job: its release, due (Infinity without), weight, and the machine its lot sits at (-1). */
  readonly release: Float64Array;
  readonly due: Float64Array;
  readonly weight: Float64Array;
  readonly priority: Int32Array;
  readonly jobFrom: Int32Array;
  readonly altStart: Int32Array;
  readonly altMachine: Int32Array;
  readonly altWork: Float64Array;
  readonly family: Int32Array;
  readonly minLag: Float64Array;
  /** Batches and maximum lags: batch family (-1 none), lot units, maximum lag (Infinity none); 1 in
   * `lagTail` for a free operation bound by a maximum lag to a free predecessor (placed with it as a chain,
   * lag-chain.ts), `maxChain` the longest such chain; per machine, its batch `maxUnits` (0: not a batch
   * machine). */
  readonly batchFamily: Int32Array;
  readonly units: Float64Array;
  readonly maxLag: Float64Array;
  readonly lagTail: Uint8Array;
  readonly maxChain: number;
  /** Free operations bound by a maximum lag to a pinned predecessor, by deadline (pin end + lag): placed
   * first, before the list (decode.ts), since no delay can help them. */
  readonly lagUrgent: Uint8Array;
  readonly urgentOrder: Int32Array;
  readonly batchMax: Float64Array;
  /** Least work over the alternatives of the operations after each one in its job (for ATC slack). */
  readonly tailWork: Float64Array;
  readonly minWork: Float64Array;
  /** Pinned operations: 1 in `pinned` (and in `pinFrozen` when kept from the plan in force, not running),
   * their station, times, alternative; `pinOrder` sorted by start. */
  readonly pinned: Uint8Array;
  readonly pinFrozen: Uint8Array;
  readonly pinStation: Int32Array;
  readonly pinStart: Float64Array;
  readonly pinEnd: Float64Array;
  readonly pinAlt: Int32Array;
  readonly pinOrder: Int32Array;
  /** Free (not pinned) operations in global order. */
  readonly free: Int32Array;
  readonly families: number;
  /** Per machine: (families + 1) × families setup times, row 0 = from nothing known, row f + 1 = from f. */
  readonly setup: Float64Array[];
  readonly mayPause: Uint8Array;
  readonly open: OpenIntervals[];
  /** m × m transport seconds (zeros when the problem gives none). */
  readonly transport: Float64Array;
  readonly now: number;
  readonly horizon: number;
  /** Operators, their shifts and skills, and which operations need one (operators.ts). */
  readonly crew: CompiledCrew;
}

function setupTable(problem: ProductionProblem, k: number, families: number): Float64Array {
  const machine = problem.machines[k]!;
  const table = new Float64Array((families + 1) * families);
  for (let to = 0; to < families; to++) {
    table[to] = machine.initialSetup?.[to] ?? 0;
    for (let from = 0; from < families; from++)
      table[(from + 1) * families + to] = machine.setup?.[from]?.[to] ?? 0;
  }
  return table;
}

/** Open time of machine `k` in [from, horizon): what its unavailable windows leave. */
export function openTimeOf(problem: ProductionProblem, k: number, from = 0): OpenIntervals {
  const windows = problem.machines[k]!.unavailable ?? [];
  const all = OpenIntervals.fromPairs([[from, problem.horizon]]);
  if (windows.length === 0) return all;
  return all.subtract(OpenIntervals.fromPairs(windows.map((w) => [w.start, w.end] as const)));
}

/** Expects a problem that passed `findInfeasibilities` with no conflicts (every index in range). */
export function compileProduction(problem: ProductionProblem): CompiledProduction {
  const m = problem.machines.length;
  const jobCount = problem.jobs.length;
  const stationStart = new Int32Array(m + 1);
  for (let k = 0; k < m; k++) stationStart[k + 1] = stationStart[k]! + problem.machines[k]!.stations;
  const stationCount = stationStart[m]!;
  const stationMachine = new Int32Array(stationCount);
  const stationInitialFamily = new Int32Array(stationCount).fill(-1);
  for (let k = 0; k < m; k++) {
    for (let s = stationStart[k]!; s < stationStart[k + 1]!; s++) {
      stationMachine[s] = k;
      stationInitialFamily[s] = problem.machines[k]!.stationFamily?.[s - stationStart[k]!] ?? -1;
    }
  }
  const jobStart = new Int32Array(jobCount + 1);
  let n = 0;
  let altTotal = 0;
  let families = 0;
  problem.jobs.forEach((job, j) => {
    jobStart[j] = n;
    n += job.operations.length;
    for (const op of job.operations) {
      altTotal += op.alternatives.length;
      if (op.family !== undefined) families = Math.max(families, op.family + 1);
    }
  });
  jobStart[jobCount] = n;
  for (const mc of problem.machines) families = Math.max(families, mc.setup?.length ?? 0);
  const c = {
    jobOf: new Int32Array(n),
    jobPrev: new Int32Array(n).fill(-1),
    jobNext: new Int32Array(n).fill(-1),
    altStart: new Int32Array(n + 1),
    altMachine: new Int32Array(altTotal),
    altWork: new Float64Array(altTotal),
    family: new Int32Array(n).fill(-1),
    minLag: new Float64Array(n),
    batchFamily: new Int32Array(n).fill(-1),
    units: new Float64Array(n),
    maxLag: new Float64Array(n).fill(Infinity),
    lagTail: new Uint8Array(n),
    tailWork: new Float64Array(n),
    minWork: new Float64Array(n),
    pinned: new Uint8Array(n),
    pinFrozen: new Uint8Array(n),
    pinStation: new Int32Array(n).fill(-1),
    pinStart: new Float64Array(n),
    pinEnd: new Float64Array(n),
    pinAlt: new Int32Array(n).fill(-1),
  };
  const release = new Float64Array(jobCount);
  const due = new Float64Array(jobCount);
  const weight = new Float64Array(jobCount);
  const priority = new Int32Array(jobCount);
  const jobFrom = new Int32Array(jobCount);
  let o = 0;
  let a = 0;
  const pins: number[] = [];
  const free: number[] = [];
  problem.jobs.forEach((job, j) => {
    release[j] = Math.max(job.release, problem.now);
    due[j] = job.due ?? Infinity;
    weight[j] = job.weight;
    priority[j] = job.priority;
    jobFrom[j] = job.from ?? -1;
    job.operations.forEach((op, k) => {
      c.jobOf[o] = j;
      if (k > 0) c.jobPrev[o] = o - 1;
      if (k < job.operations.length - 1) c.jobNext[o] = o + 1;
      c.family[o] = op.family ?? -1;
      c.minLag[o] = op.minLag ?? 0;
      c.batchFamily[o] = op.batchFamily ?? -1;
      c.units[o] = op.units ?? 1;
      c.maxLag[o] = op.maxLag ?? Infinity;
      const prevPinned = k > 0 && job.operations[k - 1]!.pin !== undefined;
      if (k > 0 && op.maxLag !== undefined && !op.pin && !prevPinned) c.lagTail[o] = 1;
      c.altStart[o] = a;
      let least = Infinity;
      for (const alt of op.alternatives) {
        if (op.pin && alt.machine === op.pin.machine) c.pinAlt[o] = a;
        c.altMachine[a] = alt.machine;
        c.altWork[a] = alt.duration;
        least = Math.min(least, alt.duration);
        a++;
      }
      c.minWork[o] = Number.isFinite(least) ? least : 0;
      if (op.pin) {
        c.pinned[o] = 1;
        c.pinFrozen[o] = op.pin.reason === 'frozen' ? 1 : 0;
        c.pinStation[o] = stationStart[op.pin.machine]! + op.pin.station;
        c.pinStart[o] = op.pin.start;
        c.pinEnd[o] = op.pin.end;
        pins.push(o);
      } else free.push(o);
      o++;
    });
    let tail = 0;
    for (let g = jobStart[j + 1]! - 1; g >= jobStart[j]!; g--) {
      c.tailWork[g] = tail;
      tail += c.minWork[g]!;
    }
  });
  c.altStart[n] = a;
  const urgent: number[] = [];
  const lagUrgent = new Uint8Array(n);
  for (let o = 0; o < n; o++) {
    const prev = c.jobPrev[o]!;
    if (prev >= 0 && c.pinned[prev] && !c.pinned[o] && c.maxLag[o]! < Infinity) {
      lagUrgent[o] = 1;
      urgent.push(o);
    }
  }
  const deadline = (o: number) => c.pinEnd[c.jobPrev[o]!]! + c.maxLag[o]!;
  urgent.sort((x, y) => deadline(x) - deadline(y) || x - y);
  let maxChain = 1;
  for (let o = 0, run = 1; o < n; o++) {
    run = c.lagTail[o] ? run + 1 : 1;
    if (run > maxChain) maxChain = run;
  }
  pins.sort((x, y) => c.pinStart[x]! - c.pinStart[y]! || x - y);
  const transport = new Float64Array(m * m);
  problem.transport?.forEach((row, from) => row.forEach((s, to) => (transport[from * m + to] = s)));
  return {
    problem,
    n,
    m,
    jobCount,
    stationCount,
    stationStart,
    stationMachine,
    stationInitialFamily,
    jobStart,
    release,
    due,
    weight,
    priority,
    jobFrom,
    ...c,
    maxChain,
    lagUrgent,
    urgentOrder: Int32Array.from(urgent),
    batchMax: Float64Array.from(problem.machines.map((mc) => mc.batch?.maxUnits ?? 0)),
    pinOrder: Int32Array.from(pins),
    free: Int32Array.from(free),
    families,
    setup: problem.machines.map((_, k) => setupTable(problem, k, families)),
    mayPause: Uint8Array.from(problem.machines.map((mc) => (mc.mayPause ? 1 : 0))),
    open: problem.machines.map((_, k) => openTimeOf(problem, k)),
    transport,
    now: problem.now,
    horizon: problem.horizon,
    crew: compileCrew(problem, n),
  };
}

/** Setup seconds on machine `k` from family `from` (-1: nothing known) to `to` (-1: none needed). */
export function setupSeconds(cp: CompiledProduction, k: number, from: number, to: number): number {
  if (to < 0 || cp.families === 0) return 0;
  return cp.setup[k]![(from + 1) * cp.families + to]!;
}
