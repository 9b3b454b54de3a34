// The device side of Sparkplug B job orders as a test fixture: an edge node whose devices (one per machine) take
// job order DCMDs, store them idempotently (JobOrderReceiver) and answer with a DDATA of `Job Order/Ack/*`
// metrics by alias, as declared in their DBIRTH. Sequence numbers follow Sparkplug (0..255 over the node); an NCMD
// `Node Control/Rebirth` makes it publish its births again, with the answer each device holds.
import { connectAsync, type MqttClient } from 'mqtt';
import type { UMetric } from 'sparkplug-payload/lib/sparkplugbpayload.js';
import { decodePayload, encodePayload } from '../../mqtt/sparkplug-codec.js';
import { JOB_ORDER_RETURN_STATUS } from '../job-order.js';
import {
  ACK_METRICS,
  ackMetrics,
  jobOrderFromMetrics,
  type SparkplugJobOrderAck,
} from '../sparkplug-job-order.js';
import { JobOrderReceiver, type ReceiverBehaviour } from './job-order-receiver.js';

export interface SparkplugEdgeNode {
  receiver: JobOrderReceiver;
  /** DCMD messages seen (resends included), per device. */
  commands: Map<string, number>;
  /** Problems found in commands (what the device answered invalidJobOrder for). */
  problems: string[];
  rebirths: number;
  stop(): Promise<void>;
}

export interface EdgeNodeOptions extends ReceiverBehaviour {
  url: string;
  groupId: string;
  edgeNode: string;
  /** machine id → device id */
  devices: Record<string, string>;
  /** Devices that never answer. */
  silent?: readonly string[];
}

const ALIASES = { id: 101, returnStatus: 102, state: 103, reason: 104 } as const;

export async function startSparkplugEdgeNode(options: EdgeNodeOptions): Promise<SparkplugEdgeNode> {
  const { groupId, edgeNode } = options;
  const machineOf = new Map(Object.entries(options.devices).map(([machine, device]) => [device, machine]));
  const receiver = new JobOrderReceiver([...machineOf.values()], options);
  const node: SparkplugEdgeNode = {
    receiver,
    commands: new Map(),
    problems: [],
    rebirths: 0,
    stop: async () => {},
  };
  const held = new Map<string, SparkplugJobOrderAck>();
  let seq = 0;
  const nextSeq = (): number => (seq = (seq + 1) % 256);
  const client: MqttClient = await connectAsync(options.url, { reconnectPeriod: 0, protocolVersion: 4 });
  node.stop = () => client.endAsync(true);
  const publish = (type: string, metrics: UMetric[], device?: string, sequence = nextSeq()) =>
    client.publishAsync(
      `spBv1.0/${groupId}/${type}/${edgeNode}${device ? `/${device}` : ''}`,
      Buffer.from(encodePayload({ timestamp: Date.now(), seq: sequence, metrics })),
      { qos: 0 },
    );

  const births = async (): Promise<void> => {
    await publish('NBIRTH', [{ name: 'bdSeq', type: 'Int64', value: 0 }], undefined, (seq = 0));
    for (const device of machineOf.keys()) {
      // Declares the answer metrics with their aliases; born holding no job order, the id is empty.
      const ack = held.get(device);
      await publish(
        'DBIRTH',
        [
          { name: ACK_METRICS.id, alias: ALIASES.id, type: 'String', value: ack?.jobOrderId ?? '' },
          {
            name: ACK_METRICS.returnStatus,
            alias: ALIASES.returnStatus,
            type: 'UInt32',
            value: ack?.returnStatus ?? 0,
          },
          { name: ACK_METRICS.state, alias: ALIASES.state, type: 'String', value: ack?.state ?? '' },
        ],
        device,
      );
    }
  };

  client.on('message', (topic, payload) => {
    if (topic.includes('/NCMD/')) {
      const rebirth = decodePayload(payload).metrics?.some((m) => m.name === 'Node Control/Rebirth');
      if (rebirth) {
        node.rebirths++;
        void births();
      }
      return;
    }
    const device = topic.split('/')[4] ?? '';
    const machine = machineOf.get(device);
    node.commands.set(device, (node.commands.get(device) ?? 0) + 1);
    if (!machine || options.silent?.includes(device)) return;
    const metrics = decodePayload(payload).metrics ?? [];
    const decoded = jobOrderFromMetrics(metrics);
    let ack: SparkplugJobOrderAck;
    if (!decoded.ok) {
      node.problems.push(decoded.problem);
      const id = metrics.find((m) => m.name === 'Job Order/ID')?.value;
      ack = {
        jobOrderId: typeof id === 'string' && id ? id : '?',
        returnStatus: JOB_ORDER_RETURN_STATUS.invalidJobOrder,
      };
    } else {
      const { order, method } = decoded.value;
      const start = method === 'StoreAndStart';
      const returnStatus = receiver.receive(machine, JSON.stringify(order), start);
      ack = { jobOrderId: order.jobOrderId, returnStatus };
      if (returnStatus === JOB_ORDER_RETURN_STATUS.ok)
        ack.state = start ? 'AllowedToStart' : 'NotAllowedToStart';
    }
    held.set(device, ack);
    void publish('DDATA', ackMetrics(ack, ALIASES), device);
  });
  await client.subscribeAsync(
    [`spBv1.0/${groupId}/DCMD/${edgeNode}/+`, `spBv1.0/${groupId}/NCMD/${edgeNode}`],
    { qos: 0 },
  );
  await births();
  return node;
}
