// Giffler–Thompson construction of active schedules, generalised to several eligible machines: take the
// (operation, machine) pair that can finish first, then choose among the operations that could start on that
// machine before that finish time (the conflict set) by a dispatching rule.
import type { CompiledShop } from '../shop/compiled.js';
import type { ShopSolution } from '../shop/solution.js';
import type { FastRandom } from './fast-random.js';

export const CONSTRUCTION_RULES = ['spt', 'lpt', 'mwkr', 'lwkr', 'mor', 'fifo', 'random'] as const;
export type ConstructionRule = (typeof CONSTRUCTION_RULES)[number];

/** Shortest processing time of each operation over its alternatives. */
function minDurations(shop: CompiledShop): Float64Array {
  const out = new Float64Array(shop.n);
  for (let o = 0; o < shop.n; o++) {
    let best = Infinity;
    for (let a = shop.altStart[o]!; a < shop.altStart[o + 1]!; a++)
      best = Math.min(best, shop.altDuration[a]!);
    out[o] = best;
  }
  return out;
}

/**
 * One active schedule. `rng` breaks ties (and drives the `random` rule), so different streams give different
 * starting points for the local search.
 */
export function gifflerThompson(shop: CompiledShop, rule: ConstructionRule, rng: FastRandom): ShopSolution {
  const { n, m, jobCount, jobStart, jobNext, altStart, altMachine, altDuration } = shop;
  const pMin = minDurations(shop);
  const remaining = new Float64Array(n); // work left in the job from this operation on
  for (let j = 0; j < jobCount; j++) {
    let sum = 0;
    for (let o = jobStart[j + 1]! - 1; o >= jobStart[j]!; o--) remaining[o] = sum += pMin[o]!;
  }
  const next = Int32Array.from({ length: jobCount }, (_, j) =>
    jobStart[j]! < jobStart[j + 1]! ? jobStart[j]! : -1,
  );
  const jobReady = Float64Array.from({ length: jobCount }, (_, j) => shop.problem.jobs[j]!.release);
  const machineReady = new Float64Array(m);
  const alt = new Array<number>(n).fill(-1);
  const sequences: number[][] = Array.from({ length: m }, () => []);
  const score = (o: number, a: number): number => {
    switch (rule) {
      case 'spt':
        return altDuration[a]!;
      case 'lpt':
        return -altDuration[a]!;
      case 'mwkr':
        return -remaining[o]!;
      case 'lwkr':
        return remaining[o]!;
      case 'mor':
        return -(jobStart[shop.jobOf[o]! + 1]! - o);
      case 'fifo':
        return jobReady[shop.jobOf[o]!]!;
      case 'random':
        return 0;
    }
  };
  for (let placed = 0; placed < n; placed++) {
    // The pair with the earliest completion decides the machine and the conflict window.
    let bestEnd = Infinity;
    let bestMachine = -1;
    for (let j = 0; j < jobCount; j++) {
      const o = next[j]!;
      if (o < 0) continue;
      for (let a = altStart[o]!; a < altStart[o + 1]!; a++) {
        const end = Math.max(jobReady[j]!, machineReady[altMachine[a]!]!) + altDuration[a]!;
        if (end < bestEnd) {
          bestEnd = end;
          bestMachine = altMachine[a]!;
        }
      }
    }
    let chosenOp = -1;
    let chosenAlt = -1;
    let chosenScore = Infinity;
    let ties = 0;
    for (let j = 0; j < jobCount; j++) {
      const o = next[j]!;
      if (o < 0) continue;
      for (let a = altStart[o]!; a < altStart[o + 1]!; a++) {
        if (altMachine[a] !== bestMachine) continue;
        if (Math.max(jobReady[j]!, machineReady[bestMachine]!) >= bestEnd) continue;
        const s = score(o, a);
        if (s < chosenScore) {
          chosenScore = s;
          chosenOp = o;
          chosenAlt = a;
          ties = 1;
        } else if (s === chosenScore && rng.int(++ties) === 0) {
          chosenOp = o;
          chosenAlt = a;
        }
      }
    }
    if (chosenOp < 0) {
      // Only zero-length operations can leave the window empty; take the one that defined it.
      for (let j = 0; j < jobCount && chosenOp < 0; j++) {
        const o = next[j]!;
        if (o < 0) continue;
        for (let a = altStart[o]!; a < altStart[o + 1]!; a++) {
          const end = Math.max(jobReady[j]!, machineReady[altMachine[a]!]!) + altDuration[a]!;
          if (altMachine[a] === bestMachine && end === bestEnd) {
            chosenOp = o;
            chosenAlt = a;
            break;
          }
        }
      }
    }
    const j = shop.jobOf[chosenOp]!;
    const end = Math.max(jobReady[j]!, machineReady[bestMachine]!) + altDuration[chosenAlt]!;
    jobReady[j] = end;
    machineReady[bestMachine] = end;
    alt[chosenOp] = chosenAlt;
    sequences[bestMachine]!.push(chosenOp);
    next[j] = jobNext[chosenOp]!;
  }
  return { alt, sequences };
}
