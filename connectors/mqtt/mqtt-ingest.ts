import { connect, type IPublishPacket, type MqttClient } from 'mqtt';
import type { EpochMs } from '../../twin/schema/time.js';
import type { ObservationGate } from '../ingest/observation-gate.js';
import type { ConnectorLogger } from '../ingest/logger.js';
import { backOffReconnects, endClient, mqttClientOptions } from './client-options.js';
import type { MqttIngestConfig } from './config.js';
import { decodeJsonTelemetry } from './json-payload.js';
import { decodeJsonValues, type ValuesOutput } from './json-values-payload.js';
import { RedeliveryFilter } from './redelivery-filter.js';
import { SparkplugHost, type SparkplugStats } from './sparkplug-host.js';
import { compileTopicPattern, type TopicCaptures, type TopicPattern } from './topic-pattern.js';

interface Route {
  pattern: TopicPattern;
  asset: string | undefined;
  signal: string | undefined;
  /** Several signals per message (json-values-payload.ts) rather than one. */
  values: boolean;
}

export interface MqttIngestStatus {
  connected: boolean;
  connects: number;
  messages: number;
  unmatched: number;
  /** QoS 1 redeliveries (DUP) of messages already handled, dropped so the twin sees each message once. */
  redeliveries: number;
  nextReconnectDelayMs: number;
  sparkplug: SparkplugStats | undefined;
}

export interface MqttIngestDeps {
  gate: ObservationGate;
  logger: ConnectorLogger;
  clock?: () => EpochMs;
}

/**
 * MQTT telemetry in: JSON payloads on configured topic patterns, and Sparkplug B. A persistent session (fixed
 * client id, clean: false) with QoS 1 subscriptions, so what was published while the link was down arrives after
 * it comes back; reconnects back off exponentially up to `reconnect.maxDelayMs`. Every message goes through the
 * observation gate; nothing a publisher sends can throw out of the message handler.
 */
export class MqttIngest {
  private readonly routes: Route[];
  private readonly sparkplug: SparkplugHost | undefined;
  private readonly clock: () => EpochMs;
  private readonly captures: TopicCaptures = { asset: '', signal: '' };
  private readonly redelivered: RedeliveryFilter;
  private client: MqttClient | undefined;
  private connects = 0;
  private messages = 0;
  private unmatched = 0;
  private redeliveries = 0;
  /** The wait before the next reconnect attempt. */
  private nextDelayMs: () => number;
  /** The topic of the message being decoded in the values form (named in its rejections). */
  private valuesTopic = '';
  private readonly valuesOutput: ValuesOutput = {
    offer: (observation) => this.deps.gate.offer(observation),
    reject: (reason, message) =>
      this.deps.gate.reject(this.config.source, reason, message, { topic: this.valuesTopic }),
  };

  constructor(
    private readonly config: MqttIngestConfig,
    private readonly deps: MqttIngestDeps,
  ) {
    this.clock = deps.clock ?? Date.now;
    this.nextDelayMs = () => config.reconnect.initialDelayMs;
    this.redelivered = new RedeliveryFilter(config.redeliveryWindow);
    this.routes = config.json.map((route) => {
      const pattern = compileTopicPattern(route.pattern);
      if (!pattern.capturesAsset && !route.asset)
        throw new Error(`mqtt route "${route.pattern}": capture +asset in the pattern or give a fixed asset`);
      const values = route.form === 'values';
      if (!values && !pattern.capturesSignal && !route.signal)
        throw new Error(
          `mqtt route "${route.pattern}": capture +signal in the pattern or give a fixed signal`,
        );
      if (values && (pattern.capturesSignal || route.signal))
        throw new Error(`mqtt route "${route.pattern}": form values names its signals in the payload`);
      return { pattern, asset: route.asset, signal: route.signal, values };
    });
    this.sparkplug = config.sparkplug
      ? new SparkplugHost(
          config.source,
          {
            offer: (observation) => deps.gate.offer(observation),
            reject: (reason, message, details) => deps.gate.reject(config.source, reason, message, details),
            requestRebirth: (topic, payload) => {
              this.deps.logger.info('asking a Sparkplug edge node for a rebirth', { topic });
              this.client?.publish(topic, Buffer.from(payload), { qos: 0 });
            },
          },
          config.sparkplug.rebirthIntervalMs,
          this.clock,
        )
      : undefined;
  }

  /** The subscription filters, JSON routes first, then Sparkplug. */
  filters(): string[] {
    const filters = this.routes.map((route) => route.pattern.filter);
    for (const group of this.config.sparkplug?.groups ?? []) filters.push(`spBv1.0/${group}/#`);
    return [...new Set(filters)];
  }

  /** Connect and keep connecting; resolves at the first CONNACK (the caller bounds the wait if it must). */
  start(): Promise<void> {
    if (this.client) throw new Error('MqttIngest already started');
    const { config } = this;
    const client = connect(config.url, {
      ...mqttClientOptions(config),
      keepalive: config.keepaliveS,
      connectTimeout: config.connectTimeoutMs,
      reconnectPeriod: config.reconnect.initialDelayMs,
      resubscribe: false,
    });
    this.client = client;
    this.nextDelayMs = backOffReconnects(client, config.reconnect);
    client.on('connect', (connack) => {
      this.connects++;
      this.deps.logger.info('mqtt connected', {
        url: this.config.url,
        sessionPresent: connack.sessionPresent,
      });
      // A broker that kept the session still has the subscriptions; subscribing again is harmless either way.
      const filters = this.filters();
      if (filters.length > 0)
        client.subscribe(filters, { qos: this.config.qos }, (error) => {
          if (error) this.deps.logger.warn('mqtt subscribe failed', { error: error.message, filters });
        });
    });
    client.on('error', (error) =>
      this.deps.logger.warn('mqtt error', { url: this.config.url, error: error.message }),
    );
    client.on('offline', () => this.deps.logger.warn('mqtt offline: reconnecting', { url: this.config.url }));
    client.on('message', (topic, payload, packet) => this.onMessage(topic, payload, packet));
    return new Promise((resolve) => client.once('connect', () => resolve()));
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await endClient(client);
    this.deps.gate.flush();
  }

  status(): MqttIngestStatus {
    return {
      connected: this.client?.connected ?? false,
      connects: this.connects,
      messages: this.messages,
      unmatched: this.unmatched,
      redeliveries: this.redeliveries,
      nextReconnectDelayMs: this.nextDelayMs(),
      sparkplug: this.sparkplug?.counters(),
    };
  }

  private onMessage(topic: string, payload: Buffer, packet: IPublishPacket): void {
    this.messages++;
    try {
      if (packet.qos > 0 && this.redelivered.isRedelivery(topic, payload, packet.dup)) {
        this.redeliveries++;
        return;
      }
      if (this.sparkplug && topic.startsWith('spBv1.0/')) return this.sparkplug.handle(topic, payload);
      const route = this.match(topic);
      if (!route) {
        this.unmatched++;
        return;
      }
      const asset = route.asset ?? this.captures.asset;
      if (route.values) {
        this.valuesTopic = topic;
        decodeJsonValues(payload, this.config.source, asset, this.clock(), this.valuesOutput);
        return;
      }
      const signal = route.signal ?? this.captures.signal;
      const decoded = decodeJsonTelemetry(payload, this.config.source, asset, signal, this.clock());
      if (decoded.ok) this.deps.gate.offer(decoded.observation);
      else this.deps.gate.reject(this.config.source, decoded.reason, decoded.message, { topic });
    } catch (error) {
      // A bug of ours must not take the subscription down with it.
      this.deps.gate.reject(
        this.config.source,
        'internal error',
        error instanceof Error ? error.message : String(error),
        {
          topic,
        },
      );
    }
  }

  private match(topic: string): Route | undefined {
    for (const route of this.routes) if (route.pattern.match(topic, this.captures)) return route;
    return undefined;
  }
}
