import type { FactoryContext } from './context.js';
import { meanProcessing, priorityKey, selectNext } from './dispatch.js';
import type { Lot } from './lot.js';
import type { MachineRt } from './machine.js';

// What a free station takes next. An operation already running at second 0 always goes first; then the plan's
// next assignment for the machine when following a plan; then the dispatching rule (also for operations the
// plan leaves out, once the machine's planned sequence is exhausted).

const waitingHere = (lot: Lot, m: MachineRt, op: number) => lot.queuedAt === m.c.index && lot.op === op;

function resumed(m: MachineRt): Lot | undefined {
  for (const lot of m.queue) if (lot.resumeShare > 0) return lot;
  return undefined;
}

/**
 * The plan's next assignments for this machine: one, or a batch group. Returns null to wait (the lot is not
 * here yet, or its planned start is still ahead: a wake-up is armed), undefined when the plan has no more.
 */
function planned(ctx: FactoryContext, m: MachineRt, batch: boolean): Lot[] | null | undefined {
  const plan = ctx.plan!;
  const seq = plan.sequences[m.c.index]!;
  while (m.planPos < seq.length && plan.skip[seq[m.planPos]!]) m.planPos++;
  if (m.planPos >= seq.length) return undefined;
  const head = seq[m.planPos]!;
  let end = m.planPos + 1;
  if (batch) while (end < seq.length && plan.group[seq[end]!] === plan.group[head]) end++;
  const lots: Lot[] = [];
  for (let k = m.planPos; k < end; k++) {
    const a = seq[k]!;
    if (plan.skip[a]) continue;
    const lot = ctx.lots[plan.order[a]!]!;
    if (!waitingHere(lot, m, plan.op[a]!)) return null;
    lots.push(lot);
  }
  if (!ctx.allowEarly && ctx.sim.now < plan.notBefore[head]!) {
    m.timer.arm(plan.notBefore[head]!);
    return null;
  }
  m.planPos = end;
  return lots;
}

/** The next lot for a station of an ordinary machine, or undefined to wait. */
export function selectLot(ctx: FactoryContext, m: MachineRt): Lot | undefined {
  const first = resumed(m);
  if (first) return first;
  if (ctx.plan) {
    const next = planned(ctx, m, false);
    if (next === null) return undefined;
    if (next) return next[0];
  }
  const i = selectNext(ctx.rule, m.queue, ctx.sim.now);
  return i >= 0 ? m.queue[i] : undefined;
}

/** Lots of one batch family share a batch; an operation without a batch family runs alone. */
const familyOf = (lot: Lot) =>
  lot.operation.batchFamily >= 0 ? lot.operation.batchFamily : -1 - lot.order.index;

/**
 * The next batch for a batch machine, or undefined to wait. Families are tried in the order of their best
 * lot under the rule; a family's lots fill the batch in rule order up to maxUnits (a lot larger than that runs
 * alone). A batch starts once it holds minUnits, or when its family's longest-waiting lot has waited maxWaitS
 * (a wake-up is armed for that moment).
 */
export function selectBatch(ctx: FactoryContext, m: MachineRt): Lot[] | undefined {
  const first = resumed(m);
  if (first) return [first];
  if (ctx.plan) {
    const next = planned(ctx, m, true);
    if (next === null) return undefined;
    if (next) return next;
  }
  const q = m.queue;
  if (q.length === 0) return undefined;
  const now = ctx.sim.now;
  const spec = m.c.batch!;
  const meanP = ctx.rule === 'atc' ? meanProcessing(q) : 0;
  const ranked = q
    .map((lot, i) => ({ lot, i, key: priorityKey(ctx.rule, lot, now, meanP) }))
    .sort((a, b) => a.key - b.key || a.lot.arrival - b.lot.arrival || a.i - b.i);
  const tried = new Set<number>();
  let wakeAt = Infinity;
  for (const { lot } of ranked) {
    const family = familyOf(lot);
    if (tried.has(family)) continue;
    tried.add(family);
    const members: Lot[] = [];
    let units = 0;
    let oldest = Infinity;
    for (const { lot: other } of ranked) {
      if (familyOf(other) !== family) continue;
      if (other.arrival < oldest) oldest = other.arrival;
      if (members.length === 0 || units + other.units <= spec.maxUnits) {
        members.push(other);
        units += other.units;
      }
    }
    if (family < 0 || units >= spec.minUnits || now >= oldest + spec.maxWaitS) return members;
    if (oldest + spec.maxWaitS < wakeAt) wakeAt = oldest + spec.maxWaitS;
  }
  m.timer.arm(wakeAt);
  return undefined;
}
