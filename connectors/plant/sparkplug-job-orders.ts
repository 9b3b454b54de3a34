import type { UMetric } from 'sparkplug-payload/lib/sparkplugbpayload.js';
import { JOB_ORDER_RETURN_STATUS as RS } from '../dispatch/job-order.js';
import {
  ACK_METRICS,
  ackMetrics,
  JOB_ORDER_METRICS,
  jobOrderFromMetrics,
  type SparkplugJobOrderAck,
} from '../dispatch/sparkplug-job-order.js';
import { decodePayload, encodePayload, SPARKPLUG_NAMESPACE } from '../mqtt/sparkplug-codec.js';
import { isoStateOf, type JobOrderTarget } from './job-order-target.js';

export interface SparkplugJobOrderNodeConfig {
  groupId: string;
  edgeNode: string;
}

/** What the node sends: topic and encoded payload (QoS 0, not retained, as Sparkplug wants). */
export type SparkplugPublish = (topic: string, payload: Buffer) => void;

/** Told of every job order command: accepted or not (with why), answered or not readable at all. */
export type CommandReport = (topic: string, accepted: boolean, reason?: string) => void;

/** The answer metrics of one device, each with its alias (unique over the edge node). */
type DeviceAliases = Record<keyof typeof ACK_METRICS, number>;

const ANSWER_KEYS = Object.keys(ACK_METRICS) as (keyof typeof ACK_METRICS)[];
/** Accept a DCMD of at most this size; a job order of a few thousand operations fits well within it. */
const MAX_COMMAND_BYTES = 4 * 1024 * 1024;

/**
 * The embedded plant as a Sparkplug B edge node that takes job orders: one device per machine (device id =
 * machine id), whose DBIRTH declares the answer metrics (`Job Order/Ack/*`, connectors/dispatch/
 * sparkplug-job-order.ts) with aliases. A DCMD carrying a job order is decoded and checked, handed to the plant
 * (Store or StoreAndStart, as its `Job Order/Method` says) and answered with a DDATA by alias: the job order id,
 * the ReturnStatus, the ISA-95 state when accepted, the reason when not. An NCMD `Node Control/Rebirth` makes
 * it publish its births again, each device reporting the answer it holds. Sequence numbers run 0..255 over the
 * node (NBIRTH = 0); bdSeq counts MQTT sessions and is carried by the NBIRTH and the will (NDEATH).
 * Never throws: a command it cannot read is answered invalidJobOrder (when it names a job order) and counted.
 */
export class SparkplugJobOrderNode {
  private readonly devices = new Map<string, DeviceAliases>();
  /** Device → the last answer it gave (reported again in its births). */
  private readonly held = new Map<string, SparkplugJobOrderAck>();
  private seq = 0;
  private bdSeq = 0;

  constructor(
    private readonly config: SparkplugJobOrderNodeConfig,
    private readonly target: JobOrderTarget,
    private readonly publish: SparkplugPublish,
    private readonly report: CommandReport,
    private readonly clock: () => number = Date.now,
  ) {
    let alias = 1;
    for (const machine of target.machines) {
      if (/[+#/]/.test(machine)) continue; // not a topic level: no device (reported by machinesWithoutDevice)
      const aliases = {} as DeviceAliases;
      for (const key of ANSWER_KEYS) aliases[key] = alias++;
      this.devices.set(machine, aliases);
    }
  }

  /** Machines whose id cannot be a Sparkplug device id (a topic level): they take no Sparkplug job orders. */
  get machinesWithoutDevice(): string[] {
    return this.target.machines.filter((m) => !this.devices.has(m));
  }

  /** What to subscribe to: the devices' commands and the node's own (rebirth). */
  get filters(): string[] {
    const { groupId, edgeNode } = this.config;
    return [
      `${SPARKPLUG_NAMESPACE}/${groupId}/DCMD/${edgeNode}/+`,
      `${SPARKPLUG_NAMESPACE}/${groupId}/NCMD/${edgeNode}`,
    ];
  }

  /**
   * The NDEATH of the current session: the will to connect with, and what to publish before a clean disconnect
   * (a broker sends the will only when a link breaks).
   */
  will(): { topic: string; payload: Buffer; qos: 0; retain: false } {
    return {
      topic: this.topic('NDEATH'),
      payload: Buffer.from(encodePayload({ timestamp: this.clock(), metrics: [this.bdSeqMetric()] })),
      qos: 0,
      retain: false,
    };
  }

  /** A session ended: the next one has the next bdSeq (call `will()` again before reconnecting). */
  sessionEnded(): void {
    this.bdSeq = (this.bdSeq + 1) % 256;
  }

  /** NBIRTH then one DBIRTH per device: at each connection, and when a host asks for a rebirth. */
  births(): void {
    this.seq = 0;
    this.send(
      'NBIRTH',
      [this.bdSeqMetric(), { name: 'Node Control/Rebirth', type: 'Boolean', value: false }],
      undefined,
      0,
    );
    for (const [device, aliases] of this.devices) {
      const ack = this.held.get(device);
      const metric = (key: keyof typeof ACK_METRICS, type: UMetric['type'], value: UMetric['value']) => ({
        name: ACK_METRICS[key],
        alias: aliases[key],
        type,
        value,
      });
      this.send(
        'DBIRTH',
        [
          metric('id', 'String', ack?.jobOrderId ?? ''),
          metric('returnStatus', 'UInt32', ack?.returnStatus ?? 0),
          metric('state', 'String', ack?.state ?? ''),
          metric('reason', 'String', ack?.reason ?? ''),
        ],
        device,
      );
    }
  }

  /** One message on a subscribed topic. */
  handle(topic: string, payload: Buffer): void {
    const [, , type, , device] = topic.split('/');
    if (type === 'NCMD') return this.nodeCommand(topic, payload);
    if (type !== 'DCMD' || device === undefined) return;
    const aliases = this.devices.get(device);
    if (!aliases) return this.report(topic, false, `no device "${device}" on this edge node`);
    if (payload.length > MAX_COMMAND_BYTES)
      return this.report(topic, false, `command of ${payload.length} bytes (at most ${MAX_COMMAND_BYTES})`);
    let metrics: UMetric[];
    try {
      metrics = decodePayload(payload).metrics ?? [];
    } catch (error) {
      return this.report(topic, false, `not a Sparkplug payload (${(error as Error).message})`);
    }
    const named = metrics.find((m) => m.name === JOB_ORDER_METRICS.id)?.value;
    if (named === undefined) {
      // Another device command (not ours to answer), or a job order without its id (no one to answer).
      if (metrics.some((m) => m.name?.startsWith('Job Order/')))
        this.report(topic, false, `${JOB_ORDER_METRICS.id}: is missing`);
      return;
    }
    const decoded = jobOrderFromMetrics(metrics);
    let ack: SparkplugJobOrderAck;
    if (!decoded.ok) {
      ack = {
        jobOrderId: typeof named === 'string' && named ? named.slice(0, 256) : '?',
        returnStatus: RS.invalidJobOrder,
        reason: decoded.problem.slice(0, 1024),
      };
    } else {
      const { order, method } = decoded.value;
      const answer = this.target.store(device, JSON.stringify(order), method === 'StoreAndStart');
      ack = { jobOrderId: order.jobOrderId, returnStatus: answer.returnStatus };
      if (answer.returnStatus === RS.ok) ack.state = isoStateOf(this.target.stateOf(order.jobOrderId));
      else ack.reason = (answer.reason ?? '').slice(0, 1024);
    }
    this.held.set(device, ack);
    this.send('DDATA', ackMetrics(ack, aliases), device);
    this.report(topic, ack.returnStatus === RS.ok, ack.reason);
  }

  private nodeCommand(topic: string, payload: Buffer): void {
    let metrics: UMetric[];
    try {
      metrics = decodePayload(payload).metrics ?? [];
    } catch (error) {
      return this.report(topic, false, `not a Sparkplug payload (${(error as Error).message})`);
    }
    if (metrics.some((m) => m.name === 'Node Control/Rebirth' && m.value === true)) this.births();
  }

  private bdSeqMetric(): UMetric {
    return { name: 'bdSeq', type: 'UInt64', value: this.bdSeq };
  }

  private topic(type: string, device?: string): string {
    const { groupId, edgeNode } = this.config;
    return `${SPARKPLUG_NAMESPACE}/${groupId}/${type}/${edgeNode}${device === undefined ? '' : `/${device}`}`;
  }

  /** Publish with the next sequence number (NBIRTH: 0). */
  private send(type: string, metrics: UMetric[], device?: string, seq?: number): void {
    if (seq === undefined) seq = this.seq = (this.seq + 1) % 256;
    const payload = encodePayload({ timestamp: this.clock(), seq, metrics });
    this.publish(this.topic(type, device), Buffer.from(payload));
  }
}
