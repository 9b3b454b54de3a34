// What a repair starts from: the live state the plan in force implies at `now` (its operations that ended
// are done, those under way are running), the previous plan's start and machine per operation (the stability
// reference), and its sequence as an encoding (free operations in the order the plan in force was decoded
// from, else by previous start; new ones by release; machines kept where still eligible).
import type { OperationProgress } from '../../twin/schema/order.js';
import type { Encoding } from '../../solver/production/decode.js';
import type { StabilityReference } from '../../solver/production/objectives.js';
import type { ProductionProblem } from '../../solver/production/problem.js';
import type { Scenario } from '../schema.js';
import type { PreviousOperation } from './freeze.js';
import { opKey } from './to-problem.js';

/** Orders with the progress the previous plan implies at `now` (reported progress of other operations kept). */
export function progressFromPlan(
  scenario: Scenario,
  previous: ReadonlyMap<string, PreviousOperation>,
  now: number,
): Scenario {
  const products = new Map(scenario.products.map((p) => [p.id as string, p]));
  const orders = scenario.orders.map((order) => {
    const routing = products.get(order.product)?.routing ?? [];
    const reported = new Map((order.progress ?? []).map((p) => [p.operation as string, p]));
    const progress: OperationProgress[] = [];
    for (const op of routing) {
      const p = previous.get(opKey(order.id, op.id));
      if (p && p.end <= now)
        progress.push({
          operation: op.id,
          status: 'done',
          machine: p.machine as OperationProgress['machine'],
        });
      else if (p && p.start <= now)
        progress.push({
          operation: op.id,
          status: 'running',
          machine: p.machine as OperationProgress['machine'],
          startedAt: p.start,
        });
      else {
        const r = reported.get(op.id);
        if (r && !p) progress.push(r);
      }
    }
    const { progress: _, ...rest } = order;
    return progress.length ? { ...rest, progress } : rest;
  });
  return { ...scenario, orders };
}

export function stabilityReference(
  problem: ProductionProblem,
  previous: ReadonlyMap<string, PreviousOperation>,
  toleranceS: number,
): StabilityReference {
  const starts: number[] = [];
  const machines: number[] = [];
  const index = new Map(problem.machines.map((m, k) => [m.id, k]));
  for (const job of problem.jobs) {
    for (const op of job.operations) {
      const p = previous.get(opKey(job.id, op.id));
      starts.push(p ? p.start : NaN);
      machines.push(p ? (index.get(p.machine) ?? -1) : -1);
    }
  }
  return { start: Float64Array.from(starts), machine: Int32Array.from(machines), toleranceS };
}

/**
 * The key each operation of the new problem is listed by: its rank in the list the plan in force was decoded
 * from, when that plan gives ranks (decoding the same list again gives the same plan where nothing changed);
 * else its start in that plan. One without a rank goes after every operation the plan in force starts before
 * it: a pinned one by its start there, a new one by its release.
 */
export function previousKeys(
  problem: ProductionProblem,
  previous: ReadonlyMap<string, PreviousOperation>,
): Float64Array {
  const known: { start: number; rank: number }[] = [];
  const ranked = [...previous.values()].some((p) => p.rank !== undefined);
  for (const p of previous.values())
    if (!ranked || p.rank !== undefined) known.push({ start: p.start, rank: ranked ? p.rank! : p.start });
  known.sort((x, y) => x.start - y.start);
  // Highest key among the operations that start by known[i].start.
  const upTo = new Float64Array(known.length);
  known.forEach((k, i) => (upTo[i] = Math.max(k.rank, i > 0 ? upTo[i - 1]! : -Infinity)));
  const after = (t: number): number => {
    let lo = 0;
    let hi = known.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (known[mid]!.start <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? -0.5 : upTo[lo - 1]! + 0.5;
  };
  const keys: number[] = [];
  for (const job of problem.jobs) {
    for (const op of job.operations) {
      const p = previous.get(opKey(job.id, op.id));
      const key = ranked ? p?.rank : p?.start;
      // Pinned in the plan in force (no rank): by its start there; new: by its release.
      keys.push(key ?? after(p ? p.start : Math.max(job.release, problem.now)));
    }
  }
  return Float64Array.from(keys);
}

/** The previous sequence (`keys`, previousKeys) as an encoding of the new problem, machines kept. */
export function repairStart(
  problem: ProductionProblem,
  reference: StabilityReference,
  keys: Float64Array,
): Encoding {
  const free: { o: number; job: number; key: number }[] = [];
  const alt: number[] = [];
  let o = 0;
  let a = 0;
  problem.jobs.forEach((job, j) => {
    for (const op of job.operations) {
      if (!op.pin) free.push({ o, job: j, key: keys[o]! });
      const k = op.alternatives.findIndex((x) => x.machine === reference.machine[o]);
      alt.push(op.pin || k < 0 ? -1 : a + k);
      a += op.alternatives.length;
      o++;
    }
  });
  free.sort((x, y) => x.key - y.key || x.o - y.o);
  // Keep each job's operations in route order whatever the keys say: its positions, given out in order.
  const positions = new Map<number, number[]>();
  free.forEach((f, i) => (positions.get(f.job) ?? positions.set(f.job, []).get(f.job)!).push(i));
  const order = new Int32Array(free.length);
  for (const list of positions.values()) {
    const ops = list.map((i) => free[i]!.o).sort((x, y) => x - y);
    list.forEach((position, i) => (order[position] = ops[i]!));
  }
  return { order, alt: Int32Array.from(alt) };
}
