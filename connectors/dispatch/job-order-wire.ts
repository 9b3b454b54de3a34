import type { JobOrder } from './job-order.js';
import type { JobOrderOutcome } from './transport.js';

/** One job order as an MQTT message. */
export interface JobOrderMessage {
  topic: string;
  payload: string | Buffer;
  qos: 0 | 1;
}

/** An answer read from a message: the job order it is about and what the receiver said. */
export type WireAnswer =
  { ok: true; jobOrderId: string; outcome: JobOrderOutcome } | { ok: false; problem: string };

/**
 * How job orders and their answers look on an MQTT broker: JSON topics (json-job-order-wire.ts) or Sparkplug B
 * commands (sparkplug-job-order-wire.ts). The transport (mqtt-transport.ts) does the connection, the resends
 * and the waiting; a wire only encodes and decodes.
 */
export interface JobOrderWire {
  /** Subscription filters on which answers arrive. */
  readonly filters: readonly string[];
  /** The message for one job order, or why this machine cannot be reached (an unknown device). */
  command(order: JobOrder, nowMs: number): JobOrderMessage | { problem: string };
  /**
   * The answer in a message; undefined when the message carries none (a device's other data); `ask` when it
   * cannot be read yet and the transport should publish this request (a Sparkplug rebirth, for the aliases).
   */
  answer(topic: string, payload: Buffer, nowMs: number): WireAnswer | { ask: JobOrderMessage } | undefined;
}
