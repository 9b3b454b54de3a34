import type { JobOrder } from './job-order.js';
import { JOB_ORDER_RETURN_STATUS } from './job-order.js';

/** What a receiver answered to one job order. */
export type JobOrderOutcome =
  | { status: 'acknowledged'; returnStatus: number }
  | { status: 'rejected'; returnStatus?: number; reason: string };

/**
 * How job orders reach machines (OPC UA JobOrderControl, MQTT topics). `send` resolves with the receiver's
 * answer; it throws when the order could not be delivered (not connected, call failed), which the dispatcher
 * retries until the machine's deadline: sending the same job order again is safe, receivers are idempotent.
 * It gives up when `signal` aborts.
 */
export interface JobOrderTransport {
  send(order: JobOrder, signal: AbortSignal): Promise<JobOrderOutcome>;
  close(): Promise<void>;
}

const NAMES = new Map<number, string>(
  Object.entries(JOB_ORDER_RETURN_STATUS).map(([name, code]) => [code, name]),
);

/** `3` → `conflictingJobOrder`; unknown codes by number. */
export function returnStatusName(code: number): string {
  return NAMES.get(code) ?? `return status ${code}`;
}

/** The outcome for a ReturnStatus code: 0 accepted, anything else a rejection named after its code. */
export function outcomeOf(returnStatus: number, reason?: string): JobOrderOutcome {
  return returnStatus === JOB_ORDER_RETURN_STATUS.ok
    ? { status: 'acknowledged', returnStatus }
    : { status: 'rejected', returnStatus, reason: reason ?? returnStatusName(returnStatus) };
}
