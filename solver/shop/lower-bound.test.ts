import { describe, expect, it } from 'vitest';
import { FastRandom } from '../heuristics/fast-random.js';
import { compileShop } from './compiled.js';
import { FT06_OPTIMUM, ft06 } from './__fixtures__/ft06.js';
import { lowerBound } from './lower-bound.js';
import type { ShopProblem } from './problem.js';
import { timetable } from './timetable.js';

/** All orders of a list. */
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/** The optimum by enumeration: every machine choice, every order on every machine (semi-active schedules). */
function bruteForceOptimum(problem: ShopProblem): number {
  const shop = compileShop(problem);
  let best = Infinity;
  const alt = new Array<number>(shop.n).fill(0);
  const chooseAlternatives = (o: number): void => {
    if (o === shop.n) {
      const onMachine = Array.from({ length: shop.m }, (_, mc) =>
        permutations([...alt.keys()].filter((op) => shop.altMachine[alt[op]!] === mc)),
      );
      const sequences: number[][] = new Array(shop.m);
      const chooseOrders = (mc: number): void => {
        if (mc === shop.m) {
          const start = timetable(shop, { alt, sequences });
          if (start === undefined) return;
          let makespan = 0;
          for (let op = 0; op < shop.n; op++)
            makespan = Math.max(makespan, start[op]! + shop.altDuration[alt[op]!]!);
          best = Math.min(best, makespan);
          return;
        }
        for (const order of onMachine[mc]!) {
          sequences[mc] = order;
          chooseOrders(mc + 1);
        }
      };
      chooseOrders(0);
      return;
    }
    for (let a = shop.altStart[o]!; a < shop.altStart[o + 1]!; a++) {
      alt[o] = a;
      chooseAlternatives(o + 1);
    }
  };
  chooseAlternatives(0);
  return best;
}

/** A small random (flexible) job shop with releases: 2-3 jobs of 1-3 operations on 2-3 machines. */
function randomProblem(rng: FastRandom, flexible: boolean): ShopProblem {
  const m = rng.between(2, 3);
  const jobs = Array.from({ length: rng.between(2, 3) }, (_, j) => ({
    id: `J${j}`,
    release: rng.int(3) === 0 ? rng.between(1, 6) : 0,
    operations: Array.from({ length: rng.between(1, 3) }, (_, k) => {
      const machines = permutations([...Array(m).keys()])[rng.int(m === 2 ? 2 : 6)]!;
      const count = flexible ? rng.between(1, m) : 1;
      return {
        id: `O${k}`,
        alternatives: machines.slice(0, count).map((machine) => ({ machine, duration: rng.between(0, 6) })),
      };
    }),
  }));
  return { name: 'random', machines: Array.from({ length: m }, (_, k) => ({ id: `M${k}` })), jobs };
}

const op = (machine: number, duration: number) => ({ id: 'O', alternatives: [{ machine, duration }] });
const problem = (
  machines: number,
  jobs: { release?: number; ops: ReturnType<typeof op>[] }[],
): ShopProblem => ({
  name: 'case',
  machines: Array.from({ length: machines }, (_, k) => ({ id: `M${k}` })),
  jobs: jobs.map((job, j) => ({ id: `J${j}`, release: job.release ?? 0, operations: job.ops })),
});

describe('lowerBound', () => {
  it('is the longest job plus its release when jobs do not compete', () => {
    expect(lowerBound(problem(2, [{ release: 4, ops: [op(0, 3), op(1, 2)] }, { ops: [op(1, 1)] }]))).toBe(9);
  });

  it('adds head, machine load and tail on the busiest machine', () => {
    // Machine 1 carries 4 + 5 + 3; the earliest of them can start at 1 (after J0's first), none ends the job
    // with less than 0 left, so the bound is 1 + 12 + 0 = 13 (and 13 is reachable).
    const p = problem(2, [
      { ops: [op(0, 1), op(1, 4)] },
      { ops: [op(0, 2), op(1, 5)] },
      { ops: [op(0, 3), op(1, 3)] },
    ]);
    expect(lowerBound(p)).toBe(13);
    expect(bruteForceOptimum(p)).toBe(13);
  });

  it('uses the total work over the machine count for flexible operations, unrounded', () => {
    const flex = { id: 'O', alternatives: [0, 1].map((machine) => ({ machine, duration: 1 })) };
    const p = problem(2, [{ ops: [flex] }, { ops: [flex] }, { ops: [flex] }]);
    expect(lowerBound(p)).toBe(1.5);
    expect(bruteForceOptimum(p)).toBe(2);
  });

  it('never exceeds the optimum on random small job shops and flexible job shops with releases', () => {
    const rng = new FastRandom(2024);
    let tight = 0;
    for (let i = 0; i < 300; i++) {
      const p = randomProblem(rng, i % 2 === 1);
      const lb = lowerBound(p);
      const optimum = bruteForceOptimum(p);
      expect(lb, JSON.stringify(p)).toBeLessThanOrEqual(optimum);
      if (lb === optimum) tight++;
    }
    expect(tight).toBeGreaterThan(100); // and it is not trivially weak
  });

  it('is at most the optimum of ft06 and at least every job length', () => {
    const lb = lowerBound(ft06());
    expect(lb).toBeLessThanOrEqual(FT06_OPTIMUM);
    expect(lb).toBeGreaterThanOrEqual(47); // the longest job of ft06
  });

  it('is 0 for an empty problem', () => {
    expect(lowerBound({ name: 'empty', machines: [], jobs: [] })).toBe(0);
  });
});
