import type { CompiledModel } from '../../solver/des/factory/compiled.js';
import type { Order, OperationProgress } from '../../twin/schema/order.js';

interface Running {
  machine: string;
  /** Wall-clock ms (plant clock) when processing began; undefined while still in setup. */
  startedAtMs: number | undefined;
}

/**
 * What the plant has done so far on each order, learnt from the live run's events and kept across rebuilds of
 * the run: operations done (with the good units that came out) and the one running. A rebuilt run starts from
 * it (solver/des/factory/orders.ts skips done operations and resumes the running one).
 */
export class OrderProgressBook {
  /** Per order (index in the order book), per routing index: good units out, −1 when not done. */
  private readonly doneUnits: Int32Array[];
  private readonly running: (Map<number, Running> | undefined)[];

  constructor(private readonly orders: readonly Order[]) {
    this.doneUnits = orders.map(() => new Int32Array(0));
    this.running = orders.map(() => undefined);
  }

  /** Size the tables once the routings are known (the compiled model of the first run). */
  bind(model: CompiledModel): void {
    model.orders.forEach((o, i) => {
      if (this.doneUnits[i]!.length === 0)
        this.doneUnits[i] = new Int32Array(o.product.routing.length).fill(-1);
    });
  }

  started(order: number, op: number, machine: string): void {
    const map = (this.running[order] ??= new Map());
    const known = map.get(op);
    // A resumed operation starts again in a rebuilt run: it keeps its first start, so its share stays right.
    if (!known || known.machine !== machine) map.set(op, { machine, startedAtMs: undefined });
  }

  processing(order: number, op: number, atMs: number): void {
    const r = this.running[order]?.get(op);
    if (r && r.startedAtMs === undefined) r.startedAtMs = atMs;
  }

  ended(order: number, op: number, goodUnits: number): void {
    this.running[order]?.delete(op);
    this.doneUnits[order]![op] = goodUnits;
  }

  isDone(order: number, op: number): boolean {
    return (this.doneUnits[order]?.[op] ?? -1) >= 0;
  }

  /** The order book with each order's progress as of now: the input of a rebuilt run. */
  ordersWithProgress(model: CompiledModel): Order[] {
    return this.orders.map((o, i) => {
      const routing = model.orders[i]!.product.routing;
      const mine = new Map<string, OperationProgress>();
      routing.forEach((op, k) => {
        const units = this.doneUnits[i]![k]!;
        const operation = op.id as OperationProgress['operation'];
        if (units >= 0) mine.set(op.id, { operation, status: 'done', completedUnits: units });
      });
      for (const [k, r] of this.running[i] ?? []) {
        const id = routing[k]!.id;
        mine.set(id, {
          operation: id as OperationProgress['operation'],
          status: 'running',
          machine: r.machine as OperationProgress['machine'] & string,
          ...(r.startedAtMs !== undefined && { startedAt: new Date(r.startedAtMs).toISOString() }),
        });
      }
      if (mine.size === 0) return o;
      const kept = (o.progress ?? []).filter((p) => !mine.has(p.operation));
      return { ...o, progress: [...kept, ...mine.values()] };
    });
  }
}
