// Scenario + live state → production problem. One job per order with its remaining operations (those
// reported done are left out, scrapped units shrink the lot), each alternative at its expected work; the
// operation reported running is pinned on its machine at its real start and ends when its remaining work is
// done (it pauses over closed time, as a resumed operation in the simulation); with a previous plan, the
// operations it starts inside the frozen horizon are pinned where it put them, unless that no longer holds.
import type { OpenIntervals } from '../../twin/calendar-intervals.js';
import { distributionMean } from '../../twin/distribution-stats.js';
import type { Machine } from '../../twin/schema/machine.js';
import type { Order, OperationProgress } from '../../twin/schema/order.js';
import { instantToSimTime } from '../../twin/schema/time.js';
import type {
  ProductionJob,
  ProductionOperation,
  ProductionProblem,
} from '../../solver/production/problem.js';
import type { Scenario } from '../schema.js';
import { defaultMayPause, productionMachines, transportMatrix } from './machines.js';
import { freezeFromPrevious, type PreviousOperation } from './freeze.js';
import { productionOperators } from './operators.js';

/** A running operation always has at least this share of its work left (as in the simulation). */
export const MIN_RESUME_SHARE = 0.05;
const DAY_S = 86_400;
/** The calendars are expanded this far past the last release, due date or `now`. */
export const HORIZON_SLACK_S = 28 * DAY_S;

export interface ProblemOptions {
  /** Seconds after the scenario start (default 0). */
  now?: number;
  horizonS?: number;
  mayPause?: (machine: Machine) => boolean;
  /** The plan in force, by `order/operation`, and how far ahead of `now` its operations stay put. */
  previous?: ReadonlyMap<string, PreviousOperation>;
  frozenHorizonS?: number;
  /** Expected end of running operations by `order/operation` (an operation reported late). */
  runningEnds?: ReadonlyMap<string, number>;
  /** Work left of running operations by `order/operation` (from the plan in force), seconds from now. */
  runningWork?: ReadonlyMap<string, number>;
  calendarCache?: ProblemCalendarCache;
}

export type ProblemCalendarCache = Map<string, OpenIntervals>;

export const opKey = (order: string, operation: string) => `${order}/${operation}`;

function seconds(value: Order['release'], startMs: number): number | undefined {
  return value === undefined ? undefined : instantToSimTime(value, startMs);
}

export function horizonOf(scenario: Scenario, startMs: number, now: number): number {
  let latest = now;
  for (const o of scenario.orders)
    for (const t of [o.release, o.due]) latest = Math.max(latest, seconds(t, startMs) ?? 0);
  return latest + HORIZON_SLACK_S;
}

/**
 * Batch family index per routing operation that may share a cycle: one with a batch family whose
 * alternatives on batch machines are all timed per lot. A per-unit time counts the whole batch's units in the
 * simulation, so sharing a cycle would save nothing; such an operation runs alone.
 */
function batchFamilyIndex(scenario: Scenario): Map<object, number> {
  const batchMachines = new Set(scenario.machines.filter((m) => m.batch).map((m) => m.id as string));
  const index = new Map<string, number>();
  const out = new Map<object, number>();
  for (const p of scenario.products)
    for (const op of p.routing) {
      if (op.batchFamily === undefined) continue;
      const perLot = op.alternatives.every((a) => !batchMachines.has(a.machine) || a.per === 'lot');
      if (!perLot) continue;
      if (!index.has(op.batchFamily)) index.set(op.batchFamily, index.size);
      out.set(op, index.get(op.batchFamily)!);
    }
  return out;
}

/** Lots running in one batch end together: at the latest of their expected ends. */
function alignRunningBatches(jobs: ProductionJob[]): void {
  const ends = new Map<string, number>();
  const key = (p: NonNullable<ProductionOperation['pin']>) => `${p.machine}#${p.station}@${p.start}`;
  for (const job of jobs) {
    const p = job.operations[0]?.pin;
    if (p) ends.set(key(p), Math.max(ends.get(key(p)) ?? -Infinity, p.end));
  }
  for (const job of jobs) {
    const p = job.operations[0]?.pin;
    if (p) p.end = ends.get(key(p))!;
  }
}

export interface ProductionInput {
  problem: ProductionProblem;
  /** Open time per machine (what the problem's windows leave), for plan checks and reports. */
  open: OpenIntervals[];
}

export function scenarioToProductionProblem(
  scenario: Scenario,
  options: ProblemOptions = {},
): ProductionInput {
  const startMs = Date.parse(scenario.start);
  const now = options.now ?? 0;
  const horizonS = options.horizonS ?? horizonOf(scenario, startMs, now);
  const families = new Map<string, number>();
  for (const p of scenario.products)
    for (const op of p.routing)
      if (op.setupFamily !== undefined && !families.has(op.setupFamily))
        families.set(op.setupFamily, families.size);
  const { machines, open } = productionMachines(scenario, families, {
    startMs,
    horizonS,
    mayPause: options.mayPause ?? defaultMayPause,
    calendarCache: options.calendarCache,
  });
  const machineIndex = new Map(scenario.machines.map((m, k) => [m.id as string, k]));
  const operators = productionOperators(scenario, {
    startMs,
    horizonS,
    calendarCache: options.calendarCache,
  });
  const operatorIndex = new Map(operators.map((w, k) => [w.id, k]));
  const batchFamilies = batchFamilyIndex(scenario);
  const batchStations = new Map<string, number>();
  const products = new Map(scenario.products.map((p) => [p.id as string, p]));
  const runningPerMachine = new Int32Array(machines.length);
  const jobs = scenario.orders.map((order): ProductionJob => {
    const routing = products.get(order.product)?.routing ?? [];
    const progress = new Map<string, OperationProgress>((order.progress ?? []).map((p) => [p.operation, p]));
    let first = 0;
    let units = order.quantity;
    let from: number | undefined;
    for (; first < routing.length; first++) {
      const p = progress.get(routing[first]!.id);
      if (p?.status !== 'done') break;
      const completed = p.completedUnits ?? 0;
      if (completed > 0 && completed < units) units = completed;
      from = p.machine === undefined ? undefined : machineIndex.get(p.machine);
    }
    const operations = routing.slice(first).map((op, k): ProductionOperation => {
      const alternatives = op.alternatives
        .filter((alt) => machineIndex.has(alt.machine))
        .map((alt) => ({
          machine: machineIndex.get(alt.machine)!,
          duration: distributionMean(alt.time) * ((alt.per ?? 'unit') === 'unit' ? units : 1),
        }));
      const out: ProductionOperation = { id: op.id, alternatives };
      if (op.setupFamily !== undefined) out.family = families.get(op.setupFamily)!;
      if ((op.minLagS ?? 0) > 0 && k + first > 0) out.minLag = op.minLagS!;
      if (op.skill !== undefined) out.skill = op.skill;
      if (op.skill !== undefined && op.operatorFor !== undefined) out.operatorFor = op.operatorFor;
      const before = operatorIndex.get(options.previous?.get(opKey(order.id, op.id))?.operator ?? '');
      if (op.skill !== undefined && before !== undefined) out.preferOperator = before;
      if (op.maxLagS !== undefined && k + first > 0) out.maxLag = op.maxLagS;
      const batchFamily = batchFamilies.get(op);
      if (batchFamily !== undefined) out.batchFamily = batchFamily;
      if (units !== 1) out.units = units;
      const running = k === 0 ? progress.get(op.id) : undefined;
      const machine = running?.machine === undefined ? undefined : machineIndex.get(running.machine);
      if (running?.status === 'running' && machine !== undefined) {
        const alt = alternatives.find((a) => a.machine === machine);
        const work = alt?.duration ?? 0;
        const startedAt = running.startedAt === undefined ? now : seconds(running.startedAt, startMs)!;
        const start = Math.max(0, Math.min(now, startedAt));
        let done = 0;
        if ((running.completedUnits ?? 0) > 0) done = running.completedUnits! / units;
        else if (work > 0) done = open[machine]!.openTimeBetween(start, now) / work;
        const left =
          options.runningWork?.get(opKey(order.id, op.id)) ??
          work * Math.min(1, Math.max(MIN_RESUME_SHARE, 1 - done));
        const expected = options.runningEnds?.get(opKey(order.id, op.id));
        const end = Math.max(now, expected ?? open[machine]!.advanceWorking(now, left));
        // Lots running together in a furnace (same start) share its station: one batch.
        const together = `${machine}@${start}`;
        const shared = machines[machine]!.batch ? batchStations.get(together) : undefined;
        const station = shared ?? runningPerMachine[machine]!++;
        if (machines[machine]!.batch) batchStations.set(together, station);
        out.pin = {
          machine,
          station,
          start,
          end: Number.isFinite(end) ? end : horizonS,
          reason: 'running',
        };
        // The operator the plan in force gave it stays with it (the live state names none).
        if (before !== undefined) out.pin.operator = before;
      }
      return out;
    });
    const job: ProductionJob = {
      id: order.id,
      release: Math.max(0, seconds(order.release, startMs) ?? 0),
      weight: order.weight ?? 1,
      priority: order.priority ?? 5,
      operations,
    };
    const due = seconds(order.due, startMs);
    if (due !== undefined) job.due = due;
    if (from !== undefined) job.from = from;
    return job;
  });
  alignRunningBatches(jobs);
  const problem: ProductionProblem = { name: scenario.name, now, horizon: horizonS, machines, jobs };
  const transport = transportMatrix(scenario);
  if (transport) problem.transport = transport;
  if (operators.length > 0) problem.operators = operators;
  if (options.previous && (options.frozenHorizonS ?? 0) > 0)
    freezeFromPrevious(problem, open, options.previous, options.frozenHorizonS!);
  return { problem, open };
}
