import { Resource } from '../resource.js';
import { TimeWeighted } from '../stats/time-weighted.js';
import type { FailureClock } from './breakdowns.js';
import type { CMachine } from './compiled.js';
import type { FactoryContext } from './context.js';
import { Gate, GateTimer } from './gate.js';
import type { Lot } from './lot.js';
import { BLOCKED, DOWN, IDLE, MAINTENANCE, OFF, RUNNING, SETUP, STARVED, StateClock } from './states.js';

// What a station is doing (a machine's shop-floor state is derived from its stations and its availability).
export const PH_IDLE = 0;
/** Holding a lot but waiting for the machine: a repair, or a slot it lost to a breakdown. */
export const PH_WAITING = 1;
export const PH_SETUP = 2;
export const PH_RUNNING = 3;
export const PH_BLOCKED = 4;

/** One of a machine's `capacity` parallel stations: one process each, one lot (or batch) at a time. */
export class Station {
  phase = PH_IDLE;
  /** Setup family it is set up for, −1 for none yet. */
  family = -1;
  /** Expected end of its current work (for the load estimate of alternative choice). */
  expectedEnd = 0;
}

/**
 * A machine while the simulation runs: a kernel Resource with one slot per station (breakdowns take every slot
 * with preemption, as in reference/jobshop.ts), its queue of lots, and the bookkeeping of its state.
 */
export class MachineRt {
  readonly resource: Resource;
  /** Notified whenever work may become startable: a lot arrives, the calendar opens, a repair ends. */
  readonly gate: Gate;
  readonly timer: GateTimer;
  readonly queue: Lot[] = [];
  readonly stations: Station[] = [];
  readonly clock: StateClock;
  /** Stations processing, and in setup, while the machine can work (station-seconds by integral). */
  readonly runLevel: TimeWeighted;
  readonly setupLevel: TimeWeighted;
  failure: FailureClock | undefined = undefined;
  broken = false;
  private readonly count = new Int32Array(5);
  private run = 0;
  private setup = 0;
  /** Expected work of lots routed here and not started yet. */
  workQueuedS = 0;
  /** Next position in the plan's sequence for this machine. */
  planPos = 0;
  // Production counts inside the observation window.
  operations = 0;
  unitsIn = 0;
  unitsScrapped = 0;
  unitsReworked = 0;
  idealS = 0;
  failures = 0;

  constructor(
    private readonly ctx: FactoryContext,
    readonly c: CMachine,
  ) {
    const { sim } = ctx;
    this.resource = new Resource(sim, c.capacity, c.id);
    this.gate = new Gate(sim);
    this.timer = new GateTimer(sim, this.gate);
    for (let i = 0; i < c.capacity; i++) this.stations.push(new Station());
    this.count[PH_IDLE] = c.capacity;
    this.clock = new StateClock(ctx.warmupS);
    this.runLevel = new TimeWeighted({ warmup: ctx.warmupS });
    this.setupLevel = new TimeWeighted({ warmup: ctx.warmupS });
  }

  /** New work may start now: inside open time, no maintenance or downtime window, not broken. */
  canStart(): boolean {
    return !this.broken && this.c.available.isOpen(this.ctx.sim.now);
  }

  setPhase(station: Station, phase: number): void {
    if (station.phase === phase) return;
    this.count[station.phase]!--;
    this.count[phase]!++;
    station.phase = phase;
    this.refresh();
  }

  enqueue(lot: Lot): void {
    const op = lot.operation;
    lot.arrival = this.ctx.sim.now;
    lot.processingS = lot.expectedProcessingS();
    lot.remainingS = lot.processingS + op.tailPerUnitS * lot.units + op.tailPerLotS;
    lot.queuedAt = this.c.index;
    this.queue.push(lot);
    this.refresh();
    this.gate.notify();
  }

  /** Take a lot out of the queue (it starts on a station). */
  take(lot: Lot): void {
    const i = this.queue.indexOf(lot);
    if (i >= 0) this.queue.splice(i, 1);
    lot.queuedAt = -1;
    this.workQueuedS -= lot.expectedWorkS;
    lot.expectedWorkS = 0;
  }

  /** Expected work in process on the stations from now on. */
  inProcessS(now: number): number {
    let s = 0;
    for (const st of this.stations) if (st.expectedEnd > now) s += st.expectedEnd - now;
    return s;
  }

  /**
   * Re-derive the shop-floor state, the running and setup levels and the failure clock after any change.
   * Priority: broken or a downtime window → down, maintenance window → maintenance, calendar closed → off,
   * then what the stations do (running > setup > blocked), then idle with work waiting, else starved.
   */
  refresh(): void {
    const t = this.ctx.sim.now;
    const c = this.c;
    const open = c.calendar.isOpen(t);
    const maintenance = c.maintenance.isOpen(t);
    const downtime = c.downtime.isOpen(t);
    const n = this.count;
    let state: number;
    if (this.broken || downtime) state = DOWN;
    else if (maintenance) state = MAINTENANCE;
    else if (!open) state = OFF;
    else if (n[PH_RUNNING]! > 0) state = RUNNING;
    else if (n[PH_SETUP]! > 0) state = SETUP;
    else if (n[PH_BLOCKED]! > 0) state = BLOCKED;
    else state = this.queue.length > 0 ? IDLE : STARVED;
    if (state !== this.clock.state) {
      this.clock.set(t, state);
      this.ctx.trace?.state(t, c.index, state);
      this.ctx.listener?.machineState?.(t, c.index, state);
    }
    const working = open && !maintenance && !downtime && !this.broken;
    const run = working ? n[PH_RUNNING]! : 0;
    if (run !== this.run) this.runLevel.update(t, (this.run = run));
    const setup = working ? n[PH_SETUP]! : 0;
    if (setup !== this.setup) this.setupLevel.update(t, (this.setup = setup));
    this.failure?.set(c.failureClock === 'calendar' ? !this.broken : run > 0);
  }
}
