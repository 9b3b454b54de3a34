// The receiving side of the job order contract, as a test fixture: validates, stores idempotently, answers a
// ReturnStatus. The OPC UA server fixture and the MQTT responder both wrap it.
import { compiledValidator } from '../../../twin/validate/ajv.js';
import { JOB_ORDER_RETURN_STATUS, JobOrder } from '../job-order.js';

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
  /** Orders stored per machine; each entry is one effect (a repeated store adds none). */
  readonly stored = new Map<string, StoredJobOrder[]>();
  private readonly validate = compiledValidator(JobOrder);

  constructor(
    readonly machines: readonly string[],
    readonly behaviour: ReceiverBehaviour = {},
  ) {}

  receive(machine: string, raw: string, start: boolean): number {
    const refused = this.behaviour.refuse?.[machine];
    if (refused !== undefined) return refused;
    let order: unknown;
    try {
      order = JSON.parse(raw);
    } catch {
      return JOB_ORDER_RETURN_STATUS.invalidJobOrder;
    }
    if (!this.validate(order)) return JOB_ORDER_RETURN_STATUS.invalidJobOrder;
    const valid = order as JobOrder;
    if (valid.machine !== machine || !this.machines.includes(machine))
      return JOB_ORDER_RETURN_STATUS.unknownMachine;
    const list = this.stored.get(machine) ?? [];
    const known = list.find((entry) => entry.order.jobOrderId === valid.jobOrderId);
    if (known) {
      return JSON.stringify(known.order) === JSON.stringify(valid)
        ? JOB_ORDER_RETURN_STATUS.ok
        : JOB_ORDER_RETURN_STATUS.conflictingJobOrder;
    }
    list.push({ order: valid, started: start });
    this.stored.set(machine, list);
    return JOB_ORDER_RETURN_STATUS.ok;
  }
}
