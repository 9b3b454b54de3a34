import { connect, type MqttClient } from 'mqtt';
import { JOB_ORDER_RETURN_STATUS as RS, type JobOrderAck } from '../dispatch/job-order.js';
import { silentLogger, type ConnectorLogger } from '../ingest/logger.js';
import { backOffReconnects, endClient, mqttClientOptions } from '../mqtt/client-options.js';
import type { JobOrderTarget } from './job-order-target.js';
import type { PlantJobOrdersConfig, PlantMqttConfig } from './options.js';
import { SparkplugJobOrderNode } from './sparkplug-job-orders.js';

const RECONNECT = { initialDelayMs: 500, maxDelayMs: 30_000 };
/** Accept a JSON job order of at most this size. */
const MAX_JSON_BYTES = 4 * 1024 * 1024;
/** Rejections logged one by one up to this many; after that they are only counted. */
const MAX_LOGGED = 100;

export interface MqttJobOrderCounters {
  /** Job order messages received (resends included). */
  received: number;
  accepted: number;
  rejected: number;
}

/**
 * The embedded plant's MQTT job order receiver: JSON job orders on `<prefix>/<machine>/joborder`, answered with
 * a JobOrderAck on `…/joborder/ack` (QoS 1), and Sparkplug B DCMDs (sparkplug-job-orders.ts). Every job order
 * goes to the plant's JobOrderControl (`target`) exactly as over OPC UA, so it is validated, stored idempotently
 * (plan version + job order id) and executed. A bad message is answered with its ReturnStatus and reason where
 * it names a job order, counted and logged, and never throws out of the handler. Its own connection (the
 * Sparkplug will belongs to it), reconnecting with backoff from 0.5 s to 30 s.
 */
export class MqttJobOrderReceiver {
  private readonly client: MqttClient;
  private readonly sparkplug: SparkplugJobOrderNode | undefined;
  private readonly jsonPrefix: string | undefined;
  private readonly counts: MqttJobOrderCounters = { received: 0, accepted: 0, rejected: 0 };
  /** True once the broker confirmed the subscriptions of the current connection. */
  subscribed = false;

  constructor(
    broker: PlantMqttConfig,
    config: PlantJobOrdersConfig,
    private readonly target: JobOrderTarget,
    private readonly logger: ConnectorLogger = silentLogger,
    clock: () => number = Date.now,
  ) {
    this.jsonPrefix = config.json?.prefix;
    const publish = (topic: string, payload: Buffer): void => {
      this.client.publish(topic, payload, { qos: 0 });
    };
    this.sparkplug = config.sparkplug
      ? new SparkplugJobOrderNode(
          config.sparkplug,
          target,
          publish,
          (topic, accepted, reason) => this.answered(topic, accepted, reason),
          clock,
        )
      : undefined;
    const without = this.sparkplug?.machinesWithoutDevice ?? [];
    if (without.length > 0)
      logger.warn('plant job orders: machine ids that cannot be Sparkplug device ids take none', {
        machines: without,
      });
    this.client = connect(broker.url, {
      ...mqttClientOptions({
        ...broker,
        clean: true,
        clientId: broker.clientId ? `${broker.clientId}-job-orders` : undefined,
      }),
      connectTimeout: 10_000,
      resubscribe: false,
      ...(this.sparkplug && { will: this.sparkplug.will() }),
    });
    backOffReconnects(this.client, RECONNECT);
    this.client.on('connect', () => this.subscribe());
    this.client.on('close', () => {
      this.subscribed = false;
      if (!this.sparkplug) return;
      // The next session announces itself with the next bdSeq, in its will too.
      this.sparkplug.sessionEnded();
      this.client.options.will = this.sparkplug.will();
    });
    this.client.on('error', (e) => logger.warn('plant job orders: mqtt error', { error: e.message }));
    this.client.on('message', (topic, payload) => this.onMessage(topic, payload));
  }

  counters(): MqttJobOrderCounters {
    return { ...this.counts };
  }

  async stop(): Promise<void> {
    if (this.sparkplug && this.client.connected) {
      const { topic, payload } = this.sparkplug.will();
      this.client.publish(topic, payload, { qos: 0 });
    }
    await endClient(this.client);
  }

  private subscribe(): void {
    const filters: Record<string, { qos: 0 | 1 }> = {};
    if (this.jsonPrefix) filters[`${this.jsonPrefix}/+/joborder`] = { qos: 1 };
    for (const filter of this.sparkplug?.filters ?? []) filters[filter] = { qos: 0 };
    this.client.subscribe(filters, (error) => {
      if (error) {
        this.logger.warn('plant job orders: subscribe failed', { error: error.message });
        return;
      }
      this.subscribed = true;
      // Born once the commands can reach it: a host that sees the birth may send at once.
      this.sparkplug?.births();
    });
  }

  private onMessage(topic: string, payload: Buffer): void {
    try {
      if (this.sparkplug && topic.startsWith('spBv1.0/')) return this.sparkplug.handle(topic, payload);
      if (this.jsonPrefix !== undefined && topic.endsWith('/joborder')) this.onJson(topic, payload);
    } catch (error) {
      // A bug of ours must not take the receiver down with it.
      this.answered(topic, false, `internal error: ${(error as Error).message}`);
    }
  }

  private onJson(topic: string, payload: Buffer): void {
    const machine = topic.slice(this.jsonPrefix!.length + 1, -'/joborder'.length);
    const ack = this.jsonAnswer(machine, payload);
    this.client.publish(`${topic}/ack`, JSON.stringify(ack), { qos: 1 });
    this.answered(topic, ack.status === 'accepted', ack.reason);
  }

  /** The answer to one JSON job order, after the plant took it (or why not). */
  private jsonAnswer(machine: string, payload: Buffer): JobOrderAck {
    const text = payload.length <= MAX_JSON_BYTES ? payload.toString('utf8') : undefined;
    const id = text === undefined ? undefined : jobOrderIdIn(text);
    const answer =
      text === undefined
        ? { returnStatus: RS.invalidJobOrder, reason: `JobOrder: more than ${MAX_JSON_BYTES} bytes` }
        : this.target.store(machine, text, true);
    const ack: JobOrderAck = {
      jobOrderId: id ?? '?',
      status: answer.returnStatus === RS.ok ? 'accepted' : 'rejected',
      returnStatus: answer.returnStatus,
    };
    if (answer.reason !== undefined) ack.reason = answer.reason.slice(0, 1024);
    return ack;
  }

  /** Count a job order message; log a rejection (the first MAX_LOGGED of them). */
  private answered(topic: string, accepted: boolean, reason: string | undefined): void {
    this.counts.received++;
    if (accepted) return void this.counts.accepted++;
    const n = ++this.counts.rejected;
    if (n > MAX_LOGGED) return;
    this.logger.warn(
      n === MAX_LOGGED
        ? 'plant job orders: rejected a job order; further rejections are only counted'
        : 'plant job orders: rejected a job order',
      { topic, reason },
    );
  }
}

/** The job order id a payload names, when it is JSON with one (to address the answer); undefined otherwise. */
function jobOrderIdIn(text: string): string | undefined {
  try {
    const id = (JSON.parse(text) as { jobOrderId?: unknown } | null)?.jobOrderId;
    return typeof id === 'string' && id !== '' ? id.slice(0, 256) : undefined;
  } catch {
    return undefined;
  }
}
