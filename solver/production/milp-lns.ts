// MILP-based large-neighbourhood search for the production search: free a small run of operations around a
// late order (milp-neighbourhood.ts), solve it exactly as a MILP, decode the proposal with the real decoder,
// keep it when the real objective improves. The MILP solver comes in as a function, so this stays pure:
// solver/runtime/production-worker.ts passes glpk.js (loaded in that worker thread only).
import { FastRandom } from '../heuristics/fast-random.js';
import { buildSchedulingModel } from '../milp/build-model.js';
import { extractSchedule } from '../milp/extract.js';
import type { LpModel } from '../milp/lp-model.js';
import type { CompiledProduction } from './compiled.js';
import type { Encoding, Schedule } from './decode.js';
import { chooseMilpNeighbourhood, encodingWith } from './milp-neighbourhood.js';
import type { ObjectiveSpec } from './objectives.js';

/** What a MILP solve gives back: `values` by variable name when it found a solution. */
export interface SubsolverResult {
  status: 'optimal' | 'feasible' | 'timeLimit' | 'infeasible' | 'cancelled';
  values?: Readonly<Record<string, number>>;
}

/** Solves an LpModel within a time limit, synchronously (glpk.js in a worker thread). */
export type Subsolver = (model: LpModel, timeLimitS: number) => SubsolverResult;

export interface MilpLnsOptions {
  /** Seconds per neighbourhood (default 0.5); a neighbourhood that hits it may make the run depend on timing. */
  timeLimitS?: number;
  /** Operations per neighbourhood (default 12). */
  maxOps?: number;
}

/** Counted over a run and reported with the result. */
export interface MilpLnsStats {
  neighbourhoods: number;
  /** Proven optimal by the MILP solver. */
  optimal: number;
  /** Stopped by the time limit (with or without a solution). */
  timeLimited: number;
  /** Proposals that improved the best plan. */
  improvements: number;
}

export class MilpLns {
  private readonly rng: FastRandom;
  readonly stats: MilpLnsStats = { neighbourhoods: 0, optimal: 0, timeLimited: 0, improvements: 0 };

  constructor(
    private readonly cp: CompiledProduction,
    private readonly solve: Subsolver,
    private readonly objective: ObjectiveSpec,
    seed: number,
    private readonly options: MilpLnsOptions = {},
  ) {
    this.rng = new FastRandom(seed, 13);
  }

  /** A proposal from one neighbourhood of (`enc`, its decode `s`), or undefined when none came out. */
  propose(enc: Encoding, s: Schedule): Encoding | undefined {
    const hood = chooseMilpNeighbourhood(this.cp, s, this.objective, this.rng, {
      ...(this.options.maxOps !== undefined && { maxOps: this.options.maxOps }),
    });
    if (!hood) return undefined;
    const model = buildSchedulingModel(hood.problem);
    if (model.infeasible !== undefined) return undefined;
    this.stats.neighbourhoods++;
    const result = this.solve(model.lp, this.options.timeLimitS ?? 0.5);
    if (result.status === 'optimal') this.stats.optimal++;
    if (result.status === 'timeLimit' || result.status === 'feasible') this.stats.timeLimited++;
    if (!result.values) return undefined;
    const { plan } = extractSchedule(model, result.values);
    const starts = new Float64Array(hood.ops.length);
    const machines = new Int32Array(hood.ops.length);
    // Plan operations come in job order, route order: the order of `hood.ops`.
    plan.operations.forEach((e, i) => {
      starts[i] = e.start;
      machines[i] = e.machine;
    });
    return encodingWith(this.cp, enc, s, hood, starts, machines);
  }
}
