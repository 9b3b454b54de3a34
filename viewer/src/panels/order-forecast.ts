import type { OrderView, Plan } from '../api/types.js';

/**
 * When each order's last operation ends in a plan, ms since the epoch (assignment times are seconds after
 * the plan's epoch). Computed once per plan: the KPI strip and the order panel look orders up in it.
 */
export function lastEndByOrder(plan: Plan | undefined): Map<string, number> {
  const ends = new Map<string, number>();
  if (!plan) return ends;
  for (const a of plan.assignments) {
    const endMs = plan.epochMs + a.endS * 1000;
    const before = ends.get(a.order);
    if (before === undefined || endMs > before) ends.set(a.order, endMs);
  }
  return ends;
}

/**
 * What the active plan says about an order's due date:
 * - `onTime` / `late`: the order is in the plan and its last operation ends by / after the due date;
 * - `overdue`: not in the plan, nothing of it done yet, and the due date has passed (it can only be late);
 * - `finished`: not in the plan but operations done (the plan covers open work only), so no forecast;
 * - `unplanned`: not in the plan and not yet due; `noDue`: the order has no due date.
 */
export type OrderDueStatus = 'onTime' | 'late' | 'overdue' | 'finished' | 'unplanned' | 'noDue';

export function orderDueStatus(
  order: OrderView,
  lastEndMs: number | undefined,
  nowMs: number,
): OrderDueStatus {
  if (order.dueMs === undefined) return 'noDue';
  if (lastEndMs !== undefined) return lastEndMs <= order.dueMs ? 'onTime' : 'late';
  if (order.operationsDone > 0) return 'finished';
  return order.dueMs < nowMs ? 'overdue' : 'unplanned';
}

export interface OnTimeForecast {
  onTime: number;
  /** Planned to end after the due date, or overdue without a place in the plan. */
  late: number;
  /** onTime / (onTime + late); undefined when no order can be judged. */
  share: number | undefined;
}

/**
 * The on-time forecast of the KPI strip: among the open orders with a due date, the share the active plan
 * finishes by their due date. Open means in the plan, or not in it but overdue with nothing done (those
 * count as late). Orders with no due date, finished ones and unplanned ones not yet due are left out.
 * Undefined with no plan: without one there is nothing to forecast.
 */
export function onTimeForecast(
  orders: Readonly<Record<string, OrderView>>,
  lastEnd: ReadonlyMap<string, number> | undefined,
  nowMs: number,
): OnTimeForecast | undefined {
  if (!lastEnd) return undefined;
  let onTime = 0;
  let late = 0;
  for (const id in orders) {
    const status = orderDueStatus(orders[id]!, lastEnd.get(id), nowMs);
    if (status === 'onTime') onTime++;
    else if (status === 'late' || status === 'overdue') late++;
  }
  const total = onTime + late;
  return { onTime, late, share: total > 0 ? onTime / total : undefined };
}
