// The receiving side of the job order contract, as a test fixture: the embedded plant's JobOrderBook (validates,
// stores idempotently, answers a ReturnStatus) with no plant behind it, plus refusals on demand. The OPC UA
// server fixture, the MQTT responder and the Sparkplug edge node all wrap it.
import { JobOrderBook } from '../../plant/job-order-book.js';
import { JOB_ORDER_RETURN_STATUS, type JobOrder } from '../job-order.js';

export interface StoredJobOrder {
  order: JobOrder;
  started: boolean;
}

export interface ReceiverBehaviour {
  /** Machines that answer this status to every order (e.g. notAllowedInState). */
  refuse?: Record<string, number>;
  /** Machines that take this long to answer. */
  delayMs?: Record<string, number>;
}

export class JobOrderReceiver {
  // No plant behind it: every operation may run on every machine.
  private readonly book: JobOrderBook;

  constructor(
    readonly machines: readonly string[],
    readonly behaviour: ReceiverBehaviour = {},
  ) {
    this.book = new JobOrderBook(new Set(machines), () => undefined);
  }

  /** Orders stored per machine, in arrival order; each entry is one effect (a repeated store adds none). */
  get stored(): Map<string, StoredJobOrder[]> {
    const byMachine = new Map<string, StoredJobOrder[]>();
    for (const { jobOrder, state } of this.book.list()) {
      const list = byMachine.get(jobOrder.machine) ?? [];
      list.push({ order: jobOrder, started: state !== 'stored' });
      byMachine.set(jobOrder.machine, list);
    }
    return byMachine;
  }

  /** `Store` (or `StoreAndStart` with `start`) of a job order's JSON text at `machine`: its ReturnStatus. */
  receive(machine: string, raw: string, start: boolean): number {
    const refused = this.behaviour.refuse?.[machine];
    if (refused !== undefined) return refused;
    const stored = this.book.store(machine, raw, 0);
    if (stored.returnStatus !== JOB_ORDER_RETURN_STATUS.ok || !start || stored.jobOrderId === undefined)
      return stored.returnStatus;
    return this.book.start(machine, stored.jobOrderId, 0).returnStatus;
  }
}
