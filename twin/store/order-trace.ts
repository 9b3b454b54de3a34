import type { SignalValue } from '../schema/twin-snapshot.js';

/** One operation of an order as the shop floor ran it: where, when, and the machine's signals around it. */
export interface TraceStep {
  order: string;
  operation: string | undefined;
  machine: string;
  startMs: number;
  endMs?: number;
  signalsAtStart: Record<string, SignalValue>;
  signalsAtEnd?: Record<string, SignalValue>;
}

/**
 * Quality traceability: which machine worked on each order, when, with which signals. Built from the twin's
 * job changes; bounded in the number of orders kept (the oldest orders go first).
 */
export class OrderTraceIndex {
  private readonly byOrder = new Map<string, TraceStep[]>();
  private readonly open = new Map<string, TraceStep>();

  constructor(private readonly maxOrders = 10_000) {}

  /** The machine started (or switched to) `order`/`operation`, or stopped working on one (order undefined). */
  onJob(
    machine: string,
    order: string | undefined,
    operation: string | undefined,
    atMs: number,
    signals: Record<string, SignalValue>,
  ): void {
    const current = this.open.get(machine);
    if (current && current.order === order && current.operation === operation) return;
    if (current) {
      current.endMs = atMs;
      current.signalsAtEnd = { ...signals };
      this.open.delete(machine);
    }
    if (order === undefined) return;
    const step: TraceStep = { order, operation, machine, startMs: atMs, signalsAtStart: { ...signals } };
    let steps = this.byOrder.get(order);
    if (!steps) {
      if (this.byOrder.size >= this.maxOrders) {
        const oldest = this.byOrder.keys().next().value as string;
        this.byOrder.delete(oldest);
      }
      steps = [];
      this.byOrder.set(order, steps);
    }
    steps.push(step);
    this.open.set(machine, step);
  }

  trace(order: string): TraceStep[] | undefined {
    return this.byOrder.get(order)?.map((s) => ({ ...s }));
  }
}
