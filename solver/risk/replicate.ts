import type { FactoryModel } from '../../twin/schema/factory.js';
import type { Order } from '../../twin/schema/order.js';
import type { Plan } from '../../twin/schema/plan.js';
import { planHorizonS } from '../check/plan-model-resolve.js';
import { simulateFactory } from '../des/factory/run.js';
import type { RngKind } from '../des/random/streams.js';

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
}

export const MAX_SEED = 4_294_967_295;

/** Replication r runs with seed + r: the same seed and r give the same run wherever it runs. */
function replicationSeed(seed: number, replication: number): number {
  const s = seed + replication;
  if (!Number.isSafeInteger(s) || s < 0 || s > MAX_SEED)
    throw new RangeError(`replication seed ${s} is outside 0..${MAX_SEED} (seed ${seed}, r ${replication})`);
  return s;
}

/** Simulate replication `replication` of the plan. Same input, seed and r → same sample. */
function runPlanReplication(
  input: PlanRiskInput,
  seed: number,
  replication: number,
  rng: RngKind = 'default',
): ReplicationSample {
  const runSeed = replicationSeed(seed, replication);
  const result = simulateFactory({
    model: input.model,
    orders: input.orders,
    startMs: input.startMs,
    plan: input.plan,
    seed: runSeed,
    rng,
    horizonS: input.horizonS ?? planHorizonS(input),
    ...(input.allowEarly !== undefined && { allowEarly: input.allowEarly }),
    ...(input.timezone !== undefined && { timezone: input.timezone }),
  });
  const completionS = new Float64Array(result.orders.length);
  for (let i = 0; i < result.orders.length; i++) completionS[i] = result.orders[i]!.completionS ?? NaN;
  return { replication, seed: runSeed, endS: result.endS, completionS };
}

/** Replications [from, to) in order, in this thread. */
export function runPlanReplications(
  input: PlanRiskInput,
  seed: number,
  from: number,
  to: number,
  rng: RngKind = 'default',
): ReplicationSample[] {
  const out: ReplicationSample[] = [];
  for (let r = from; r < to; r++) out.push(runPlanReplication(input, seed, r, rng));
  return out;
}
