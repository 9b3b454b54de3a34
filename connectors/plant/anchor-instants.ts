import type { FactoryModel } from '../../twin/schema/factory.js';
import type { Order } from '../../twin/schema/order.js';
import type { Instant, TimeWindow } from '../../twin/schema/time.js';

/**
 * A scenario may give instants as seconds after its start. A rebuilt live run starts at a later instant, so
 * before the first run every such number becomes the date-time it means (orders' release, due and progress,
 * machines' maintenance and downtime windows); date-times pass unchanged.
 */
export function anchorInstants(
  model: FactoryModel,
  orders: readonly Order[],
  startMs: number,
): { model: FactoryModel; orders: Order[] } {
  const at = (i: Instant): Instant =>
    typeof i === 'number' ? new Date(startMs + i * 1000).toISOString() : i;
  const windows = (list: TimeWindow[] | undefined) =>
    list?.map((w) => ({ ...w, start: at(w.start), end: at(w.end) }));
  return {
    model: {
      ...model,
      machines: model.machines.map((m) => ({
        ...m,
        ...(m.maintenance && { maintenance: windows(m.maintenance) }),
        ...(m.downtime && { downtime: windows(m.downtime) }),
      })),
    },
    orders: orders.map((o) => ({
      ...o,
      ...(o.release !== undefined && { release: at(o.release) }),
      ...(o.due !== undefined && { due: at(o.due) }),
      ...(o.progress && {
        progress: o.progress.map((p) => ({
          ...p,
          ...(p.startedAt !== undefined && { startedAt: at(p.startedAt) }),
        })),
      }),
    })),
  };
}
