import type { FactoryModel } from '../../../twin/schema/factory.js';
import type { Order } from '../../../twin/schema/order.js';
import type { Plan } from '../../../twin/schema/plan.js';
import { StreamFactory, type RngKind } from '../random/streams.js';
import { Resource } from '../resource.js';
import { Simulation } from '../simulation.js';
import { TimeWeighted } from '../stats/time-weighted.js';
import { AvailabilityWalker } from './availability.js';
import { startBreakdowns } from './breakdowns.js';
import { buildFactory } from './build.js';
import type { CompiledModel } from './compiled.js';
import type { FactoryContext } from './context.js';
import { DISPATCH_RULES, type DispatchRule } from './dispatch.js';
import { lotProcess } from './flow.js';
import type { FactoryListener } from './listener.js';
import { Gate } from './gate.js';
import { collectResult, type FactoryResult } from './kpis.js';
import { Lot } from './lot.js';
import { MachineRt } from './machine.js';
import { compilePlan, type PlanIndex } from './plan-following.js';
import { station } from './station.js';
import { TraceRecorder } from './trace.js';
import { TransportPool } from './transport.js';

export interface FactoryInput {
  model: FactoryModel;
  orders: readonly Order[];
  /** Wall-clock time of simulated second 0 (the scenario's `start`). */
  startMs: number;
  seed: number;
  rng?: RngKind;
  /** Stop here if not every order is done by then (default: 4 weeks past the last release or due date). */
  horizonS?: number;
  /** Statistics count from here on. */
  warmupS?: number;
  /** Dispatching rule (default EDD); with a plan, for the operations the plan leaves out. */
  rule?: DispatchRule;
  /** Follow this plan: each machine takes its assignments in plan order, not before their planned start. */
  plan?: Plan;
  /** With a plan: a machine may start its next planned operation before the planned start. */
  allowEarly?: boolean;
  /** Record the event trace (state changes per machine, start and end per operation). */
  trace?: boolean;
  /** IANA time zone of the shift clock times (default: the site's, else UTC). */
  timezone?: string;
}

function check(input: FactoryInput): void {
  if (!Number.isSafeInteger(input.seed) || input.seed < 0)
    throw new RangeError(`seed must be an integer ≥ 0 (got ${input.seed})`);
  if (!Number.isFinite(input.startMs))
    throw new RangeError(`startMs must be a time in ms (got ${input.startMs})`);
  if (input.warmupS !== undefined && !(input.warmupS >= 0))
    throw new RangeError(`warmupS must be ≥ 0 (got ${input.warmupS})`);
  if (input.rule !== undefined && !DISPATCH_RULES.includes(input.rule))
    throw new RangeError(
      `unknown dispatching rule "${String(input.rule)}" (use ${DISPATCH_RULES.join(', ')})`,
    );
}

/** A run wired up and ready to step: the kernel, the runtime objects and the options it was built with. */
export interface WiredRun {
  readonly ctx: FactoryContext;
  readonly rngKind: RngKind;
  readonly rule: DispatchRule;
}

/** How one run on a compiled model is set up: the options its FactoryContext holds, ready-made. */
export interface RunSetup {
  readonly streams: StreamFactory;
  readonly rule: DispatchRule;
  /** The plan indexed against the model; the run marks skipped operations in it, so one per run. */
  readonly plan: PlanIndex | undefined;
  readonly allowEarly: boolean;
  readonly warmupS: number;
  readonly trace: TraceRecorder | undefined;
  readonly listener: FactoryListener | undefined;
}

/**
 * Create a run's kernel, runtime objects and processes on a model compiled already (nothing has run yet: the
 * calendar holds their starts). Shared by wireFactory and the risk report's replications (risk/plan-run.ts),
 * which compile the model once for many runs.
 */
export function wireCompiled(model: CompiledModel, setup: RunSetup): FactoryContext {
  const sim = new Simulation();
  const ctx: FactoryContext = {
    sim,
    model,
    machines: [],
    buffers: model.buffers.map((b) => new Resource(sim, b.capacity, b.id)),
    lots: [],
    transport: model.transporters.length > 0 ? new TransportPool(sim, model) : undefined,
    streams: setup.streams,
    rule: setup.rule,
    plan: setup.plan,
    allowEarly: setup.allowEarly,
    warmupS: setup.warmupS,
    trace: setup.trace,
    listener: setup.listener,
    never: new Gate(sim),
    wip: new TimeWeighted({ warmup: setup.warmupS }),
    unfinished: model.orders.length,
  };
  // Told once everything that may reject the input (the plan) has passed, before the first state is reported.
  setup.listener?.init?.(model);
  for (const c of model.machines) ctx.machines.push(new MachineRt(ctx, c));
  for (const o of model.orders) ctx.lots.push(new Lot(o, sim));
  for (const m of ctx.machines) {
    new AvailabilityWalker(m).start(sim);
    startBreakdowns(ctx, m);
    m.stations.forEach((st, i) => sim.process(station(ctx, m, st), `${m.c.id}/${i}`));
  }
  for (const lot of ctx.lots) sim.process(lotProcess(ctx, lot), lot.order.id);
  return ctx;
}

/**
 * Compile the model and create the run's processes (nothing has run yet: the calendar holds their starts).
 * Shared by the batch run below and the live run (live.ts), so both simulate the same thing.
 */
export function wireFactory(input: FactoryInput, listener?: FactoryListener): WiredRun {
  check(input);
  const model = buildFactory(input);
  const rngKind = input.rng ?? 'default';
  const rule = input.rule ?? 'edd';
  const ctx = wireCompiled(model, {
    streams: new StreamFactory(rngKind, input.seed),
    rule,
    plan: input.plan && compilePlan(input.plan, model),
    allowEarly: input.allowEarly ?? false,
    warmupS: input.warmupS ?? 0,
    trace: input.trace ? new TraceRecorder(model.machines.length) : undefined,
    listener,
  });
  return { ctx, rngKind, rule };
}

/**
 * Simulate the factory with its order book until every order is done or the horizon is reached, whichever
 * comes first, and return the KPIs (and the trace when asked). Same input and seed → same result.
 */
export function simulateFactory(input: FactoryInput): FactoryResult {
  const { ctx, rngKind, rule } = wireFactory(input);
  const { sim, model } = ctx;
  const horizon = model.horizonS;
  while (ctx.unfinished > 0 && sim.peek() < horizon) sim.step();
  const endS = ctx.unfinished === 0 ? sim.now : horizon;

  const result = collectResult(ctx, {
    seed: input.seed,
    rngKind,
    mode: ctx.plan ? 'plan' : 'rule',
    rule,
    endS,
  });
  if (ctx.trace) result.trace = ctx.trace.finish(model);
  return result;
}
