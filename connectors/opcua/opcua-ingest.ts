import type { ClientSubscription } from 'node-opcua';
import {
  AttributeIds,
  makeBrowsePath,
  TimestampsToReturn,
  type ClientSession,
  type DataValue,
  type OPCUAClient,
} from 'node-opcua';
import type { EpochMs } from '../../twin/schema/time.js';
import type { ConnectorLogger } from '../ingest/logger.js';
import type { ObservationGate } from '../ingest/observation-gate.js';
import type { OpcUaIngestConfig, OpcUaMappingItem } from './config.js';
import { createOpcUaClient, userIdentity } from './connection.js';
import { convertVariant, hasKind, qualityOf, sourceTimeOf } from './data-value.js';

/** A mapping item whose node id is known. */
interface MonitoredSignal {
  nodeId: string;
  asset: string;
  signal: string;
  expect: NonNullable<OpcUaMappingItem['expect']>;
}

export interface OpcUaIngestStatus {
  connected: boolean;
  monitored: number;
  unresolved: number;
  /** CreateMonitoredItems calls made for the first subscription (the chunks). */
  createCalls: number;
  connectionLosses: number;
  reconnections: number;
  /** Reads of every mapped node after a reconnection. */
  refreshes: number;
  /** Values received (notifications and reads). */
  notifications: number;
}

export interface OpcUaIngestDeps {
  gate: ObservationGate;
  logger: ConnectorLogger;
  clock?: () => EpochMs;
}

/**
 * OPC UA telemetry in: one session, one subscription, one monitored item per mapped node (change-based, with a
 * server-side queue), created in chunks of `chunkSize`. node-opcua reconnects with backoff and re-creates the
 * session and subscription by itself; while the link is down every mapped signal is reported bad (the gap),
 * and the first notifications after the re-subscription report them good again. Values of the wrong kind are
 * counted by the gate and dropped.
 */
export class OpcUaIngest {
  private readonly clock: () => EpochMs;
  private client: OPCUAClient | undefined;
  private session: ClientSession | undefined;
  private subscription: ClientSubscription | undefined;
  private signals: MonitoredSignal[] = [];
  private connected = false;
  private readonly counts = {
    unresolved: 0,
    createCalls: 0,
    connectionLosses: 0,
    reconnections: 0,
    refreshes: 0,
    notifications: 0,
  };

  constructor(
    private readonly config: OpcUaIngestConfig,
    private readonly deps: OpcUaIngestDeps,
  ) {
    this.clock = deps.clock ?? Date.now;
  }

  /** Connect (retrying until the server answers), resolve the mapping and subscribe. */
  async start(): Promise<void> {
    if (this.client) throw new Error('OpcUaIngest already started');
    const { connection } = this.config;
    const client = createOpcUaClient(connection);
    this.client = client;
    client.on('connection_lost', () => this.onConnectionLost());
    client.on('connection_reestablished', () => {
      this.connected = true;
      this.counts.reconnections++;
      this.deps.logger.info('opcua connection re-established', { endpoint: connection.endpointUrl });
      void this.refresh();
    });
    try {
      await client.connect(connection.endpointUrl);
      this.connected = true;
      this.session = await client.createSession(userIdentity(connection));
      this.signals = await this.resolve(this.session);
      await this.subscribe(this.session);
    } catch (error) {
      // A refused user or a failed subscription: leave nothing connected behind.
      await this.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    const { client, session, subscription } = this;
    this.client = undefined;
    this.session = undefined;
    this.subscription = undefined;
    this.connected = false;
    await subscription?.terminate().catch(() => undefined);
    await session?.close().catch(() => undefined);
    await client?.disconnect().catch(() => undefined);
    this.deps.gate.flush();
  }

  status(): OpcUaIngestStatus {
    return { connected: this.connected, monitored: this.signals.length, ...this.counts };
  }

  /** Node ids as configured, browse paths translated in one call; unresolved ones are counted and skipped. */
  private async resolve(session: ClientSession): Promise<MonitoredSignal[]> {
    const { mapping, source } = this.config;
    const byPath = mapping.filter((item) => item.browsePath !== undefined);
    const results = byPath.length
      ? await session.translateBrowsePath(
          byPath.map((item) => makeBrowsePath('RootFolder', item.browsePath ?? '')),
        )
      : [];
    const resolved = new Map<OpcUaMappingItem, string>();
    byPath.forEach((item, index) => {
      const target = results[index]?.targets?.[0];
      if (results[index]?.statusCode.isGood() && target) resolved.set(item, target.targetId.toString());
      else {
        this.counts.unresolved++;
        this.deps.gate.reject(
          source,
          'unresolved browse path',
          `${item.browsePath}: ${results[index]?.statusCode.name}`,
          {
            asset: item.asset,
            signal: item.signal,
          },
        );
      }
    });
    const signals: MonitoredSignal[] = [];
    for (const item of mapping) {
      const nodeId = item.nodeId ?? resolved.get(item);
      if (nodeId)
        signals.push({ nodeId, asset: item.asset, signal: item.signal, expect: item.expect ?? 'any' });
    }
    return signals;
  }

  private async subscribe(session: ClientSession): Promise<void> {
    const { config } = this;
    const subscription = await session.createSubscription2({
      requestedPublishingInterval: config.publishingIntervalMs,
      requestedLifetimeCount: 120,
      requestedMaxKeepAliveCount: 10,
      maxNotificationsPerPublish: 0,
      publishingEnabled: true,
      priority: 10,
    });
    this.subscription = subscription;
    const parameters = {
      samplingInterval: config.samplingIntervalMs,
      queueSize: config.queueSize,
      discardOldest: true,
    };
    for (let start = 0; start < this.signals.length; start += config.chunkSize) {
      const chunk = this.signals.slice(start, start + config.chunkSize);
      this.counts.createCalls++;
      const group = await subscription.monitorItems(
        chunk.map((signal) => ({ nodeId: signal.nodeId, attributeId: AttributeIds.Value })),
        parameters,
        TimestampsToReturn.Both,
      );
      group.on('changed', (_item, dataValue: DataValue, index: number) =>
        this.onChange(start + index, dataValue),
      );
      group.on('err', (message) => this.deps.logger.warn('opcua monitored items', { message }));
    }
  }

  private onChange(index: number, dataValue: DataValue): void {
    const signal = this.signals[index];
    if (!signal) return;
    this.counts.notifications++;
    const source = this.config.source;
    const now = this.clock();
    const quality = qualityOf(dataValue);
    const converted = convertVariant(dataValue.value);
    if (!converted.ok || !hasKind(converted.value, signal.expect)) {
      const found = converted.ok ? `a ${typeof converted.value}` : converted.found;
      this.deps.gate.reject(
        source,
        'wrong value type',
        `${signal.asset}/${signal.signal}: expected ${signal.expect}, found ${found}`,
        {
          nodeId: signal.nodeId,
        },
      );
      return;
    }
    this.deps.gate.offer({
      source,
      asset: signal.asset,
      signal: signal.signal,
      value: quality === 'bad' ? null : converted.value,
      quality,
      sourceTs: sourceTimeOf(dataValue, now),
      receivedTs: now,
    });
  }

  /**
   * After a reconnection, read every mapped node once: a subscription the server kept across a short break
   * sends nothing for values that did not change, and the gap marked them bad.
   */
  private async refresh(): Promise<void> {
    const session = this.session;
    if (!session) return;
    try {
      for (let start = 0; start < this.signals.length; start += this.config.chunkSize) {
        const chunk = this.signals.slice(start, start + this.config.chunkSize);
        const values = await session.read(
          chunk.map((signal) => ({ nodeId: signal.nodeId, attributeId: AttributeIds.Value })),
        );
        values.forEach((dataValue, index) => this.onChange(start + index, dataValue));
      }
      this.counts.refreshes++;
    } catch (error) {
      this.deps.logger.warn('opcua read after reconnection failed; values follow with the next changes', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** The gap: every mapped signal is unknown from now until the re-subscription reports it again. */
  private onConnectionLost(): void {
    if (!this.connected) return;
    this.connected = false;
    this.counts.connectionLosses++;
    this.deps.logger.warn('opcua connection lost: reconnecting', {
      endpoint: this.config.connection.endpointUrl,
    });
    const now = this.clock();
    for (const signal of this.signals) {
      this.deps.gate.offer({
        source: this.config.source,
        asset: signal.asset,
        signal: signal.signal,
        value: null,
        quality: 'bad',
        sourceTs: now,
        receivedTs: now,
      });
    }
  }
}
