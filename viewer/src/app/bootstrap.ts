import { ApiError, type ApiClient } from '../api/client.js';
import { connectStream } from '../api/stream.js';
import type { LayoutView, OrderView, Plan, Role } from '../api/types.js';
import { dispatchMessages, type ViewerStore } from '../store/store.js';

/** Orders change with progress and rush orders; a minute-scale refresh is enough for due-date marks. */
const ORDERS_REFRESH_MS = 15_000;

/**
 * Wires the store to the service: who we are, the floor plan, the order book, the live stream, and the
 * active plan whenever its reference changes. Returns a function that stops it all.
 */
export function startViewer(store: ViewerStore, api: ApiClient): () => void {
  const fail = (err: unknown): void => {
    if (err instanceof ApiError && err.status === 401) store.setState({ connection: 'unauthorized' });
    else console.error(err);
  };
  api.get<{ role: Role }>('/api/me').then((me) => store.setState({ role: me.role }), fail);
  api.get<LayoutView>('/api/layout').then((layout) => store.setState({ layout }), fail);
  const loadOrders = (): void => {
    api.get<OrderView[]>('/api/orders').then((list) => {
      const orders: Record<string, OrderView> = {};
      for (const o of list) orders[o.id] = o;
      store.setState({ orders });
    }, fail);
  };
  loadOrders();
  const ordersTimer = setInterval(loadOrders, ORDERS_REFRESH_MS);

  const stream = connectStream({
    url: (since) => api.streamUrl(since),
    lastSeq: () => (store.getState().lastSeq > 0 ? store.getState().lastSeq : undefined),
    onMessages: (messages) => dispatchMessages(store, messages),
    onStatus: (status) => {
      if (store.getState().connection !== 'unauthorized') store.setState({ connection: status });
    },
  });

  // Fetch the active plan's assignments when the service says another plan is in force.
  let loadedPlan: string | undefined;
  const unsubscribe = store.subscribe((state) => {
    const ref = state.activePlanRef;
    if (!ref || ref.id === loadedPlan) return;
    loadedPlan = ref.id;
    api.get<{ plan: Plan }>(`/api/plans/${encodeURIComponent(ref.id)}`).then((r) => {
      if (store.getState().activePlanRef?.id === r.plan.id) store.setState({ activePlan: r.plan });
      loadOrders();
    }, fail);
  });

  return () => {
    clearInterval(ordersTimer);
    stream.close();
    unsubscribe();
  };
}
