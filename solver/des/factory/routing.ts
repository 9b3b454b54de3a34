import type { CAlternative, CMachine } from './compiled.js';
import type { FactoryContext } from './context.js';
import type { Lot } from './lot.js';
import { plannedMachine } from './plan-following.js';

/** Expected work a lot adds to a machine: a batch machine shares one cycle among up to maxUnits units. */
export function expectedWork(m: CMachine, alt: CAlternative, units: number): number {
  const t = alt.meanS * (alt.perUnit ? units : 1);
  return m.batch ? t * Math.min(1, units / m.batch.maxUnits) : t;
}

/**
 * The machine for operation `opIndex` of a lot, decided when the lot is released to the operation: the
 * plan's when following a plan, else the alternative with the least expected finish, i.e. the time by which
 * the machine's open time covers its queued and in-process work (per station) plus this lot's own mean time.
 * Setups are not estimated. Ties go to the machine listed first in the model. The lot's expected work is
 * added to the chosen machine's queue estimate.
 */
export function chooseAlternative(ctx: FactoryContext, lot: Lot, opIndex: number): CAlternative {
  const op = lot.order.product.routing[opIndex]!;
  let chosen: CAlternative | undefined;
  if (ctx.plan) {
    const machine = plannedMachine(ctx.plan, lot.order.index, opIndex);
    chosen = op.alternatives.find((a) => a.machine === machine);
  }
  if (!chosen && op.alternatives.length === 1) chosen = op.alternatives[0]!;
  if (!chosen) {
    const now = ctx.sim.now;
    let bestFinish = Infinity;
    for (const alt of op.alternatives) {
      const m = ctx.machines[alt.machine]!;
      if (m.c.available.total === 0) continue;
      chosen ??= alt; // usable even if nothing finishes before the horizon
      const load = (m.workQueuedS + m.inProcessS(now)) / m.c.capacity;
      const finish = m.c.available.advanceWorking(now, load + alt.meanS * (alt.perUnit ? lot.units : 1));
      if (finish < bestFinish) {
        bestFinish = finish;
        chosen = alt;
      }
    }
    chosen ??= op.alternatives[0]!;
  }
  const m = ctx.machines[chosen.machine]!;
  lot.expectedWorkS = expectedWork(m.c, chosen, lot.units);
  m.workQueuedS += lot.expectedWorkS;
  return chosen;
}
