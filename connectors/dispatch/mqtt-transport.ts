import { connectAsync, type MqttClient } from 'mqtt';
import { checkSchema } from '../../twin/validate/schema-check.js';
import type { ConnectorLogger } from '../ingest/logger.js';
import { endClient, mqttClientOptions } from '../mqtt/client-options.js';
import type { MqttDispatchConfig } from './config.js';
import { JobOrderAck, type JobOrder } from './job-order.js';
import { outcomeOf, returnStatusName, type JobOrderOutcome, type JobOrderTransport } from './transport.js';

/**
 * Job orders over MQTT: the order as JSON (QoS 1) on `<prefix>/<machine>/joborder`; the answer, a JobOrderAck,
 * on `<prefix>/<machine>/joborder/ack`, matched by job order id. Without an answer the order is published again
 * every `resendMs` (receivers are idempotent) until the dispatcher's deadline. Acks that fail the schema are
 * logged (once per machine) and ignored.
 */
export class MqttJobOrderTransport implements JobOrderTransport {
  private client: MqttClient | undefined;
  private readonly waiting = new Map<string, (outcome: JobOrderOutcome) => void>();
  private readonly warnedAbout = new Set<string>();

  constructor(
    private readonly config: MqttDispatchConfig,
    private readonly logger: ConnectorLogger,
  ) {}

  async connect(): Promise<void> {
    const { config } = this;
    const client = await connectAsync(config.url, {
      ...mqttClientOptions({ ...config, clean: false }),
      reconnectPeriod: 1_000,
    });
    client.on('message', (topic, payload) => this.onAck(topic, payload));
    client.on('error', (error) => this.logger.warn('mqtt dispatch error', { error: error.message }));
    await client.subscribeAsync(`${config.prefix}/+/joborder/ack`, { qos: 1 });
    this.client = client;
  }

  async send(order: JobOrder, signal: AbortSignal): Promise<JobOrderOutcome> {
    const client = this.client;
    if (!client) throw new Error('mqtt dispatch: not connected');
    const topic = `${this.config.prefix}/${order.machine}/joborder`;
    const payload = JSON.stringify(order);
    return new Promise<JobOrderOutcome>((resolve, reject) => {
      const publish = (): void => {
        client.publish(topic, payload, { qos: 1 }, (error) => {
          if (error) finish(() => reject(error));
        });
      };
      const resend = setInterval(publish, this.config.resendMs);
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

  private onAck(topic: string, payload: Buffer): void {
    let ack: unknown;
    try {
      ack = JSON.parse(payload.toString('utf8'));
    } catch {
      ack = undefined;
    }
    const checked = checkSchema(JobOrderAck, ack);
    if (!checked.ok) {
      if (!this.warnedAbout.has(topic)) {
        this.warnedAbout.add(topic);
        this.logger.warn('mqtt dispatch: ignoring an acknowledgement that is not a JobOrderAck', {
          topic,
          problem:
            ack === undefined
              ? 'not JSON'
              : checked.issues.map((i) => `${i.path || 'ack'}: ${i.message}`).join('; '),
        });
      }
      return;
    }
    const valid = checked.value;
    const waiter = this.waiting.get(valid.jobOrderId);
    if (!waiter) return;
    if (valid.status === 'accepted') waiter(outcomeOf(0));
    else
      waiter({
        status: 'rejected',
        returnStatus: valid.returnStatus,
        reason: valid.reason ?? returnStatusName(valid.returnStatus),
      });
  }
}
