// From a solution (machine choice + sequences) to start times: every operation starts as early as its job
// predecessor, its machine predecessor plus the setup between them, its release and the machine's
// unavailable windows allow (a semi-active schedule). Setups must also fall in open time.
import { setupTime, type ScheduledOperation, type ShopPlan } from './problem.js';
import { locateOperation, type CompiledShop } from './compiled.js';
import type { ShopSolution } from './solution.js';

/** Start times per global operation index, or undefined when the sequences contain a cycle. */
export function timetable(shop: CompiledShop, solution: ShopSolution): Float64Array | undefined {
  const { n, m, jobPrev, jobNext, release, altDuration } = shop;
  const machinePrev = new Int32Array(n).fill(-1);
  const machineNext = new Int32Array(n).fill(-1);
  for (let mc = 0; mc < m; mc++) {
    const seq = solution.sequences[mc]!;
    for (let i = 1; i < seq.length; i++) {
      machinePrev[seq[i]!] = seq[i - 1]!;
      machineNext[seq[i - 1]!] = seq[i]!;
    }
  }
  const indegree = new Int32Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let o = 0; o < n; o++) {
    indegree[o] = (jobPrev[o]! >= 0 ? 1 : 0) + (machinePrev[o]! >= 0 ? 1 : 0);
    if (indegree[o] === 0) queue[tail++] = o;
  }
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const windowCursor = new Int32Array(m);
  for (let head = 0; head < tail; head++) {
    const o = queue[head]!;
    const a = solution.alt[o]!;
    const mc = shop.altMachine[a]!;
    const machine = shop.problem.machines[mc]!;
    const jp = jobPrev[o]!;
    const mp = machinePrev[o]!;
    const fam = shop.family[o]! >= 0 ? shop.family[o] : undefined;
    const prevFam = mp >= 0 && shop.family[mp]! >= 0 ? shop.family[mp] : undefined;
    const setup = setupTime(machine, prevFam, fam);
    let t = Math.max(release[o]!, jp >= 0 ? end[jp]! : 0, (mp >= 0 ? end[mp]! : 0) + setup);
    const duration = altDuration[a]!;
    const windows = machine.unavailable;
    if (windows !== undefined && duration + setup > 0) {
      let w = windowCursor[mc]!;
      while (w < windows.length && windows[w]!.end <= t - setup) w++;
      // Push past every window that the setup-plus-processing interval [t - setup, t + duration) meets.
      while (w < windows.length && windows[w]!.start < t + duration) {
        t = Math.max(t, windows[w]!.end + setup);
        w++;
      }
      windowCursor[mc] = Math.max(0, w - 1);
    }
    start[o] = t;
    end[o] = t + duration;
    const jn = jobNext[o]!;
    const mn = machineNext[o]!;
    if (jn >= 0 && --indegree[jn]! === 0) queue[tail++] = jn;
    if (mn >= 0 && --indegree[mn]! === 0) queue[tail++] = mn;
  }
  return tail === n ? start : undefined;
}

/** The plan of a solution, operations listed in job and route order. Undefined when it is cyclic. */
export function planOf(shop: CompiledShop, solution: ShopSolution): ShopPlan | undefined {
  const start = timetable(shop, solution);
  if (start === undefined) return undefined;
  const operations: ScheduledOperation[] = [];
  let makespan = 0;
  for (let o = 0; o < shop.n; o++) {
    const a = solution.alt[o]!;
    const end = start[o]! + shop.altDuration[a]!;
    makespan = Math.max(makespan, end);
    operations.push({ ...locateOperation(shop, o), machine: shop.altMachine[a]!, start: start[o]!, end });
  }
  return { operations, makespan };
}
