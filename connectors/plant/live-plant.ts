import type { DispatchRule } from '../../solver/des/factory/dispatch.js';
import { createFactoryRun, type FactoryRun } from '../../solver/des/factory/live.js';
import type { RngKind } from '../../solver/des/random/streams.js';
import { RealTimePacer } from '../../solver/des/realtime.js';
import type { FactoryModel } from '../../twin/schema/factory.js';
import type { Order } from '../../twin/schema/order.js';
import { JOB_ORDER_RETURN_STATUS as RS, type JobOrder } from '../dispatch/job-order.js';
import type { ObservationSink } from '../telemetry/observation-sink.js';
import { anchorInstants } from './anchor-instants.js';
import { JobOrderBook, type JobOrderAnswer, type ReceivedJobOrder } from './job-order-book.js';
import { OrderProgressBook } from './progress.js';
import { PlantTelemetry, type MachineTelemetry } from './telemetry.js';

export interface LivePlantInput {
  model: FactoryModel;
  orders: readonly Order[];
  /** Plant clock: wall-clock ms of simulated second 0 (the scenario's start). Observations carry this clock. */
  startMs: number;
  seed: number;
  rng?: RngKind;
  rule?: DispatchRule;
  /** Simulated seconds per wall second. */
  speed: number;
  /** Process signals every this many wall milliseconds. */
  sampleMs: number;
  /** Observation `source`. */
  source: string;
  sink: ObservationSink;
  /** Following job orders, a machine may start a planned operation before its planned start. */
  allowEarly?: boolean;
  /** The wall clock (tests may pass their own). */
  clock?: () => number;
}

export interface PlantSnapshot {
  running: boolean;
  speed: number;
  /** Plant clock now (ms) and simulated seconds since the scenario's start. */
  clockMs: number;
  simTimeS: number;
  lagMs: number;
  machines: MachineTelemetry[];
  ordersDone: number;
  /** Times the live run was rebuilt to follow new job orders. */
  rebuilds: number;
  observations: number;
  jobOrders: ReceivedJobOrder[];
}

/** Longest timer wait: the speed may change and job orders arrive meanwhile. */
const MAX_TICK_MS = 250;
/** Events per timer tick at most when catching up, so the event loop (OPC UA, MQTT) keeps breathing. */
const MAX_EVENTS_PER_TICK = 20_000;

/**
 * The factory simulation running in real time (times `speed`), publishing what happens as Observations and
 * following the job orders it receives. Following: each start or cancel rebuilds the live run from where the
 * plant stands (operations done are skipped, running ones resume on their machine) with the running job
 * orders as its plan, continuing from the current simulated instant; counters and states carry over.
 */
export class LivePlant {
  readonly jobOrders: JobOrderBook;
  private readonly input: LivePlantInput;
  private readonly model: FactoryModel;
  private readonly orders: Order[];
  private readonly progress: OrderProgressBook;
  private readonly telemetry: PlantTelemetry;
  private readonly clock: () => number;
  private run: FactoryRun;
  private pacer: RealTimePacer;
  private speed: number;
  private timer: NodeJS.Timeout | undefined;
  private nextSampleMs = 0;
  private lagMs = 0;
  private rebuilds = 0;
  private readonly orderIndex: Map<string, number>;

  constructor(input: LivePlantInput) {
    if (!(input.speed > 0)) throw new RangeError(`speed must be > 0 (got ${input.speed})`);
    if (!(input.sampleMs >= 10)) throw new RangeError(`sampleMs must be ≥ 10 (got ${input.sampleMs})`);
    this.input = input;
    this.speed = input.speed;
    this.clock = input.clock ?? Date.now;
    ({ model: this.model, orders: this.orders } = anchorInstants(input.model, input.orders, input.startMs));
    this.orderIndex = new Map(this.orders.map((o, i) => [o.id as string, i]));
    this.progress = new OrderProgressBook(this.orders);
    this.telemetry = new PlantTelemetry(input.sink, this.progress, input.source, input.seed, () =>
      this.jobOrders.markEnded((o, op) => this.isDone(o, op)),
    );
    this.jobOrders = new JobOrderBook(new Set(this.model.machines.map((m) => m.id)), (j) => this.check(j));
    this.run = this.createRun(input.startMs, this.orders, undefined);
    this.pacer = this.createPacer();
  }

  get isRunning(): boolean {
    return this.timer !== undefined;
  }

  start(): void {
    if (this.timer) return;
    const now = this.clock();
    this.pacer = this.createPacer();
    this.pacer.start(now);
    this.nextSampleMs = now;
    this.tick();
  }

  stop(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pacer.advance(this.clock());
    this.telemetry.flush();
  }

  setSpeed(speed: number): void {
    if (!(speed > 0)) throw new RangeError(`speed must be > 0 (got ${speed})`);
    this.speed = speed;
    if (this.timer) this.pacer.setSpeed(speed, this.clock());
  }

  snapshot(): PlantSnapshot {
    const t = this.run.sim.now;
    const clockMs = this.run.wallMsOf(t);
    return {
      running: this.isRunning,
      speed: this.speed,
      clockMs,
      simTimeS: (clockMs - this.input.startMs) / 1000,
      lagMs: this.lagMs,
      machines: this.telemetry.machines.map((m) => ({ ...m })),
      ordersDone: this.orders.length - this.run.unfinished,
      rebuilds: this.rebuilds,
      observations: this.telemetry.published,
      jobOrders: this.jobOrders.list(),
    };
  }

  /** The order book with each order's progress now (done and running operations): what a reschedule starts from. */
  ordersNow(): Order[] {
    return this.progress.ordersWithProgress(this.run.model);
  }

  /** The latest value of every event-driven signal (for a consumer that joins late). */
  current() {
    return this.telemetry.current(this.run.sim.now);
  }

  // JobOrderControl: Store / StoreAndStart / Start / Cancel / Clear. They never throw.
  storeJobOrder(machine: string, text: unknown, andStart: boolean): JobOrderAnswer {
    const stored = this.jobOrders.store(machine, text, this.clock());
    if (stored.returnStatus !== RS.ok || !andStart) return stored;
    return this.startJobOrder(machine, stored.jobOrderId);
  }

  startJobOrder(machine: string, id: unknown): JobOrderAnswer {
    const before = typeof id === 'string' ? this.jobOrders.get(id)?.state : undefined;
    const answer = this.jobOrders.start(machine, id as string, this.clock());
    if (answer.returnStatus !== RS.ok || before !== 'stored') return answer;
    const failed = this.follow();
    if (!failed) return { returnStatus: RS.ok };
    this.jobOrders.unstart(id as string, answer.superseded);
    return { returnStatus: RS.notAllowedInState, reason: `the plant cannot follow it: ${failed}` };
  }

  cancelJobOrder(machine: string, id: unknown): JobOrderAnswer {
    const before = typeof id === 'string' ? this.jobOrders.get(id)?.state : undefined;
    const answer = this.jobOrders.cancel(machine, id as string);
    if (answer.returnStatus === RS.ok && before === 'running') this.follow();
    return answer;
  }

  clearJobOrder(machine: string, id: unknown): JobOrderAnswer {
    return this.jobOrders.clear(machine, id as string);
  }

  private isDone(order: string, operation: string): boolean {
    const i = this.orderIndex.get(order);
    if (i === undefined) return false;
    const k = this.run.model.orders[i]!.product.routing.findIndex((op) => op.id === operation);
    return k >= 0 && this.progress.isDone(i, k);
  }

  /** A job order names orders and operations of this plant, on a machine that can run them. */
  private check(jobOrder: JobOrder): string | undefined {
    for (const [i, o] of jobOrder.operations.entries()) {
      const where = `JobOrder.operations[${i}]`;
      const order = this.orders[this.orderIndex.get(o.order) ?? -1];
      if (!order) return `${where}.order: unknown order "${o.order}"`;
      const product = this.model.products.find((p) => p.id === order.product);
      const op = product?.routing.find((x) => x.id === o.operation);
      if (!op) return `${where}.operation: order "${o.order}" has no operation "${o.operation}"`;
      if (!op.alternatives.some((a) => a.machine === jobOrder.machine))
        return `${where}: operation "${o.operation}" cannot run on machine "${jobOrder.machine}"`;
      if (o.endS < o.startS) return `${where}.endS: before startS`;
    }
    return undefined;
  }

  private createRun(startMs: number, orders: Order[], plan: ReturnType<JobOrderBook['plan']>): FactoryRun {
    const i = this.input;
    return createFactoryRun(
      {
        model: this.model,
        orders,
        startMs,
        seed: i.seed + this.rebuilds,
        ...(i.rng && { rng: i.rng }),
        ...(i.rule && { rule: i.rule }),
        ...(plan && { plan, allowEarly: i.allowEarly ?? false }),
      },
      this.telemetry,
    );
  }

  private createPacer(): RealTimePacer {
    return new RealTimePacer(this.run.sim, {
      speed: this.speed,
      mode: 'catch-up',
      maxEventsPerAdvance: MAX_EVENTS_PER_TICK,
    });
  }

  /** Rebuild the live run from the plant's state with the running job orders as its plan; the error if not. */
  private follow(): string | undefined {
    const now = this.clock();
    if (this.timer) this.pacer.advance(now);
    this.telemetry.flush();
    const startMs = this.run.wallMsOf(this.run.sim.now);
    const orders = this.progress.ordersWithProgress(this.run.model);
    const plan = this.jobOrders.plan(startMs, `job-orders-${this.rebuilds + 1}`);
    try {
      this.rebuilds++;
      this.run = this.createRun(startMs, orders, plan);
    } catch (e) {
      this.rebuilds--;
      return (e as Error).message;
    }
    this.pacer = this.createPacer();
    this.pacer.start(now);
    return undefined;
  }

  private tick = (): void => {
    const now = this.clock();
    const r = this.pacer.advance(now);
    this.lagMs = r.lagMs;
    this.telemetry.flush();
    if (now >= this.nextSampleMs) {
      this.telemetry.sample(this.run.sim.now);
      this.nextSampleMs += this.input.sampleMs;
      if (this.nextSampleMs <= now) this.nextSampleMs = now + this.input.sampleMs; // fell behind: no burst
    }
    const next = Math.min(r.nextWallMs, this.nextSampleMs, now + MAX_TICK_MS);
    this.timer = setTimeout(this.tick, r.lagMs > 0 ? 0 : Math.max(0, next - now));
  };
}
