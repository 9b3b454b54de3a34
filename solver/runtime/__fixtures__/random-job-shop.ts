// Seeded random classic job shops (every job visits every machine once, in a random order) for the runtime
// tests: the MILP worker, the MILP neighbourhood search and the parallel tabu search.
import { FastRandom } from '../../heuristics/fast-random.js';
import type { ShopMachine, ShopProblem } from '../../shop/problem.js';

export interface RandomJobShopOptions {
  /** Processing times are drawn uniformly from [min, max] (default [1, 99]). */
  durations?: readonly [number, number];
  /** Releases are drawn uniformly from 0..releaseBelow−1 (default: every job released at 0). */
  releaseBelow?: number;
  /** Setup family of every operation of job `j` (default: none). */
  family?: (job: number) => number;
  /** Setups or unavailable windows of machine `k` (default: none). */
  machine?: (k: number) => Omit<ShopMachine, 'id' | 'number'>;
}

/** Per job: the machine order (Fisher–Yates), then its release (when drawn), then its processing times. */
export function randomJobShop(
  jobs: number,
  machines: number,
  seed: number,
  options: RandomJobShopOptions = {},
): ShopProblem {
  const rng = new FastRandom(seed);
  const [lo, hi] = options.durations ?? [1, 99];
  return {
    name: `random-${jobs}x${machines}`,
    machines: Array.from({ length: machines }, (_, k) => ({
      id: `M${k}`,
      number: k,
      ...options.machine?.(k),
    })),
    jobs: Array.from({ length: jobs }, (_, j) => {
      const order = [...Array(machines).keys()];
      for (let i = order.length - 1; i > 0; i--) {
        const k = rng.int(i + 1);
        [order[i], order[k]] = [order[k]!, order[i]!];
      }
      const release = options.releaseBelow === undefined ? 0 : rng.int(options.releaseBelow);
      return {
        id: `J${j}`,
        release,
        operations: order.map((machine, k) => ({
          id: `O${k}`,
          alternatives: [{ machine, duration: rng.between(lo, hi) }],
          ...(options.family && { family: options.family(j) }),
        })),
      };
    }),
  };
}
