import { get as sparkplugNamespace } from 'sparkplug-payload';

/**
 * Sparkplug B (spBv1.0) pieces shared by the primary host (sparkplug-host.ts, telemetry in) and the job order
 * wire (connectors/dispatch/sparkplug-job-order*.ts, commands out): the payload codec, the numbers it decodes,
 * and the rebirth request both send to an edge node.
 */
export const SPARKPLUG_NAMESPACE = 'spBv1.0';

const codec = sparkplugNamespace(SPARKPLUG_NAMESPACE);
if (!codec) throw new Error(`sparkplug-payload does not know ${SPARKPLUG_NAMESPACE}`);
export const { encodePayload, decodePayload } = codec;

/**
 * A JS number from a decoded field: numbers as they are, and the Longs sparkplug-payload decodes every 64-bit
 * field into (seq, alias, timestamps, DateTime, and UInt32 metric values too); undefined for anything else.
 */
export function sparkplugNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (
    value !== null &&
    typeof value === 'object' &&
    'toNumber' in value &&
    typeof value.toNumber === 'function'
  )
    return (value as { toNumber(): number }).toNumber();
  return undefined;
}

/** The NCMD `Node Control/Rebirth` that asks an edge node to publish its births again. */
export function rebirthCommand(
  group: string,
  edgeNode: string,
  nowMs: number,
): { topic: string; payload: Buffer } {
  return {
    topic: `${SPARKPLUG_NAMESPACE}/${group}/NCMD/${edgeNode}`,
    payload: Buffer.from(
      encodePayload({
        timestamp: nowMs,
        metrics: [{ name: 'Node Control/Rebirth', type: 'Boolean', value: true }],
      }),
    ),
  };
}
