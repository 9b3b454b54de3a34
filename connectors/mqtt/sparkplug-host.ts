import type { UMetric, UPayload } from 'sparkplug-payload/lib/sparkplugbpayload.js';
import type { Observation, Quality } from '../../twin/schema/observation.js';
import type { EpochMs } from '../../twin/schema/time.js';
import { decodePayload, rebirthCommand, sparkplugNumber } from './sparkplug-codec.js';

/** Where the host sends what it makes of the messages: observations, rejections, rebirth requests. */
export interface SparkplugOutput {
  offer(observation: Observation): void;
  reject(reason: string, message: string, details?: Record<string, unknown>): void;
  /** Publish an NCMD `Node Control/Rebirth` to `topic` (`payload` is the encoded Sparkplug payload). */
  requestRebirth(topic: string, payload: Uint8Array): void;
}

interface SignalRef {
  asset: string;
  signal: string;
}

/** What the host knows about one edge node between its birth and its death. */
interface NodeState {
  alive: boolean;
  seq: number;
  bdSeq: number | undefined;
  /** Metric alias → where its values go; aliases are unique per edge node, devices included. */
  aliases: Map<number, SignalRef>;
  /** Device id ('' for the node itself) → its signals, so a death can mark them bad. */
  signals: Map<string, SignalRef[]>;
  lastRebirthRequestMs: number;
}

export interface SparkplugStats {
  messages: number;
  sequenceGaps: number;
  rebirthRequests: number;
  staleDeaths: number;
}

/**
 * A Sparkplug B (spBv1.0) primary-host view of the edge nodes: births record metric names and aliases, data
 * becomes observations (asset = device id, or the edge node id for node metrics; signal = metric name), deaths
 * turn the dead node's or device's signals to bad quality. Sequence numbers (0..255, per edge node, over every
 * message but NDEATH) are checked; a gap, or data from a node never seen born, asks the node for a rebirth
 * (at most once per `rebirthIntervalMs`). A metric property `Quality` (OPC DA codes: ≥192 good, 64..191
 * uncertain, below bad) sets the quality; without it values are good.
 */
export class SparkplugHost {
  private readonly nodes = new Map<string, NodeState>();
  private readonly stats: SparkplugStats = {
    messages: 0,
    sequenceGaps: 0,
    rebirthRequests: 0,
    staleDeaths: 0,
  };

  constructor(
    private readonly source: string,
    private readonly out: SparkplugOutput,
    private readonly rebirthIntervalMs: number,
    private readonly clock: () => EpochMs = Date.now,
  ) {}

  counters(): SparkplugStats {
    return { ...this.stats };
  }

  /** Handle one message on a `spBv1.0/...` topic. Never throws. */
  handle(topic: string, payload: Buffer): void {
    const parts = topic.split('/');
    const [, group, type, node, device] = parts;
    if (parts.length < 4 || parts.length > 5 || !group || !type || !node) {
      if (type !== 'STATE')
        this.out.reject('bad Sparkplug topic', `"${topic}" is not spBv1.0/group/type/node[/device]`);
      return;
    }
    if (type === 'NCMD' || type === 'DCMD' || type === 'STATE') return;
    let decoded: UPayload;
    try {
      decoded = decodePayload(payload);
    } catch (error) {
      this.out.reject(
        'malformed Sparkplug payload',
        `${topic}: ${error instanceof Error ? error.message : error}`,
      );
      return;
    }
    this.stats.messages++;
    const key = `${group}/${node}`;
    const now = this.clock();
    const payloadTs = sparkplugNumber(decoded.timestamp) ?? now;
    const metrics = decoded.metrics ?? [];
    if (type === 'NBIRTH') return this.nodeBirth(key, node, decoded, metrics, payloadTs, now);
    if (type === 'NDEATH') return this.nodeDeath(key, metrics, payloadTs, now);

    const state = this.nodes.get(key);
    if (!state?.alive) {
      this.out.reject('Sparkplug message before birth', `${topic}: no NBIRTH seen from ${key}`);
      this.askRebirth(group, node, now);
      return;
    }
    this.checkSequence(state, decoded, group, node, now);
    switch (type) {
      case 'DBIRTH':
        return this.birthMetrics(state, device ?? '', device ?? node, metrics, payloadTs, now);
      case 'NDATA':
      case 'DDATA':
        return this.dataMetrics(state, device ?? '', device ?? node, metrics, payloadTs, now);
      case 'DDEATH':
        return this.markBad(state.signals.get(device ?? '') ?? [], payloadTs, now);
      default:
        this.out.reject('unknown Sparkplug message type', `${topic}: ${type}`);
    }
  }

  private nodeBirth(
    key: string,
    node: string,
    payload: UPayload,
    metrics: UMetric[],
    ts: EpochMs,
    now: EpochMs,
  ): void {
    const bdSeq = metrics.find((m) => m.name === 'bdSeq');
    const state: NodeState = {
      alive: true,
      seq: sparkplugNumber(payload.seq) ?? 0,
      bdSeq: bdSeq ? sparkplugNumber(bdSeq.value) : undefined,
      aliases: new Map(),
      signals: new Map(),
      lastRebirthRequestMs: this.nodes.get(key)?.lastRebirthRequestMs ?? -Infinity,
    };
    this.nodes.set(key, state);
    this.birthMetrics(state, '', node, metrics, ts, now);
  }

  private nodeDeath(key: string, metrics: UMetric[], ts: EpochMs, now: EpochMs): void {
    const state = this.nodes.get(key);
    if (!state?.alive) return;
    // A death certificate whose bdSeq is not the current birth's belongs to an older session: ignore it.
    const bdSeq = metrics.find((m) => m.name === 'bdSeq');
    const deathSeq = bdSeq ? sparkplugNumber(bdSeq.value) : undefined;
    if (state.bdSeq !== undefined && deathSeq !== undefined && deathSeq !== state.bdSeq) {
      this.stats.staleDeaths++;
      return;
    }
    state.alive = false;
    for (const refs of state.signals.values()) this.markBad(refs, ts, now);
  }

  private birthMetrics(
    state: NodeState,
    device: string,
    asset: string,
    metrics: UMetric[],
    ts: EpochMs,
    now: EpochMs,
  ): void {
    const refs: SignalRef[] = [];
    for (const metric of metrics) {
      const name = metric.name;
      if (!name || isControlMetric(name)) continue;
      const ref = { asset, signal: name };
      refs.push(ref);
      const alias = sparkplugNumber(metric.alias);
      if (alias !== undefined) state.aliases.set(alias, ref);
      this.emit(ref, metric, ts, now);
    }
    state.signals.set(device, refs);
  }

  private dataMetrics(
    state: NodeState,
    device: string,
    asset: string,
    metrics: UMetric[],
    ts: EpochMs,
    now: EpochMs,
  ): void {
    for (const metric of metrics) {
      let ref: SignalRef | undefined;
      if (metric.name) {
        if (isControlMetric(metric.name)) continue;
        ref = { asset, signal: metric.name };
      } else {
        const alias = sparkplugNumber(metric.alias);
        ref = alias === undefined ? undefined : state.aliases.get(alias);
      }
      if (!ref) {
        this.out.reject(
          'unknown Sparkplug alias',
          `alias ${String(sparkplugNumber(metric.alias))} of ${device || asset} was not in its birth`,
        );
        continue;
      }
      this.emit(ref, metric, ts, now);
    }
  }

  private checkSequence(
    state: NodeState,
    payload: UPayload,
    group: string,
    node: string,
    now: EpochMs,
  ): void {
    const seq = sparkplugNumber(payload.seq);
    const expected = (state.seq + 1) % 256;
    if (seq !== expected) {
      this.stats.sequenceGaps++;
      this.askRebirth(group, node, now);
    }
    state.seq = seq ?? expected;
  }

  private askRebirth(group: string, node: string, now: EpochMs): void {
    const state = this.nodes.get(`${group}/${node}`);
    if (state && now - state.lastRebirthRequestMs < this.rebirthIntervalMs) return;
    if (state) state.lastRebirthRequestMs = now;
    this.stats.rebirthRequests++;
    const { topic, payload } = rebirthCommand(group, node, now);
    this.out.requestRebirth(topic, payload);
  }

  private emit(ref: SignalRef, metric: UMetric, payloadTs: EpochMs, now: EpochMs): void {
    const value = metricValue(metric);
    if (value === undefined) {
      this.out.reject('unsupported Sparkplug metric type', `${ref.asset}/${ref.signal}: type ${metric.type}`);
      return;
    }
    this.out.offer({
      source: this.source,
      asset: ref.asset,
      signal: ref.signal,
      value,
      quality: metricQuality(metric),
      sourceTs: sparkplugNumber(metric.timestamp) ?? payloadTs,
      receivedTs: now,
    });
  }

  private markBad(refs: readonly SignalRef[], ts: EpochMs, now: EpochMs): void {
    for (const ref of refs) {
      this.out.offer({
        source: this.source,
        ...ref,
        value: null,
        quality: 'bad',
        sourceTs: ts,
        receivedTs: now,
      });
    }
  }
}

function isControlMetric(name: string): boolean {
  return name === 'bdSeq' || name.startsWith('Node Control/') || name.startsWith('Device Control/');
}

const INTEGER_TYPES = new Set([
  'Int8',
  'Int16',
  'Int32',
  'Int64',
  'UInt8',
  'UInt16',
  'UInt32',
  'UInt64',
  'DateTime',
]);

function metricValue(metric: UMetric): Observation['value'] | undefined {
  const value = metric.value;
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string')
    return value;
  // sparkplug-payload decodes every integer type it carries in a 64-bit field (UInt32 too) and DateTime as Long.
  if (INTEGER_TYPES.has(metric.type)) return sparkplugNumber(value);
  return undefined;
}

function metricQuality(metric: UMetric): Quality {
  const property = metric.properties?.Quality;
  const code = property ? sparkplugNumber(property.value) : undefined;
  if (code === undefined) return 'good';
  return code >= 192 ? 'good' : code >= 64 ? 'uncertain' : 'bad';
}
