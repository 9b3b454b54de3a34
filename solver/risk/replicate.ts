import type { FactoryModel } from '../../twin/schema/factory.js';
import type { Order } from '../../twin/schema/order.js';
import type { Plan } from '../../twin/schema/plan.js';
import { planHorizonS } from '../check/plan-model-resolve.js';
import { buildFactory } from '../des/factory/build.js';
import type { RngKind } from '../des/random/streams.js';
import { compileHorizonS, type CompiledModelCache } from './compiled-cache.js';
import { preparePlan, runPrepared, type PreparedPlan } from './plan-run.js';

/** What a risk analysis simulates: the plant, its order book and the plan the simulation follows. */
export interface PlanRiskInput {
  model: FactoryModel;
  orders: readonly Order[];
  /** Wall-clock time of simulated second 0 (the scenario's start). */
  startMs: number;
  plan: Plan;
  /** Stop a run here (default: a week past the plan's last operation, release or due date). */
  horizonS?: number;
  /** Let a machine start its next planned operation before its planned start (default: no). */
  allowEarly?: boolean;
  timezone?: string;
}

/** One replication of a plan, reduced to what the risk report needs. */
export interface ReplicationSample {
  replication: number;
  seed: number;
  /** When the run stopped: the last completion, else the horizon. */
  endS: number;
  /** Per order, in order-book order: completion in simulated seconds, NaN when unfinished at the horizon. */
  completionS: Float64Array;
  /** Events the run simulated (a machine-independent measure of its cost). */
  events: number;
}

export const MAX_SEED = 4_294_967_295;

/** Replication r runs with seed + r: the same seed and r give the same run wherever it runs. */
function replicationSeed(seed: number, replication: number): number {
  const s = seed + replication;
  if (!Number.isSafeInteger(s) || s < 0 || s > MAX_SEED)
    throw new RangeError(`replication seed ${s} is outside 0..${MAX_SEED} (seed ${seed}, r ${replication})`);
  return s;
}

/**
 * Compile the model (through `cache` when given: plans of one plant share it) and index the plan: the work
 * every replication of this plan shares.
 */
export function preparePlanRuns(input: PlanRiskInput, cache?: CompiledModelCache): PreparedPlan {
  if (!Number.isFinite(input.startMs))
    throw new RangeError(`startMs must be a time in ms (got ${input.startMs})`);
  const horizonS = input.horizonS ?? planHorizonS(input);
  const compileInput = {
    model: input.model,
    orders: input.orders,
    startMs: input.startMs,
    timezone: input.timezone,
  };
  const compiled = cache
    ? cache.get(compileInput, compileHorizonS(horizonS))
    : buildFactory({ ...compileInput, horizonS: compileHorizonS(horizonS) });
  return preparePlan(compiled, input.plan, horizonS, input.allowEarly ?? false);
}

/** Replications [from, to) of a prepared plan, in order. Same seed and r → the same sample anywhere. */
export function runPreparedReplications(
  prepared: PreparedPlan,
  seed: number,
  from: number,
  to: number,
  rng: RngKind = 'default',
): ReplicationSample[] {
  const out: ReplicationSample[] = [];
  for (let r = from; r < to; r++) {
    const runSeed = replicationSeed(seed, r);
    const completionS = new Float64Array(prepared.model.orders.length);
    const { endS, events } = runPrepared(prepared, runSeed, rng, completionS);
    out.push({ replication: r, seed: runSeed, endS, completionS, events });
  }
  return out;
}

/** Replications [from, to) in order, in this thread; the model compiled once for all of them. */
export function runPlanReplications(
  input: PlanRiskInput,
  seed: number,
  from: number,
  to: number,
  rng: RngKind = 'default',
  cache?: CompiledModelCache,
): ReplicationSample[] {
  return runPreparedReplications(preparePlanRuns(input, cache), seed, from, to, rng);
}
