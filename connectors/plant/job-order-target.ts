import type { JobOrderAnswer, JobOrderState } from './job-order-book.js';

/**
 * What the MQTT job order receivers (JSON, Sparkplug B) hand job orders to: the live plant's JobOrderControl,
 * the same one its OPC UA server calls, so every path stores, starts and answers alike.
 */
export interface JobOrderTarget {
  readonly machines: readonly string[];
  /** `Store` (or `StoreAndStart`) of a job order's JSON text at `machine`; never throws. */
  store(machine: string, text: string, andStart: boolean): JobOrderAnswer;
  stateOf(jobOrderId: string): JobOrderState | undefined;
}

/** The receiver's state of a job order as an ISA-95 job order state (OPC 10031-4), for Sparkplug answers. */
export function isoStateOf(state: JobOrderState | undefined): string | undefined {
  switch (state) {
    case 'stored':
      return 'NotAllowedToStart';
    case 'running':
      return 'Running';
    case 'ended':
      return 'Ended';
    case 'cancelled':
    case 'superseded':
      return 'Aborted';
    default:
      return undefined;
  }
}
