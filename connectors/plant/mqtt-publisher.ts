import { connect, type MqttClient } from 'mqtt';
import type { Observation } from '../../twin/schema/observation.js';
import { backOffReconnects, endClient, mqttClientOptions } from '../mqtt/client-options.js';
import type { ObservationSink } from '../telemetry/observation-sink.js';
import type { PlantMqttConfig } from './options.js';

const RECONNECT = { initialDelayMs: 500, maxDelayMs: 30_000 };

/** One topic level: MQTT wildcards and separators cannot appear inside it. */
const level = (s: string) => s.replace(/[+#/]/g, '_');

/**
 * The JSON payload of one observation on `<prefix>/<line>/<machine>/<signal>`, in the form our own MQTT ingest
 * reads (connectors/mqtt/json-payload.ts): value, source time, quality.
 */
export interface PublishedValue {
  value: Observation['value'];
  ts: number;
  quality: Observation['quality'];
}

/**
 * Publishes the plant's observations over MQTT as JSON, one topic per machine and signal. While the broker is
 * away messages wait in a bounded queue (the oldest dropped and counted beyond it); reconnects back off
 * exponentially, from 0.5 s up to 30 s.
 */
export class MqttTelemetryPublisher implements ObservationSink {
  private readonly client: MqttClient;
  private readonly queue: { topic: string; payload: string }[] = [];
  published = 0;
  dropped = 0;

  constructor(
    private readonly config: Required<Pick<PlantMqttConfig, 'url' | 'prefix' | 'qos' | 'maxQueued'>> &
      PlantMqttConfig,
    /** Line of each machine (topic level). */
    private readonly lineOf: ReadonlyMap<string, string>,
    private readonly onError: (error: Error) => void = () => {},
  ) {
    this.client = connect(config.url, { ...mqttClientOptions(config), connectTimeout: 10_000 });
    backOffReconnects(this.client, RECONNECT);
    this.client.on('connect', () => this.drain());
    this.client.on('error', (e) => this.onError(e));
  }

  get connected(): boolean {
    return this.client.connected;
  }

  accept(observations: readonly Observation[]): void {
    for (const o of observations) {
      const topic = `${this.config.prefix}/${level(this.lineOf.get(o.asset) ?? '_')}/${level(o.asset)}/${level(o.signal)}`;
      const body: PublishedValue = {
        value: o.value,
        ts: o.sourceTs,
        quality: o.quality,
      };
      const payload = JSON.stringify(body);
      if (this.client.connected && this.queue.length === 0) this.send(topic, payload);
      else this.enqueue(topic, payload);
    }
  }

  async stop(): Promise<void> {
    await endClient(this.client);
  }

  private send(topic: string, payload: string): void {
    this.client.publish(topic, payload, { qos: this.config.qos }, (e) => {
      if (e) this.onError(e);
    });
    this.published++;
  }

  private enqueue(topic: string, payload: string): void {
    if (this.config.maxQueued === 0) {
      this.dropped++;
      return;
    }
    if (this.queue.length >= this.config.maxQueued) {
      this.queue.shift();
      this.dropped++;
    }
    this.queue.push({ topic, payload });
  }

  private drain(): void {
    while (this.queue.length > 0 && this.client.connected) {
      const m = this.queue.shift()!;
      this.send(m.topic, m.payload);
    }
  }
}
