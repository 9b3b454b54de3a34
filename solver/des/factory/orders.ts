import { TwinError } from '../../../twin/errors.js';
import type { Order, OperationProgress } from '../../../twin/schema/order.js';
import { instantToSimTime } from '../../../twin/schema/time.js';
import type { COrder, CProduct, CResume } from './compiled.js';

/** A running operation always has at least this share of its work left (a floor on stale progress reports). */
export const MIN_RESUME_SHARE = 0.05;

function seconds(order: Order, key: 'release' | 'due', startMs: number): number {
  const value = order[key];
  if (value === undefined) return key === 'release' ? 0 : Infinity;
  const s = instantToSimTime(value, startMs);
  if (Number.isNaN(s)) throw new TwinError('TWIN_E_SCHEMA', `order "${order.id}": ${key} is not a date-time`);
  return s;
}

/**
 * The running operation continues on its machine at second 0 with the share of its work not yet done:
 * completedUnits / units when reported, else the wall-clock time since `startedAt` over the expected
 * duration, else all of it. An approximation: the time already spent is not re-drawn.
 */
function resumeOf(
  order: COrder,
  progress: OperationProgress,
  machineIndex: ReadonlyMap<string, number>,
  startMs: number,
): CResume {
  const op = order.product.routing[order.firstOp]!;
  const machine = machineIndex.get(progress.machine!);
  const alternative = op.alternatives.find((a) => a.machine === machine);
  if (!alternative)
    throw new TwinError(
      'TWIN_E_INCONSISTENT',
      `order "${order.id}": operation "${op.id}" is reported running on "${progress.machine}", which is not one of its machines`,
    );
  let done = 0;
  const completed = progress.completedUnits ?? 0;
  if (completed > 0) done = completed / order.units;
  else if (progress.startedAt !== undefined) {
    const elapsed = -instantToSimTime(progress.startedAt, startMs);
    const expected = alternative.meanS * (alternative.perUnit ? order.units : 1);
    if (elapsed > 0 && expected > 0) done = elapsed / expected;
  }
  return { op: order.firstOp, alternative, share: Math.min(1, Math.max(MIN_RESUME_SHARE, 1 - done)) };
}

/**
 * Orders as the simulation sees them: release and due in seconds after the start (an order enters at
 * max(release, 0)), operations reported done skipped, a running operation resumed.
 */
export function compileOrders(
  orders: readonly Order[],
  products: ReadonlyMap<string, CProduct>,
  machineIndex: ReadonlyMap<string, number>,
  startMs: number,
): COrder[] {
  const seen = new Set<string>();
  return orders.map((o, index) => {
    if (seen.has(o.id)) throw new TwinError('TWIN_E_DUPLICATE_ID', `order "${o.id}" appears twice`);
    seen.add(o.id);
    const product = products.get(o.product);
    if (!product)
      throw new TwinError('TWIN_E_UNKNOWN_REFERENCE', `order "${o.id}": unknown product "${o.product}"`);
    const progress = new Map<string, OperationProgress>();
    for (const p of o.progress ?? []) {
      if (!product.routing.some((op) => op.id === p.operation))
        throw new TwinError(
          'TWIN_E_UNKNOWN_REFERENCE',
          `order "${o.id}": progress names operation "${p.operation}", which product "${product.id}" does not have`,
        );
      progress.set(p.operation, p);
    }
    let firstOp = 0;
    let units = o.quantity;
    for (; firstOp < product.routing.length; firstOp++) {
      const p = progress.get(product.routing[firstOp]!.id);
      if (p?.status !== 'done') break;
      // A done operation that reports fewer units than it got scrapped the rest.
      const completed = p.completedUnits ?? 0;
      if (completed > 0 && completed < units) units = completed;
    }
    const order: COrder = {
      id: o.id,
      index,
      product,
      quantity: o.quantity,
      units,
      releaseS: Math.max(0, seconds(o, 'release', startMs)),
      dueS: seconds(o, 'due', startMs),
      weight: o.weight ?? 1,
      firstOp,
      resume: undefined,
    };
    const running = firstOp < product.routing.length ? progress.get(product.routing[firstOp]!.id) : undefined;
    if (running?.status === 'running' && running.machine !== undefined)
      order.resume = resumeOf(order, running, machineIndex, startMs);
    return order;
  });
}
