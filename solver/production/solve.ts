// Scheduling a production problem: conflicts named first (infeasibility.ts), then dispatching with several
// rules (construct.ts), the best of them improved by the local search (local-search.ts) within a time budget
// or an iteration count. A repair starts from a given encoding (the previous plan's sequence) instead.
// Pure: the clock comes in as an argument and is only read to stop; iterations decide the result.
import { TwinError } from '../../twin/errors.js';
import { compileProduction, type CompiledProduction } from './compiled.js';
import { construct, DISPATCH_RULES, type DispatchRule } from './construct.js';
import { Decoder, isValidOrder, Schedule, type Encoding } from './decode.js';
import { findInfeasibilities, maxLagFailure } from './infeasibility.js';
import { LocalSearch } from './local-search.js';
import { MilpLns, type MilpLnsOptions, type MilpLnsStats, type Subsolver } from './milp-lns.js';
import {
  compareKeys,
  DEFAULT_OBJECTIVE,
  evaluate,
  keyLength,
  objectiveKey,
  type ObjectiveSpec,
  type ObjectiveValues,
  type StabilityReference,
} from './objectives.js';
import type { PlannedOperation, ProductionPlan, ProductionProblem } from './problem.js';

export const PRODUCTION_ENGINE = 'shopfloor-twin production search 1';

export interface ProductionSolveOptions {
  seed?: number;
  objective?: ObjectiveSpec;
  /** Stop after this much time (read through `clock`); with `maxIterations` alone the run is reproducible. */
  timeBudgetMs?: number;
  maxIterations?: number;
  /** Milliseconds from any origin (performance.now in a connector); needed with a time budget. */
  clock?: () => number;
  /** Dispatching rules to start from (all by default); a repair's start replaces them. */
  rules?: readonly DispatchRule[];
  /** Start from this encoding (a repaired previous plan) rather than dispatching. */
  start?: Encoding;
  reference?: StabilityReference;
  /** Called when the best improves: elapsed ms, iterations so far and the values. */
  onImprove?: (elapsedMs: number, iterations: number, values: ObjectiveValues) => void;
  /** MILP-based large-neighbourhood search between local search slices (needs `subsolver`). */
  milp?: MilpSearchOptions;
  /** The MILP solver for `milp` (a runtime passes glpk.js; this module loads none). */
  subsolver?: Subsolver;
}

export interface MilpSearchOptions extends MilpLnsOptions {
  /** A neighbourhood is solved once the local search has not improved for this many iterations, and at
   * most once per that many (default 1,000). */
  stallIterations?: number;
}

export interface ProductionSolveResult {
  plan: ProductionPlan;
  values: ObjectiveValues;
  encoding: Encoding;
  seed: number;
  iterations: number;
  /** Time from the call to the first feasible plan, to the best, and in all (0 without a clock). */
  firstFeasibleMs: number;
  timeToBestMs: number;
  elapsedMs: number;
  /** The start: a rule, or 'given'. */
  startedFrom: DispatchRule | 'given';
  /** Present when MILP neighbourhoods ran. */
  milp?: MilpLnsStats;
}

/** Local search iterations between two reads of the clock. */
const SLICE = 200;

/** Thrown with every conflict in `details.conflicts` (TWIN_E_INFEASIBLE). */
function infeasible(problem: ProductionProblem): void {
  const conflicts = findInfeasibilities(problem);
  if (conflicts.length === 0) return;
  throw new TwinError(
    'TWIN_E_INFEASIBLE',
    `no plan can satisfy ${problem.name}: ${conflicts.map((c) => c.message).join('; ')}`,
    { conflicts },
  );
}

/** The plan of a decoded schedule; with the list it was decoded from, each free operation's rank in it. */
export function planOfSchedule(cp: CompiledProduction, s: Schedule, order?: Int32Array): ProductionPlan {
  const operations: PlannedOperation[] = [];
  const rank = new Int32Array(cp.n).fill(-1);
  order?.forEach((o, i) => (rank[o] = i));
  let makespan = 0;
  for (let o = 0; o < cp.n; o++) {
    const station = s.station[o]!;
    const machine = cp.stationMachine[station]!;
    const j = cp.jobOf[o]!;
    const batch = s.groups.group[o]!;
    operations.push({
      job: j,
      op: o - cp.jobStart[j]!,
      machine,
      station: station - cp.stationStart[machine]!,
      setupStart: s.setupStart[o]!,
      start: s.start[o]!,
      end: s.end[o]!,
      ...(s.operator[o]! >= 0 && { operator: s.operator[o]! }),
      ...(batch >= 0 && { batch }),
      ...(rank[o]! >= 0 && { rank: rank[o]! }),
    });
    makespan = Math.max(makespan, s.end[o]!);
  }
  return { operations, makespan };
}

function failure(cp: CompiledProduction, s: Schedule): TwinError {
  const o = s.failed;
  const j = cp.jobOf[o]!;
  const job = cp.problem.jobs[j]!;
  const op = job.operations[o - cp.jobStart[j]!]!;
  const machines = op.alternatives.map((a) => `"${cp.problem.machines[a.machine]!.id}"`).join(', ');
  if (s.failedLag) return maxLagFailure(cp, o, machines);
  return new TwinError(
    'TWIN_E_INFEASIBLE',
    `order "${job.id}", operation "${op.id}" does not fit on ${machines} before the horizon (${cp.horizon} s): ` +
      'the calendars (of the machines, and of the skilled operators) have not enough open time left for the load',
    {
      conflicts: [
        { kind: 'noOpenTime', job: job.id, operation: op.id, message: 'no open time before the horizon' },
      ],
    },
  );
}

export function solveProduction(
  problem: ProductionProblem,
  options: ProductionSolveOptions = {},
): ProductionSolveResult {
  infeasible(problem);
  const clock = options.clock ?? (() => 0);
  const t0 = clock();
  const seed = options.seed ?? 1;
  const objective = options.objective ?? DEFAULT_OBJECTIVE;
  const cp = compileProduction(problem);
  const decoder = new Decoder(cp);
  const schedule = new Schedule(cp);
  const key = new Float64Array(keyLength(objective));
  const bestKey = new Float64Array(key.length).fill(Infinity);
  let start: Encoding | undefined;
  let startedFrom: DispatchRule | 'given' = 'given';
  let firstFeasibleMs = -1;
  const starts: [DispatchRule | 'given', () => Encoding][] = options.start
    ? [['given', () => options.start!]]
    : (options.rules ?? DISPATCH_RULES).map((rule) => [rule, () => construct(cp, { rule })]);
  for (const [name, make] of starts) {
    const encoding = make();
    if (!isValidOrder(cp, encoding.order))
      throw new TwinError(
        'TWIN_E_INTERNAL',
        `production search: the ${name} start lists the operations wrongly`,
      );
    decoder.decode(encoding, schedule);
    if (schedule.failed >= 0) continue;
    if (firstFeasibleMs < 0) firstFeasibleMs = clock() - t0;
    objectiveKey(objective, evaluate(cp, schedule, options.reference), key);
    if (compareKeys(key, bestKey) < 0) {
      bestKey.set(key);
      start = encoding;
      startedFrom = name;
    }
  }
  if (start === undefined) throw failure(cp, schedule);
  const search = new LocalSearch(cp, start, { seed, objective, reference: options.reference });
  let timeToBestMs = clock() - t0;
  let lastBest = -1;
  const maxIterations = options.maxIterations ?? (options.timeBudgetMs === undefined ? 20_000 : Infinity);
  const deadline = options.timeBudgetMs === undefined ? Infinity : t0 + options.timeBudgetMs;
  const lns =
    options.milp && options.subsolver
      ? new MilpLns(cp, options.subsolver, objective, seed, options.milp)
      : undefined;
  const stall = options.milp?.stallIterations ?? 1000;
  let lastLns = 0;
  while (search.iterations < maxIterations && clock() < deadline) {
    search.run(Math.min(SLICE, maxIterations - search.iterations));
    if (
      lns &&
      search.iterations - search.bestIteration >= stall &&
      search.iterations - lastLns >= stall &&
      clock() < deadline
    ) {
      lastLns = search.iterations;
      const best = search.best();
      const proposal = lns.propose(best.encoding, best.schedule);
      if (proposal && search.adopt(proposal)) lns.stats.improvements++;
    }
    if (search.bestIteration !== lastBest) {
      lastBest = search.bestIteration;
      timeToBestMs = clock() - t0;
      options.onImprove?.(timeToBestMs, search.iterations, search.best().values);
    }
  }
  const best = search.best();
  return {
    plan: planOfSchedule(cp, best.schedule, best.encoding.order),
    values: best.values,
    encoding: { order: Int32Array.from(best.encoding.order), alt: Int32Array.from(best.encoding.alt) },
    seed,
    iterations: search.iterations,
    firstFeasibleMs: Math.max(0, firstFeasibleMs),
    timeToBestMs,
    elapsedMs: clock() - t0,
    startedFrom,
    ...(lns && { milp: { ...lns.stats } }),
  };
}
