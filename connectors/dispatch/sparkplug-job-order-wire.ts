import type { UMetric } from 'sparkplug-payload/lib/sparkplugbpayload.js';
import type { SparkplugDispatchConfig } from './config.js';
import type { JobOrder } from './job-order.js';
import type { JobOrderMessage, JobOrderWire, WireAnswer } from './job-order-wire.js';
import {
  decodePayload,
  encodePayload,
  rebirthCommand,
  SPARKPLUG_NAMESPACE,
  sparkplugNumber,
} from '../mqtt/sparkplug-codec.js';
import { ACK_METRICS, ackFromMetrics, jobOrderMetrics } from './sparkplug-job-order.js';
import { outcomeOf } from './transport.js';

const ACK_NAMES = new Set<string>(Object.values(ACK_METRICS));

/**
 * Job orders as Sparkplug B: a DCMD to the machine's device (`spBv1.0/<group>/DCMD/<edge node>/<device>`, QoS 0
 * as Sparkplug requires for commands, hence the transport's resends) carrying the job order metrics
 * (sparkplug-job-order.ts); the answer is the device's `Job Order/Ack/*` metrics in a DDATA, or in its DBIRTH
 * when it was (re)born holding the order. Aliases of the answer metrics are learnt from DBIRTHs; data by alias
 * from a device whose birth this host never saw asks its edge node for a rebirth (NCMD `Node Control/Rebirth`,
 * at most once per `rebirthIntervalMs`), whose DBIRTH then carries the answer.
 */
export function sparkplugJobOrderWire(config: SparkplugDispatchConfig): JobOrderWire {
  const { groupId } = config;
  /** `<edge node>/<device>` → alias → metric name, for the answer metrics only (ACK_METRICS, four per device). */
  const aliases = new Map<string, Map<number, string>>();
  /** Edge node → when a rebirth was last asked of it. */
  const rebirthAskedMs = new Map<string, number>();

  const rebirth = (edgeNode: string, nowMs: number): { ask: JobOrderMessage } | undefined => {
    if (nowMs - (rebirthAskedMs.get(edgeNode) ?? -Infinity) < config.rebirthIntervalMs) return undefined;
    rebirthAskedMs.set(edgeNode, nowMs);
    return { ask: { ...rebirthCommand(groupId, edgeNode, nowMs), qos: 0 } };
  };

  const deviceOf = (machine: string): { edgeNode: string; device: string } | undefined => {
    const listed = config.devices[machine];
    if (listed) return listed;
    if (!config.edgeNode || /[+#/]/.test(machine)) return undefined;
    return { edgeNode: config.edgeNode, device: machine };
  };

  return {
    filters: [`${SPARKPLUG_NAMESPACE}/${groupId}/DBIRTH/+/+`, `${SPARKPLUG_NAMESPACE}/${groupId}/DDATA/+/+`],
    command(order: JobOrder, nowMs: number) {
      const target = deviceOf(order.machine);
      if (!target) return { problem: `no Sparkplug device for machine ${order.machine}` };
      return {
        topic: `${SPARKPLUG_NAMESPACE}/${groupId}/DCMD/${target.edgeNode}/${target.device}`,
        payload: Buffer.from(
          encodePayload({ timestamp: nowMs, metrics: jobOrderMetrics(order, config.method, nowMs) }),
        ),
        qos: 0,
      };
    },
    answer(topic, payload, nowMs) {
      const [, , type, edgeNode, device] = topic.split('/');
      const key = `${edgeNode}/${device}`;
      let metrics: UMetric[];
      try {
        metrics = decodePayload(payload).metrics ?? [];
      } catch (error) {
        return {
          ok: false,
          problem: `not a Sparkplug payload (${error instanceof Error ? error.message : error})`,
        };
      }
      if (type === 'DBIRTH') aliases.set(key, birthAliases(metrics));
      else if (!aliases.has(key) && metrics.some((m) => !m.name)) return rebirth(edgeNode ?? '', nowMs);
      const decoded = ackFromMetrics(metrics, aliases.get(key));
      if (!decoded) return undefined;
      if (!decoded.ok) return decoded satisfies WireAnswer;
      const ack = decoded.value;
      return { ok: true, jobOrderId: ack.jobOrderId, outcome: outcomeOf(ack.returnStatus, ack.reason) };
    },
  };
}

function birthAliases(metrics: readonly UMetric[]): Map<number, string> {
  const map = new Map<number, string>();
  for (const metric of metrics) {
    const alias = sparkplugNumber(metric.alias);
    if (!metric.name || !ACK_NAMES.has(metric.name) || alias === undefined) continue;
    map.set(alias, metric.name);
  }
  return map;
}
