// Flat typed-array form of a ShopProblem for the hot loops of the search: operations get one global index
// (jobs in order, operations in route order), alternatives are stored contiguously per operation.
import type { ShopProblem } from './problem.js';

export interface CompiledShop {
  readonly problem: ShopProblem;
  /** Number of operations, machines and jobs. */
  readonly n: number;
  readonly m: number;
  readonly jobCount: number;
  /** Global index of job j's first operation is `jobStart[j]`; `jobStart[jobCount] === n`. */
  readonly jobStart: Int32Array;
  readonly jobOf: Int32Array;
  /** Route predecessor and successor within the job, or -1. */
  readonly jobPrev: Int32Array;
  readonly jobNext: Int32Array;
  /** Earliest start of each operation from its job's release (0 after the first operation). */
  readonly release: Float64Array;
  /** Alternatives of operation o are `altStart[o] .. altStart[o + 1] - 1`. */
  readonly altStart: Int32Array;
  readonly altMachine: Int32Array;
  readonly altDuration: Float64Array;
  /** Setup family per operation, -1 for none. */
  readonly family: Int32Array;
  readonly flexible: boolean;
  readonly hasSetups: boolean;
  readonly hasWindows: boolean;
}

export function compileShop(problem: ShopProblem): CompiledShop {
  const jobCount = problem.jobs.length;
  const m = problem.machines.length;
  const jobStart = new Int32Array(jobCount + 1);
  let n = 0;
  let altTotal = 0;
  problem.jobs.forEach((job, j) => {
    jobStart[j] = n;
    n += job.operations.length;
    for (const op of job.operations) altTotal += op.alternatives.length;
  });
  jobStart[jobCount] = n;
  const jobOf = new Int32Array(n);
  const jobPrev = new Int32Array(n).fill(-1);
  const jobNext = new Int32Array(n).fill(-1);
  const release = new Float64Array(n);
  const altStart = new Int32Array(n + 1);
  const altMachine = new Int32Array(altTotal);
  const altDuration = new Float64Array(altTotal);
  const family = new Int32Array(n).fill(-1);
  let o = 0;
  let a = 0;
  let flexible = false;
  problem.jobs.forEach((job, j) => {
    job.operations.forEach((op, k) => {
      jobOf[o] = j;
      if (k > 0) jobPrev[o] = o - 1;
      if (k < job.operations.length - 1) jobNext[o] = o + 1;
      release[o] = k === 0 ? job.release : 0;
      family[o] = op.family ?? -1;
      altStart[o] = a;
      if (op.alternatives.length > 1) flexible = true;
      for (const alt of op.alternatives) {
        altMachine[a] = alt.machine;
        altDuration[a] = alt.duration;
        a++;
      }
      o++;
    });
  });
  altStart[n] = a;
  const hasSetups = problem.machines.some((mc) => mc.setup !== undefined || mc.initialSetup !== undefined);
  const hasWindows = problem.machines.some((mc) => (mc.unavailable?.length ?? 0) > 0);
  return {
    problem,
    n,
    m,
    jobCount,
    jobStart,
    jobOf,
    jobPrev,
    jobNext,
    release,
    altStart,
    altMachine,
    altDuration,
    family,
    flexible,
    hasSetups,
    hasWindows,
  };
}

/** Index into the alt arrays of operation `op` on machine `machine`, or -1 if it is not eligible there. */
export function alternativeOn(shop: CompiledShop, op: number, machine: number): number {
  for (let a = shop.altStart[op]!; a < shop.altStart[op + 1]!; a++)
    if (shop.altMachine[a] === machine) return a;
  return -1;
}

/** Job index and position in the route of a global operation index. */
export function locateOperation(shop: CompiledShop, op: number): { job: number; op: number } {
  const job = shop.jobOf[op]!;
  return { job, op: op - shop.jobStart[job]! };
}
