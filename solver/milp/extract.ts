// From solver values back to the shop: the machine and start of every operation (a ShopPlan checked by
// solver/check), and the same as a ShopSolution (machine choice and sequences) for the heuristics.
import { alternativeOn, compileShop, type CompiledShop } from '../shop/compiled.js';
import { setupTime, type ScheduledOperation, type ShopPlan } from '../shop/problem.js';
import type { ShopSolution } from '../shop/solution.js';
import type { SchedulingModel } from './build-model.js';
import { assignVar, startVar } from './names.js';

export interface ExtractedSchedule {
  plan: ShopPlan;
  solution: ShopSolution;
}

/** Solver values are exact only up to its tolerances (HiGHS: ~1e-6 here): this close to a whole number, take it. */
function snap(v: number): number {
  const r = Math.round(v);
  return Math.abs(v - r) <= 1e-5 ? r : v;
}

/**
 * Pushes starts forward where the solver's tolerances left a route, machine-order (with setup), release or
 * window constraint broken by a hair, in topological order of route and machine arcs. Starts move by at most
 * the accumulated tolerance; pinned operations never move.
 */
function repairTimes(
  model: SchedulingModel,
  shop: CompiledShop,
  machineOf: Int32Array,
  duration: Float64Array,
  sequences: number[][],
  start: Float64Array,
): void {
  const { n } = shop;
  const machinePrev = new Int32Array(n).fill(-1);
  const machineNext = new Int32Array(n).fill(-1);
  for (const seq of sequences) {
    for (let i = 1; i < seq.length; i++) {
      machinePrev[seq[i]!] = seq[i - 1]!;
      machineNext[seq[i - 1]!] = seq[i]!;
    }
  }
  const indegree = new Int32Array(n);
  const queue: number[] = [];
  for (let o = 0; o < n; o++) {
    indegree[o] = (shop.jobPrev[o]! >= 0 ? 1 : 0) + (machinePrev[o]! >= 0 ? 1 : 0);
    if (indegree[o] === 0) queue.push(o);
  }
  const lagMin = new Float64Array(n);
  for (const l of model.problem.lags ?? [])
    lagMin[shop.jobStart[l.job]! + l.op] = Math.max(lagMin[shop.jobStart[l.job]! + l.op]!, l.min ?? 0);
  const family = (o: number) => (shop.family[o]! >= 0 ? shop.family[o]! : undefined);
  for (let head = 0; head < queue.length; head++) {
    const o = queue[head]!;
    const op = model.ops[o]!;
    if (op.pinnedStart === undefined) {
      const machine = shop.problem.machines[machineOf[o]!]!;
      const jp = shop.jobPrev[o]!;
      const mp = machinePrev[o]!;
      const setup = setupTime(machine, mp >= 0 ? family(mp) : undefined, family(o));
      let t = Math.max(start[o]!, shop.release[o]!, setup);
      if (jp >= 0) t = Math.max(t, start[jp]! + duration[jp]! + lagMin[o]!);
      if (mp >= 0) t = Math.max(t, start[mp]! + duration[mp]! + setup);
      for (const w of machine.unavailable ?? []) {
        if (t - setup < w.end && w.start < t + duration[o]! && duration[o]! + setup > 0)
          t = Math.max(t, w.end + setup);
      }
      start[o] = t;
    }
    for (const next of [shop.jobNext[o]!, machineNext[o]!])
      if (next >= 0 && --indegree[next]! === 0) queue.push(next);
  }
}

export function extractSchedule(
  model: SchedulingModel,
  values: Readonly<Record<string, number>>,
): ExtractedSchedule {
  const shop = compileShop(model.problem.shop);
  const alt = new Array<number>(shop.n);
  const sequences: number[][] = Array.from({ length: shop.m }, () => []);
  const start = new Float64Array(shop.n);
  const duration = new Float64Array(shop.n);
  const machineOf = new Int32Array(shop.n);
  model.ops.forEach((op, o) => {
    let chosen = op.alts[0]!;
    if (op.alts.length > 1) {
      let best = -Infinity;
      for (const a of op.alts) {
        const x = values[assignVar(op.ref, a.machine)] ?? 0;
        if (x > best) [best, chosen] = [x, a];
      }
    }
    start[o] = op.pinnedStart ?? snap(values[startVar(op.ref)] ?? 0);
    duration[o] = chosen.duration;
    machineOf[o] = chosen.machine;
    alt[o] = alternativeOn(shop, o, chosen.machine);
    sequences[chosen.machine]!.push(o);
  });
  for (const seq of sequences) {
    seq.sort((a, b) => start[a]! - start[b]! || duration[a]! - duration[b]! || a - b);
  }
  repairTimes(model, shop, machineOf, duration, sequences, start);
  const operations: ScheduledOperation[] = [];
  let makespan = 0;
  model.ops.forEach((op, o) => {
    const end = start[o]! + duration[o]!;
    makespan = Math.max(makespan, end);
    operations.push({ job: op.ref.job, op: op.ref.op, machine: machineOf[o]!, start: start[o]!, end });
  });
  return { plan: { operations, makespan }, solution: { alt, sequences } };
}
