import type { CompiledModel } from '../des/factory/compiled.js';
import type { FactoryContext } from '../des/factory/context.js';
import { compilePlan, type PlanIndex } from '../des/factory/plan-following.js';
import { wireCompiled } from '../des/factory/run.js';
import type { RngKind } from '../des/random/streams.js';
import type { Plan } from '../../twin/schema/plan.js';
import { MemoStreamFactory, type SourceHashes } from './memo-streams.js';

// Replications of one plan on a model compiled once: the work of simulateFactory (des/factory/run.ts) without
// compiling the model and the plan again for every run and without the KPIs the risk report does not read.
// The run is wired by the same wireCompiled as simulateFactory (no warm-up, no trace, no listener);
// plan-run.test.ts holds it to simulateFactory run for run.

/** A plan ready to be replicated: the compiled model, the plan indexed against it, where runs stop. */
export interface PreparedPlan {
  readonly model: CompiledModel;
  readonly plan: PlanIndex;
  /** A run stops here (≤ model.horizonS) if some order is still unfinished. */
  readonly horizonS: number;
  readonly allowEarly: boolean;
  /** Hashes of the random sources' names, filled by the first run, reused by the next ones. */
  readonly sourceHashes: SourceHashes;
}

export function preparePlan(
  model: CompiledModel,
  plan: Plan,
  horizonS: number,
  allowEarly = false,
): PreparedPlan {
  if (!(horizonS > 0 && horizonS <= model.horizonS))
    throw new RangeError(
      `run horizon ${horizonS} s must be in (0, ${model.horizonS}] (the compiled horizon)`,
    );
  return { model, plan: compilePlan(plan, model), horizonS, allowEarly, sourceHashes: new Map() };
}

/** What one run leaves: when it stopped and how many events it took. Completions go to the caller's array. */
export interface RunOutcome {
  endS: number;
  events: number;
}

function wire(prepared: PreparedPlan, seed: number, rng: RngKind): FactoryContext {
  return wireCompiled(prepared.model, {
    streams: new MemoStreamFactory(rng, seed, prepared.sourceHashes),
    rule: 'edd',
    // The run marks planned operations an order will never reach as skipped: each run gets its own copy.
    plan: { ...prepared.plan, skip: prepared.plan.skip.slice() },
    allowEarly: prepared.allowEarly,
    warmupS: 0,
    trace: undefined,
    listener: undefined,
  });
}

/**
 * One run of the plan with run seed `seed`, until every order is done or the horizon. Writes each order's
 * completion (NaN when unfinished) into `completionS`, in order-book order. Same prepared plan and seed →
 * the same numbers as simulateFactory with that plan, seed and horizon.
 */
export function runPrepared(
  prepared: PreparedPlan,
  seed: number,
  rng: RngKind,
  completionS: Float64Array,
): RunOutcome {
  if (completionS.length !== prepared.model.orders.length)
    throw new RangeError(
      `completionS has ${completionS.length} slots for ${prepared.model.orders.length} orders`,
    );
  const ctx = wire(prepared, seed, rng);
  const { sim } = ctx;
  const horizon = prepared.horizonS;
  while (ctx.unfinished > 0 && sim.peek() < horizon) sim.step();
  for (let i = 0; i < ctx.lots.length; i++) completionS[i] = ctx.lots[i]!.completedAt;
  return { endS: ctx.unfinished === 0 ? sim.now : horizon, events: sim.eventsProcessed };
}
