import type { Request } from '../resource.js';
import type { ProcessBody } from '../simulation.js';
import type { FactoryContext } from './context.js';
import type { Lot } from './lot.js';
import { chooseAlternative, expectedWork } from './routing.js';

/**
 * Bring a lot to the machine of its current operation: take a slot in the machine's input buffer (waiting
 * while it is full, so the lot keeps its place upstream and blocking propagates), move it there if it is
 * elsewhere (by the first free transporter that may make the move; instantly without transporters), let the
 * minimum lag since the previous operation pass, and queue it. A lot coming from outside (its first
 * operation) appears at the machine: stores and raw material are not modelled.
 */
function* moveTo(ctx: FactoryContext, lot: Lot): ProcessBody {
  const { sim } = ctx;
  const m = ctx.machines[lot.alt!.machine]!;
  const input = m.c.inputBuffer;
  const sameRack = input >= 0 && lot.slotBuffer === input;
  let slot: Request | undefined;
  if (input >= 0 && !sameRack) {
    slot = ctx.buffers[input]!.request();
    if (!slot.granted) yield slot;
  }
  const drop = input >= 0 ? ctx.model.buffers[input]!.location : m.c.location;
  if (lot.at >= 0 && lot.at !== drop && ctx.transport) {
    const claim = ctx.transport.acquire(lot.at, drop);
    if (claim) {
      const t = (yield claim) as number;
      const since = sim.now;
      const empty = ctx.transport.emptyTime(t, lot.at);
      if (empty > 0) yield empty;
      if (!sameRack) leaveRack(ctx, lot); // picked up: its place upstream is free
      const loaded = ctx.transport.loadedTime(t, lot.at, drop);
      if (loaded > 0) yield loaded;
      ctx.transport.release(t, drop, since);
    }
  }
  if (!sameRack) leaveRack(ctx, lot);
  if (slot) {
    lot.slot = slot;
    lot.slotBuffer = input;
  }
  lot.at = drop;
  const minLag = lot.operation.minLagS;
  if (minLag > 0 && lot.prevEnd + minLag > sim.now) yield lot.prevEnd + minLag - sim.now;
  m.enqueue(lot);
}

function leaveRack(ctx: FactoryContext, lot: Lot): void {
  if (!lot.slot) return;
  ctx.buffers[lot.slotBuffer]!.release(lot.slot);
  lot.slot = undefined;
  lot.slotBuffer = -1;
}

function release(ctx: FactoryContext, lot: Lot): void {
  const now = ctx.sim.now;
  lot.releasedAt = now;
  ctx.wip.update(now, ctx.wip.value + 1);
}

/** The order is finished (all operations done, or every unit scrapped). */
function complete(ctx: FactoryContext, lot: Lot): void {
  const now = ctx.sim.now;
  leaveRack(ctx, lot);
  lot.completedAt = now;
  ctx.wip.update(now, ctx.wip.value - 1);
  ctx.unfinished--;
  ctx.listener?.orderDone?.(now, lot.order.index);
  // Planned operations it will never reach must not hold up their machines.
  const plan = ctx.plan;
  if (!plan) return;
  const planned = plan.byOrder[lot.order.index]!;
  for (let k = lot.op + 1; k < planned.length; k++) {
    const a = planned[k]!;
    if (a < 0 || plan.skip[a]) continue;
    plan.skip[a] = 1;
    ctx.machines[plan.machine[a]!]!.gate.notify();
  }
}

/** An order's life: released, then through its routing operation by operation, then finished. */
export function* lotProcess(ctx: FactoryContext, lot: Lot): ProcessBody {
  const { order } = lot;
  if (order.releaseS > 0) yield order.releaseS;
  release(ctx, lot);
  if (lot.op < order.product.routing.length && lot.units > 0) {
    if (lot.resumeShare > 0) {
      // Running at second 0: it is on its machine already.
      const m = ctx.machines[lot.alt!.machine]!;
      lot.expectedWorkS = expectedWork(m.c, lot.alt!, lot.units) * lot.resumeShare;
      m.workQueuedS += lot.expectedWorkS;
      lot.at = m.c.location;
      m.enqueue(lot);
    } else {
      lot.alt = chooseAlternative(ctx, lot, lot.op);
      yield* moveTo(ctx, lot);
    }
    for (;;) {
      yield lot.wake;
      if (lot.isLastOperation || lot.units === 0) break;
      lot.op++;
      lot.alt = lot.nextAlt;
      lot.nextAlt = undefined;
      yield* moveTo(ctx, lot);
    }
  }
  complete(ctx, lot);
}
