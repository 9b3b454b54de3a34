// The anytime search contract that the worker runtime drives: advance by a number of iterations, read the
// best solution at any moment, adopt a solution found elsewhere. Deterministic: the same seed and the same
// sequence of calls give the same trajectory.
import type { CompiledShop } from '../shop/compiled.js';
import type { ShopSolution } from '../shop/solution.js';
import { TabuSearch } from './tabu-search.js';

export interface SearchOptions {
  seed: number;
  /** Stop as soon as the best makespan is at most this (e.g. a proven lower bound). */
  target?: number;
  /** Check every incremental update against a full recomputation (slow; for tests). */
  selfCheck?: boolean;
}

export interface ShopSearch {
  /** Iterations done so far. */
  readonly iterations: number;
  /** Makespan of the best solution so far (of the search's own model: no calendars, see timetable.ts). */
  readonly bestMakespan: number;
  /** Iterations since the best of this search last improved. */
  readonly stagnation: number;
  /** True once the target is reached; further `run` calls do nothing. */
  readonly finished: boolean;
  /** Advance by at most `iterations` steps. */
  run(iterations: number): void;
  best(): ShopSolution;
  /** Continue from a solution found elsewhere (it becomes this search's best if it is better). */
  adopt(solution: ShopSolution): void;
}

export function createShopSearch(shop: CompiledShop, options: SearchOptions): ShopSearch {
  return new TabuSearch(shop, options);
}
