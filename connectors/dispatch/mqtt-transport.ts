import { readFileSync } from 'node:fs';
import { connectAsync, type MqttClient } from 'mqtt';
import { compiledValidator } from '../../twin/validate/ajv.js';
import { ajvErrorsToIssues } from '../../twin/validate/ajv-messages.js';
import type { ConnectorLogger } from '../ingest/logger.js';
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
  private readonly validateAck = compiledValidator(JobOrderAck);
  private readonly warnedAbout = new Set<string>();

  constructor(
    private readonly config: MqttDispatchConfig,
    private readonly logger: ConnectorLogger,
  ) {}

  async connect(): Promise<void> {
    const { config } = this;
    const tls = config.tls;
    const client = await connectAsync(config.url, {
      clientId: config.clientId,
      clean: false,
      protocolVersion: 4,
      reconnectPeriod: 1_000,
      username: config.username,
      password: config.password,
      ...(tls && {
        ca: tls.caFile ? readFileSync(tls.caFile) : undefined,
        cert: tls.certFile ? readFileSync(tls.certFile) : undefined,
        key: tls.keyFile ? readFileSync(tls.keyFile) : undefined,
        rejectUnauthorized: tls.rejectUnauthorized,
      }),
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
    await this.client?.endAsync();
    this.client = undefined;
  }

  private onAck(topic: string, payload: Buffer): void {
    let ack: unknown;
    try {
      ack = JSON.parse(payload.toString('utf8'));
    } catch {
      ack = undefined;
    }
    if (!this.validateAck(ack)) {
      if (!this.warnedAbout.has(topic)) {
        this.warnedAbout.add(topic);
        const issues = ajvErrorsToIssues(this.validateAck.errors ?? []);
        this.logger.warn('mqtt dispatch: ignoring an acknowledgement that is not a JobOrderAck', {
          topic,
          problem:
            ack === undefined ? 'not JSON' : issues.map((i) => `${i.path || 'ack'}: ${i.message}`).join('; '),
        });
      }
      return;
    }
    const valid = ack as JobOrderAck;
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
