import { connectAsync, type MqttClient } from 'mqtt';
import type { ConnectorLogger } from '../ingest/logger.js';
import { endClient, mqttClientOptions } from '../mqtt/client-options.js';
import type { MqttDispatchConfig } from './config.js';
import { JOB_ORDER_RETURN_STATUS, type JobOrder } from './job-order.js';
import type { JobOrderWire } from './job-order-wire.js';
import { jsonJobOrderWire } from './json-job-order-wire.js';
import { sparkplugJobOrderWire } from './sparkplug-job-order-wire.js';
import { outcomeOf, type JobOrderOutcome, type JobOrderTransport } from './transport.js';

/**
 * Job orders over MQTT, as JSON topics or, with `sparkplug` configured, as Sparkplug B DCMDs (the wires:
 * json-job-order-wire.ts, sparkplug-job-order-wire.ts). Answers are matched by job order id. Without an answer
 * the order is published again every `resendMs` (receivers are idempotent) until the dispatcher's deadline.
 * Answers that fail their schema are logged (once per topic) and ignored.
 */
export class MqttJobOrderTransport implements JobOrderTransport {
  private client: MqttClient | undefined;
  private readonly wire: JobOrderWire;
  private readonly waiting = new Map<string, (outcome: JobOrderOutcome) => void>();
  private readonly warnedAbout = new Set<string>();

  constructor(
    private readonly config: MqttDispatchConfig,
    private readonly logger: ConnectorLogger,
    private readonly clock: () => number = Date.now,
  ) {
    this.wire = config.sparkplug ? sparkplugJobOrderWire(config.sparkplug) : jsonJobOrderWire(config.prefix);
  }

  async connect(): Promise<void> {
    const { config } = this;
    const client = await connectAsync(config.url, {
      ...mqttClientOptions({ ...config, clean: false }),
      reconnectPeriod: 1_000,
    });
    client.on('message', (topic, payload) => this.onAnswer(topic, payload));
    client.on('error', (error) => this.logger.warn('mqtt dispatch error', { error: error.message }));
    await client.subscribeAsync([...this.wire.filters], { qos: 1 });
    this.client = client;
  }

  async send(order: JobOrder, signal: AbortSignal): Promise<JobOrderOutcome> {
    const client = this.client;
    if (!client) throw new Error('mqtt dispatch: not connected');
    const first = this.wire.command(order, this.clock());
    if ('problem' in first) return outcomeOf(JOB_ORDER_RETURN_STATUS.unknownMachine, first.problem);
    return new Promise<JobOrderOutcome>((resolve, reject) => {
      let message = first;
      const publish = (): void => {
        client.publish(message.topic, message.payload, { qos: message.qos }, (error) => {
          if (error) finish(() => reject(error));
        });
      };
      const resend = setInterval(() => {
        // A fresh timestamp per resend; the content, and so the receiver's answer, stays the same.
        const again = this.wire.command(order, this.clock());
        if (!('problem' in again)) message = again;
        publish();
      }, this.config.resendMs);
      const finish = (settle: () => void): void => {
        clearInterval(resend);
        signal.removeEventListener('abort', onAbort);
        if (this.waiting.get(order.jobOrderId) === onOutcome) this.waiting.delete(order.jobOrderId);
        settle();
      };
      const onOutcome = (outcome: JobOrderOutcome): void => finish(() => resolve(outcome));
      const onAbort = (): void => finish(() => reject(new Error('aborted')));
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(order.jobOrderId, onOutcome);
      publish();
    });
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await endClient(client);
  }

  private onAnswer(topic: string, payload: Buffer): void {
    const answer = this.wire.answer(topic, payload, this.clock());
    if (!answer) return;
    if ('ask' in answer) {
      this.logger.info('mqtt dispatch: asking for a rebirth to learn the answer metrics', {
        topic: answer.ask.topic,
      });
      this.client?.publish(answer.ask.topic, answer.ask.payload, { qos: answer.ask.qos });
      return;
    }
    if (!answer.ok) {
      if (!this.warnedAbout.has(topic)) {
        this.warnedAbout.add(topic);
        this.logger.warn('mqtt dispatch: ignoring an acknowledgement that does not fit the contract', {
          topic,
          problem: answer.problem,
        });
      }
      return;
    }
    this.waiting.get(answer.jobOrderId)?.(answer.outcome);
  }
}
