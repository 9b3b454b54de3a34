import { Interrupt, type ProcessBody, type Wait } from '../simulation.js';
import type { FactoryContext } from './context.js';
import type { Lot } from './lot.js';
import {
  PH_BLOCKED,
  PH_IDLE,
  PH_RUNNING,
  PH_SETUP,
  PH_WAITING,
  type MachineRt,
  type Station,
} from './machine.js';
import { drawQuality } from './quality.js';
import { chooseAlternative } from './routing.js';
import { selectBatch, selectLot } from './selection.js';

const EPS = 1e-9;

/**
 * `workS` seconds of setup or processing on a station. Work proceeds only inside the machine's available
 * time (calendar open, no maintenance or downtime window) and pauses over the rest. It holds one slot of the
 * machine's resource; a breakdown preempts the slot and the remaining work resumes after the repair.
 */
function* work(ctx: FactoryContext, m: MachineRt, st: Station, phase: number, workS: number): ProcessBody {
  const { sim } = ctx;
  let remaining = workS;
  let priority = 1;
  while (remaining > EPS) {
    const slot = m.resource.request(priority);
    let from = NaN;
    try {
      if (!slot.granted) {
        m.setPhase(st, PH_WAITING);
        yield slot;
      }
      from = sim.now;
      m.setPhase(st, phase);
      const end = m.c.available.advanceWorking(from, remaining);
      yield end < Infinity ? end - from : ctx.never;
      m.resource.release(slot);
      remaining = 0;
    } catch (e) {
      if (!(e instanceof Interrupt)) throw e;
      if (!Number.isNaN(from)) remaining -= m.c.available.openTimeBetween(from, sim.now);
      slot.cancel();
      m.setPhase(st, PH_WAITING);
      priority = 0; // back first once repaired
    }
  }
}

/** The lot leaves the rack it waited on and is on the machine now. */
function load(ctx: FactoryContext, m: MachineRt, lot: Lot): void {
  m.take(lot);
  if (lot.slot) {
    ctx.buffers[lot.slotBuffer]!.release(lot.slot);
    lot.slot = undefined;
    lot.slotBuffer = -1;
  }
  lot.at = m.c.location;
}

/**
 * After its operation the lot must leave the station: into the machine's output buffer if it has one, else
 * into the next machine's input buffer. While that buffer is full the station holds the lot: blocked.
 * The next operation's machine is chosen now (the lot is released to it).
 */
function* unload(ctx: FactoryContext, m: MachineRt, st: Station, lot: Lot): ProcessBody {
  if (lot.isLastOperation || lot.units === 0) return;
  lot.nextAlt = chooseAlternative(ctx, lot, lot.op + 1);
  const out = m.c.outputBuffer;
  const buffer = out >= 0 ? out : ctx.machines[lot.nextAlt.machine]!.c.inputBuffer;
  if (buffer < 0) return;
  const slot = ctx.buffers[buffer]!.request();
  if (!slot.granted) {
    m.setPhase(st, PH_BLOCKED);
    yield slot;
  }
  lot.slot = slot;
  lot.slotBuffer = buffer;
  if (buffer === out) lot.at = ctx.model.buffers[out]!.location;
}

/**
 * The draws for one lot's operation: its processing work for `timeUnits` units (a per-unit time; the lot's
 * own units, or the whole batch's), scrap and rework. Returns the work, rework included.
 */
function prepare(ctx: FactoryContext, lot: Lot, timeUnits: number) {
  const op = lot.operation;
  const alt = lot.alt!;
  // One stream per (order, operation): the lot gets the same numbers whatever machine or sequence it gets.
  const stream = ctx.streams.stream(`op:${lot.order.id}:${op.id}`);
  const share = lot.resumeShare > 0 ? lot.resumeShare : 1;
  const scale = (alt.perUnit ? timeUnits : 1) * share;
  // One draw per lot, scaled by its units: one uniform per operation whatever the quantity (CRN stay aligned).
  const base = alt.sampler(stream) * scale;
  // A running per-unit operation has its remaining units left; a per-lot one (a furnace) still holds them all.
  const unitsIn = alt.perUnit ? Math.round(lot.units * share) : lot.units;
  const q = drawQuality(stream, unitsIn, op.scrapRate, op.reworkRate);
  // Reworked units go through the operation once more: the rework takes their share of the time.
  const reworkS = unitsIn > 0 ? (base * q.reworked) / unitsIn : 0;
  return { base, reworkS, unitsIn, scrapped: q.scrapped, reworked: q.reworked, idealS: alt.meanS * scale };
}

type Prepared = ReturnType<typeof prepare>;

function finish(
  ctx: FactoryContext,
  m: MachineRt,
  lot: Lot,
  p: Prepared,
  start: number,
  setupS: number,
): void {
  const now = ctx.sim.now;
  if (now >= ctx.warmupS) {
    m.operations++;
    m.unitsIn += p.unitsIn;
    m.unitsScrapped += p.scrapped;
    m.unitsReworked += p.reworked;
  }
  lot.units -= p.scrapped;
  lot.scrapped += p.scrapped;
  if (lot.prevEnd > -Infinity && start - lot.prevEnd > lot.operation.maxLagS) lot.lagViolations++;
  lot.prevEnd = now;
  lot.resumeShare = 0;
  ctx.trace?.operation(lot.order.index, lot.operation.id, m.c.index, start, now, setupS, p.unitsIn);
  ctx.listener?.operationEnd?.(now, lot.order.index, lot.op, m.c.index, p.unitsIn, p.scrapped);
}

function* setUp(ctx: FactoryContext, m: MachineRt, st: Station, lot: Lot): Generator<Wait, number, unknown> {
  const family = lot.operation.setupFamily;
  const setupS = lot.resumeShare > 0 || !m.c.setup ? 0 : m.c.setup.time(st.family, family);
  if (setupS > 0) yield* work(ctx, m, st, PH_SETUP, setupS);
  if (family >= 0) st.family = family;
  return setupS;
}

/** One lot through one station: setup, processing (rework included), scrap, unload. */
function* runLot(ctx: FactoryContext, m: MachineRt, st: Station, lot: Lot): ProcessBody {
  load(ctx, m, lot);
  const p = prepare(ctx, lot, lot.units);
  const now = ctx.sim.now;
  ctx.listener?.operationStart?.(now, lot.order.index, lot.op, m.c.index, lot.units);
  st.expectedEnd = now + lot.expectedProcessingS() * (lot.resumeShare || 1);
  const setupS = yield* setUp(ctx, m, st, lot);
  const start = m.c.available.nextOpen(ctx.sim.now);
  ctx.listener?.processingStart?.(ctx.sim.now, lot.order.index, lot.op, m.c.index);
  yield* work(ctx, m, st, PH_RUNNING, p.base + p.reworkS);
  if (ctx.sim.now >= ctx.warmupS) m.idealS += p.idealS;
  finish(ctx, m, lot, p, start, setupS);
  st.expectedEnd = ctx.sim.now;
  yield* unload(ctx, m, st, lot);
  m.setPhase(st, PH_IDLE);
  lot.wake.fire();
}

/**
 * A batch: one cycle for all its lots, as long as the longest of their drawn times (each lot draws on its
 * own stream); scrap and rework per lot, rework lengthening the cycle by the longest rework. Setup by the
 * first lot's setup family. The lots leave one after the other.
 */
function* runBatch(ctx: FactoryContext, m: MachineRt, st: Station, lots: Lot[]): ProcessBody {
  let units = 0;
  for (const lot of lots) units += lot.units;
  const prepared: Prepared[] = [];
  let cycle = 0;
  let rework = 0;
  let ideal = 0;
  for (const lot of lots) {
    load(ctx, m, lot);
    const p = prepare(ctx, lot, units);
    prepared.push(p);
    cycle = Math.max(cycle, p.base);
    rework = Math.max(rework, p.reworkS);
    ideal = Math.max(ideal, p.idealS);
  }
  const listener = ctx.listener;
  if (listener?.operationStart)
    for (const lot of lots)
      listener.operationStart(ctx.sim.now, lot.order.index, lot.op, m.c.index, lot.units);
  st.expectedEnd = ctx.sim.now + lots[0]!.expectedProcessingS();
  const setupS = yield* setUp(ctx, m, st, lots[0]!);
  const start = m.c.available.nextOpen(ctx.sim.now);
  if (listener?.processingStart)
    for (const lot of lots) listener.processingStart(ctx.sim.now, lot.order.index, lot.op, m.c.index);
  yield* work(ctx, m, st, PH_RUNNING, cycle + rework);
  if (ctx.sim.now >= ctx.warmupS) m.idealS += ideal;
  st.expectedEnd = ctx.sim.now;
  lots.forEach((lot, i) => finish(ctx, m, lot, prepared[i]!, start, setupS));
  for (const lot of lots) {
    yield* unload(ctx, m, st, lot);
    lot.wake.fire();
  }
  m.setPhase(st, PH_IDLE);
}

/** A station's life: wait until work may start and there is work, take it, run it; forever. */
export function* station(ctx: FactoryContext, m: MachineRt, st: Station): ProcessBody {
  const batch = m.c.batch !== undefined;
  for (;;) {
    if (m.canStart()) {
      if (batch) {
        const lots = selectBatch(ctx, m);
        if (lots) {
          yield* runBatch(ctx, m, st, lots);
          continue;
        }
      } else {
        const lot = selectLot(ctx, m);
        if (lot) {
          yield* runLot(ctx, m, st, lot);
          continue;
        }
      }
    }
    yield m.gate;
  }
}
