// Neighbourhoods of the MILP-based large-neighbourhood search: from a plan, free a few operations around its
// critical path (a time window, or a group of machines) and keep the rest on their machines in their order
// (kept sequences: rows, not variables). Pure and seeded: the same plan, random stream and iteration give the
// same neighbourhood.
import type { FastRandom } from '../heuristics/fast-random.js';
import { compileShop } from '../shop/compiled.js';
import { setupTime, type ShopPlan } from '../shop/problem.js';
import type { KeptSequence, MilpProblem } from './problem.js';

export type NeighbourhoodKind = 'window' | 'machines';

export interface Neighbourhood {
  kind: NeighbourhoodKind;
  /** Global operation indices (jobs in order, operations in route order) set free. */
  free: number[];
}

const TOL = 1e-6;

/**
 * One critical path of a plan, as global operation indices from first to last: from an operation that ends
 * at the makespan, back through whatever made each start when it did (the job predecessor's end, or the
 * machine predecessor's end plus the setup between them). Ties are broken by `rng`.
 */
export function criticalPath(problem: MilpProblem, plan: ShopPlan, rng: FastRandom): number[] {
  const shop = compileShop(problem.shop);
  const start = new Float64Array(shop.n);
  const end = new Float64Array(shop.n);
  const machine = new Int32Array(shop.n);
  for (const s of plan.operations) {
    const o = shop.jobStart[s.job]! + s.op;
    start[o] = s.start;
    end[o] = s.end;
    machine[o] = s.machine;
  }
  const byMachine: number[][] = Array.from({ length: shop.m }, () => []);
  for (let o = 0; o < shop.n; o++) byMachine[machine[o]!]!.push(o);
  const machinePrev = new Int32Array(shop.n).fill(-1);
  for (const list of byMachine) {
    list.sort((a, b) => start[a]! - start[b]! || end[a]! - end[b]! || a - b);
    for (let i = 1; i < list.length; i++) machinePrev[list[i]!] = list[i - 1]!;
  }
  const pick = (candidates: number[]) => candidates[rng.int(candidates.length)];
  const lasts: number[] = [];
  for (let o = 0; o < shop.n; o++) if (Math.abs(end[o]! - plan.makespan) <= TOL) lasts.push(o);
  const path: number[] = [];
  let o = pick(lasts);
  while (o !== undefined) {
    path.push(o);
    const causes: number[] = [];
    const jp = shop.jobPrev[o]!;
    if (jp >= 0 && Math.abs(end[jp]! - start[o]!) <= TOL) causes.push(jp);
    const mp = machinePrev[o]!;
    if (mp >= 0) {
      const fam = (x: number) => (shop.family[x]! >= 0 ? shop.family[x]! : undefined);
      const setup = setupTime(problem.shop.machines[machine[o]!]!, fam(mp), fam(o));
      if (Math.abs(end[mp]! + setup - start[o]!) <= TOL) causes.push(mp);
    }
    o = pick(causes);
  }
  return path.reverse();
}

/**
 * Even iterations free a time window: the `size` operations whose midpoints are nearest to that of a random
 * critical operation. Odd iterations free a group of machines: the critical operation's machine and one other
 * drawn at random, the `size` operations on them nearest in time to the critical one.
 */
export function chooseNeighbourhood(
  problem: MilpProblem,
  plan: ShopPlan,
  rng: FastRandom,
  iteration: number,
  size: number,
): Neighbourhood {
  const shop = compileShop(problem.shop);
  const path = criticalPath(problem, plan, rng);
  const entries = new Array<{ o: number; mid: number; machine: number }>(shop.n);
  for (const s of plan.operations) {
    const o = shop.jobStart[s.job]! + s.op;
    entries[o] = { o, mid: (s.start + s.end) / 2, machine: s.machine };
  }
  const centre = entries[path[rng.int(path.length)]!]!;
  const kind: NeighbourhoodKind = iteration % 2 === 0 || shop.m < 2 ? 'window' : 'machines';
  let pool = entries;
  if (kind === 'machines') {
    const other = (centre.machine + 1 + rng.int(shop.m - 1)) % shop.m;
    pool = entries.filter((e) => e.machine === centre.machine || e.machine === other);
  }
  const pinned = new Set((problem.pinned ?? []).map((p) => shop.jobStart[p.job]! + p.op));
  const free = pool
    .filter((e) => !pinned.has(e.o))
    .sort((a, b) => Math.abs(a.mid - centre.mid) - Math.abs(b.mid - centre.mid) || a.o - b.o)
    .slice(0, size)
    .map((e) => e.o)
    .sort((a, b) => a - b);
  return { kind, free };
}

/**
 * The subproblem of a neighbourhood: the base problem with every operation outside `free` kept on its machine
 * in the plan's order. With the makespan as the only objective, the plan's makespan becomes the horizon, so
 * the subproblem contains the plan and its big-M values are tight.
 */
export function neighbourhoodProblem(
  problem: MilpProblem,
  plan: ShopPlan,
  free: readonly number[],
): MilpProblem {
  const shop = compileShop(problem.shop);
  const isFree = new Uint8Array(shop.n);
  for (const o of free) isFree[o] = 1;
  const byMachine: { job: number; op: number; start: number; end: number }[][] = Array.from(
    { length: shop.m },
    () => [],
  );
  for (const s of plan.operations) {
    if (!isFree[shop.jobStart[s.job]! + s.op]) byMachine[s.machine]!.push(s);
  }
  const kept: KeptSequence[] = [];
  byMachine.forEach((list, machine) => {
    if (list.length === 0) return;
    list.sort((a, b) => a.start - b.start || a.end - b.end || a.job - b.job || a.op - b.op);
    kept.push({ machine, operations: list.map((s) => ({ job: s.job, op: s.op })) });
  });
  const makespanOnly = (problem.objective?.tardiness ?? 0) === 0;
  return {
    ...problem,
    kept,
    ...(makespanOnly && { horizon: Math.min(problem.horizon ?? Infinity, plan.makespan) }),
  };
}
