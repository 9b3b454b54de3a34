import { SHOP_FLOOR_STATES, type ShopFloorState } from '../../../twin/schema/machine-state.js';
import type { RngKind } from '../random/streams.js';
import type { FactoryContext } from './context.js';
import type { DispatchRule } from './dispatch.js';
import type { MachineRt } from './machine.js';
import type { FactoryTrace } from './trace.js';

export interface OrderKpi {
  id: string;
  releaseS: number;
  /** Null without a due date. */
  dueS: number | null;
  /** Null when the order did not finish before the run stopped. */
  completionS: number | null;
  flowTimeS: number | null;
  tardinessS: number | null;
  /** An order without a due date is on time. */
  onTime: boolean | null;
  unitsGood: number;
  unitsScrapped: number;
  /** Operations started later after the previous one than the operation's maxLagS allows. */
  maxLagViolations: number;
}

/** OEE = availability × performance × quality (ISO 22400-2); every factor 0 when there is nothing to rate. */
export interface OeeKpi {
  availability: number;
  performance: number;
  quality: number;
  oee: number;
}

export interface MachineKpi {
  id: string;
  /** (Run + setup) station time over planned busy time (calendar minus planned maintenance). */
  utilisation: number;
  secondsByState: Record<ShopFloorState, number>;
  oee: OeeKpi;
  energyKwh: number;
  /** Planned busy time × stations, run time and setup time in station-seconds. */
  plannedS: number;
  runS: number;
  setupS: number;
  operations: number;
  failures: number;
  unitsIn: number;
  unitsGood: number;
  unitsScrapped: number;
  unitsReworked: number;
}

export interface TransporterKpi {
  id: string;
  trips: number;
  /** Time on trips (empty and loaded) over the whole run, per unit of capacity; utilisation over [0, endS]. */
  busyS: number;
  utilisation: number;
}

export interface FactoryResult {
  seed: number;
  rngKind: RngKind;
  mode: 'rule' | 'plan';
  rule: DispatchRule;
  horizonS: number;
  warmupS: number;
  /** When the run stopped: the last order's completion, else the horizon. */
  endS: number;
  eventsProcessed: number;
  ordersCompleted: number;
  ordersUnfinished: number;
  /** Orders and good units finished per hour of the observation window [warmupS, endS]. */
  throughput: { ordersPerHour: number; unitsPerHour: number };
  /** Completion of the last order finished (from second 0). */
  makespanS: number;
  meanFlowTimeS: number | null;
  /** Σ weight × tardiness; an unfinished order counts its lateness at the end of the run (a lower bound). */
  totalWeightedTardinessS: number;
  /** On-time orders over finished plus unfinished ones (an unfinished order is not on time). */
  onTimeRate: number | null;
  /** Time-weighted mean of lots on the floor. */
  meanWip: number;
  energyKwh: number;
  orders: OrderKpi[];
  machines: MachineKpi[];
  transporters: TransporterKpi[];
  trace?: FactoryTrace;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.min(1, a / b) : 0);

function machineKpi(ctx: FactoryContext, m: MachineRt, endS: number): MachineKpi {
  const from = Math.min(ctx.warmupS, endS);
  m.clock.close(endS);
  const seconds = m.clock.seconds;
  const plannedS = m.c.capacity * m.c.planned.openTimeBetween(from, endS);
  const runS = m.runLevel.integral(endS);
  const setupS = m.setupLevel.integral(endS);
  const unitsGood = m.unitsIn - m.unitsScrapped;
  // Ideal time = the distribution mean; faster draws than the mean would push performance above 1: capped.
  const availability = ratio(runS, plannedS);
  const performance = ratio(m.idealS, runS);
  const quality = ratio(unitsGood, m.unitsIn);
  let energyKwh = 0;
  for (let s = 0; s < seconds.length; s++) energyKwh += (seconds[s]! * m.c.powerKw[s]!) / 3600;
  return {
    id: m.c.id,
    utilisation: ratio(runS + setupS, plannedS),
    secondsByState: Object.fromEntries(SHOP_FLOOR_STATES.map((s, i) => [s, seconds[i]!])) as Record<
      ShopFloorState,
      number
    >,
    oee: { availability, performance, quality, oee: availability * performance * quality },
    energyKwh,
    plannedS,
    runS,
    setupS,
    operations: m.operations,
    failures: m.failures,
    unitsIn: m.unitsIn,
    unitsGood,
    unitsScrapped: m.unitsScrapped,
    unitsReworked: m.unitsReworked,
  };
}

export interface RunInfo {
  seed: number;
  rngKind: RngKind;
  mode: 'rule' | 'plan';
  rule: DispatchRule;
  endS: number;
}

/** The run's KPIs, read from the runtime objects once the simulation has stopped at `info.endS`. */
export function collectResult(ctx: FactoryContext, info: RunInfo): FactoryResult {
  const { endS } = info;
  const warmupS = ctx.warmupS;
  const windowH = Math.max(0, endS - warmupS) / 3600;
  let completed = 0;
  let inWindow = 0;
  let unitsInWindow = 0;
  let flowSum = 0;
  let onTime = 0;
  let weightedTardiness = 0;
  let makespanS = 0;
  const orders = ctx.lots.map((lot): OrderKpi => {
    const { order } = lot;
    const done = !Number.isNaN(lot.completedAt);
    const due = order.dueS;
    const late = Math.max(0, (done ? lot.completedAt : endS) - due);
    if (done) {
      completed++;
      makespanS = Math.max(makespanS, lot.completedAt);
      if (lot.completedAt >= warmupS) {
        inWindow++;
        unitsInWindow += lot.units;
        flowSum += lot.completedAt - order.releaseS;
        if (late === 0) onTime++;
        weightedTardiness += order.weight * late;
      }
    } else {
      weightedTardiness += order.weight * late;
    }
    return {
      id: order.id,
      releaseS: order.releaseS,
      dueS: due < Infinity ? due : null,
      completionS: done ? lot.completedAt : null,
      flowTimeS: done ? lot.completedAt - order.releaseS : null,
      tardinessS: done ? late : null,
      onTime: done ? late === 0 : null,
      unitsGood: lot.units,
      unitsScrapped: lot.scrapped,
      maxLagViolations: lot.lagViolations,
    };
  });
  const machines = ctx.machines.map((m) => machineKpi(ctx, m, endS));
  const pool = ctx.transport;
  const transporters = ctx.model.transporters.map((t, i) => {
    const busyS = pool ? pool.busyS[i]! / t.capacity : 0;
    return { id: t.id, trips: pool ? pool.trips[i]! : 0, busyS, utilisation: ratio(busyS, endS) };
  });
  const counted = inWindow + (ctx.lots.length - completed);
  const meanWip = ctx.wip.mean(endS);
  return {
    seed: info.seed,
    rngKind: info.rngKind,
    mode: info.mode,
    rule: info.rule,
    horizonS: ctx.model.horizonS,
    warmupS,
    endS,
    eventsProcessed: ctx.sim.eventsProcessed,
    ordersCompleted: completed,
    ordersUnfinished: ctx.lots.length - completed,
    throughput: {
      ordersPerHour: windowH > 0 ? inWindow / windowH : 0,
      unitsPerHour: windowH > 0 ? unitsInWindow / windowH : 0,
    },
    makespanS,
    meanFlowTimeS: inWindow > 0 ? flowSum / inWindow : null,
    totalWeightedTardinessS: weightedTardiness,
    onTimeRate: counted > 0 ? onTime / counted : null,
    meanWip: Number.isFinite(meanWip) ? meanWip : 0,
    energyKwh: machines.reduce((sum, m) => sum + m.energyKwh, 0),
    orders,
    machines,
    transporters,
  };
}
