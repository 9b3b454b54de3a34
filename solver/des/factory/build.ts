import type { OpenIntervals } from '../../../twin/calendar-intervals.js';
import { machineAvailability } from '../../../twin/machine-availability.js';
import { distanceM, travelTimeS } from '../../../twin/distances.js';
import { distributionMean } from '../../../twin/distribution-stats.js';
import { TwinError } from '../../../twin/errors.js';
import type { FactoryModel } from '../../../twin/schema/factory.js';
import type { Machine } from '../../../twin/schema/machine.js';
import type { Order } from '../../../twin/schema/order.js';
import { instantToSimTime } from '../../../twin/schema/time.js';
import type { Transporter } from '../../../twin/schema/structure.js';
import { compileSampler } from '../random/variates.js';
import type {
  CAlternative,
  CLocation,
  CMachine,
  CompiledModel,
  COperation,
  CProduct,
  CTransporter,
} from './compiled.js';
import { compileOrders } from './orders.js';
import { compileSetupMatrix } from './setup-table.js';
import { powerVector } from './states.js';

export interface BuildInput {
  model: FactoryModel;
  orders: readonly Order[];
  startMs: number;
  horizonS?: number | undefined;
  timezone?: string | undefined;
}

const DAY_S = 86_400;
/** Without a horizon, simulate up to four weeks past the last release or due date. */
export const DEFAULT_SLACK_S = 28 * DAY_S;

/** Label → index, in order of first use. */
function labels(values: Iterable<string | undefined>): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of values) if (v !== undefined && !out.has(v)) out.set(v, out.size);
  return out;
}

function defaultHorizon(orders: readonly Order[], startMs: number): number {
  let latest = 0;
  for (const o of orders) {
    for (const t of [o.release, o.due]) {
      const s = t === undefined ? NaN : instantToSimTime(t, startMs);
      if (s > latest) latest = s;
    }
  }
  return latest + DEFAULT_SLACK_S;
}

function compileMachines(input: BuildInput, horizonS: number, families: Map<string, number>): CMachine[] {
  const { model } = input;
  const timeZone = input.timezone ?? model.site.timezone ?? 'UTC';
  const calendars = new Map((model.calendars ?? []).map((c) => [c.id as string, c]));
  const matrices = new Map((model.setupMatrices ?? []).map((s) => [s.id as string, s]));
  const buffers = new Map((model.buffers ?? []).map((b, i) => [b.id as string, i]));
  const expanded = new Map<string, OpenIntervals>();
  const bufferOf = (m: Machine, id: string | undefined) => {
    if (id === undefined) return -1;
    const b = buffers.get(id);
    if (b === undefined)
      throw new TwinError('TWIN_E_UNKNOWN_REFERENCE', `machine "${m.id}": unknown buffer "${id}"`);
    return b;
  };
  return model.machines.map((m, index): CMachine => {
    const { calendar, maintenance, downtime } = machineAvailability(m, model.site, calendars, {
      startMs: input.startMs,
      horizonS,
      timeZone,
      cache: expanded,
    });
    const planned = calendar.subtract(maintenance);
    const matrix = m.setupMatrix === undefined ? undefined : matrices.get(m.setupMatrix);
    if (m.setupMatrix !== undefined && !matrix)
      throw new TwinError(
        'TWIN_E_UNKNOWN_REFERENCE',
        `machine "${m.id}": unknown setup matrix "${m.setupMatrix}"`,
      );
    const boundaries = new Set<number>();
    for (const set of [calendar, maintenance, downtime])
      for (const b of set.bounds) if (b > 0) boundaries.add(b);
    return {
      id: m.id,
      index,
      capacity: m.capacity ?? 1,
      batch: m.batch && {
        maxUnits: m.batch.maxUnits,
        minUnits: m.batch.minUnits ?? 1,
        maxWaitS: m.batch.maxWaitS ?? Infinity,
      },
      setup: matrix && compileSetupMatrix(matrix, families),
      calendar,
      maintenance,
      downtime,
      available: planned.subtract(downtime),
      planned,
      boundaries: Float64Array.from([...boundaries].filter((b) => b < Infinity).sort((a, b) => a - b)),
      ttf: m.ttf && compileSampler(m.ttf),
      ttr: m.ttr && compileSampler(m.ttr),
      failureClock: m.failureClock ?? 'operating',
      powerKw: powerVector(m.powerKw),
      inputBuffer: bufferOf(m, m.inputBuffer),
      outputBuffer: bufferOf(m, m.outputBuffer),
      location: index,
    };
  });
}

function compileProducts(
  model: FactoryModel,
  machineIndex: ReadonlyMap<string, number>,
  setupFamilies: ReadonlyMap<string, number>,
  batchFamilies: ReadonlyMap<string, number>,
): Map<string, CProduct> {
  const products = new Map<string, CProduct>();
  for (const p of model.products) {
    const routing = p.routing.map((op, index): COperation => {
      const alternatives = op.alternatives.map((alt): CAlternative => {
        const machine = machineIndex.get(alt.machine);
        if (machine === undefined)
          throw new TwinError(
            'TWIN_E_UNKNOWN_REFERENCE',
            `product "${p.id}", operation "${op.id}": unknown machine "${alt.machine}"`,
          );
        return {
          machine,
          sampler: compileSampler(alt.time),
          perUnit: (alt.per ?? 'unit') === 'unit',
          meanS: distributionMean(alt.time),
        };
      });
      // Ties go to the machine listed first in the model (deterministic tie-break in routing.ts).
      alternatives.sort((a, b) => a.machine - b.machine);
      return {
        id: op.id,
        index,
        alternatives,
        setupFamily: op.setupFamily === undefined ? -1 : setupFamilies.get(op.setupFamily)!,
        batchFamily: op.batchFamily === undefined ? -1 : batchFamilies.get(op.batchFamily)!,
        minLagS: op.minLagS ?? 0,
        maxLagS: op.maxLagS ?? Infinity,
        scrapRate: op.scrapRate ?? 0,
        reworkRate: op.reworkRate ?? 0,
        tailPerUnitS: 0,
        tailPerLotS: 0,
      };
    });
    // Remaining work after each operation (for critical ratio and ATC), with the fastest alternative.
    let perUnit = 0;
    let perLot = 0;
    for (let k = routing.length - 1; k >= 0; k--) {
      const op = routing[k]!;
      op.tailPerUnitS = perUnit;
      op.tailPerLotS = perLot;
      const unitMeans = op.alternatives.filter((a) => a.perUnit).map((a) => a.meanS);
      if (unitMeans.length > 0) perUnit += Math.min(...unitMeans);
      else perLot += Math.min(...op.alternatives.map((a) => a.meanS));
    }
    products.set(p.id, { id: p.id, routing });
  }
  return products;
}

function compileLocations(model: FactoryModel): CLocation[] {
  return [
    ...model.machines.map((m) => ({
      id: m.id as string,
      position: m.placement.position,
      line: m.line as string,
    })),
    ...(model.buffers ?? []).map((b) => ({
      id: b.id as string,
      position: b.placement.position,
      line: b.line as string | undefined,
    })),
  ];
}

/** Travel-time matrices per transporter, from the floor positions (twin/distances.ts). */
function compileTransporters(list: readonly Transporter[], locations: CLocation[]): CTransporter[] {
  const index = new Map(locations.map((l, i) => [l.id, i]));
  const n = locations.length;
  return list.map((t) => {
    const metric = t.kind === 'conveyor' ? 'euclidean' : 'manhattan';
    const loaded = new Float64Array(n * n);
    const empty = new Float64Array(n * n);
    const fromHome = new Float64Array(n);
    const home = t.home ?? { x: 0, y: 0 };
    for (let i = 0; i < n; i++) {
      const a = locations[i]!.position;
      fromHome[i] = distanceM(home, a, metric) / t.speedMps;
      for (let j = 0; j < n; j++) {
        const b = locations[j]!.position;
        loaded[i * n + j] = travelTimeS(t, a, b);
        empty[i * n + j] = distanceM(a, b, metric) / t.speedMps;
      }
    }
    const end = (id: string | undefined) => (id === undefined ? -1 : (index.get(id) ?? -1));
    return {
      id: t.id,
      kind: t.kind,
      capacity: t.kind === 'conveyor' ? (t.capacity ?? 1) : 1,
      from: t.kind === 'conveyor' ? end(t.from) : -1,
      to: t.kind === 'conveyor' ? end(t.to) : -1,
      serves: t.lines && new Set<string>(t.lines),
      loaded,
      empty,
      fromHome,
    };
  });
}

/** Every operation some order still needs must have a machine with open time within the horizon. */
function checkReachable(model: CompiledModel): void {
  for (const order of model.orders) {
    const routing = order.product.routing;
    for (let k = order.firstOp; k < routing.length; k++) {
      const op = routing[k]!;
      const usable = op.alternatives.some((a) => model.machines[a.machine]!.available.total > 0);
      if (usable) continue;
      const names = op.alternatives.map((a) => `"${model.machines[a.machine]!.id}"`).join(', ');
      throw new TwinError(
        'TWIN_E_INCONSISTENT',
        `order "${order.id}" cannot be made: operation "${op.id}" of product "${order.product.id}" runs only on ` +
          `${names}, which ${op.alternatives.length > 1 ? 'have' : 'has'} no open time before the horizon ` +
          `(${model.horizonS} s): check the calendar, maintenance and downtime`,
        {
          order: order.id,
          operation: op.id,
          machines: op.alternatives.map((a) => model.machines[a.machine]!.id),
        },
      );
    }
  }
}

/** Compile the domain model and the order book for one run. */
export function buildFactory(input: BuildInput): CompiledModel {
  const { model } = input;
  const horizonS = input.horizonS ?? defaultHorizon(input.orders, input.startMs);
  if (!(horizonS > 0)) throw new RangeError(`the horizon must be > 0 s (got ${horizonS})`);
  const ops = model.products.flatMap((p) => p.routing);
  const setupFamilies = labels(ops.map((op) => op.setupFamily));
  const batchFamilies = labels(ops.map((op) => op.batchFamily));
  const machines = compileMachines(input, horizonS, setupFamilies);
  const machineIndex = new Map(machines.map((m) => [m.id, m.index]));
  const products = compileProducts(model, machineIndex, setupFamilies, batchFamilies);
  const locations = compileLocations(model);
  const buffers = (model.buffers ?? []).map((b, i) => ({
    id: b.id as string,
    capacity: b.capacity,
    location: machines.length + i,
  }));
  const compiled: CompiledModel = {
    startMs: input.startMs,
    horizonS,
    machines,
    buffers,
    locations,
    transporters: compileTransporters(model.transporters ?? [], locations),
    products,
    orders: compileOrders(input.orders, products, machineIndex, input.startMs),
    setupFamilies: [...setupFamilies.keys()],
    batchFamilies: [...batchFamilies.keys()],
  };
  checkReachable(compiled);
  return compiled;
}
