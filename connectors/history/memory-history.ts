import Type, { type Static } from 'typebox';
import type { Observation } from '../../twin/schema/observation.js';
import type { ObservationSink } from '../telemetry/observation-sink.js';
import { parseConfig } from '../ingest/parse-config.js';
import { aggregatePoints } from './aggregate-points.js';
import {
  checkSignalQuery,
  type HistoryPoint,
  type HistoryReader,
  type LatestValue,
  type SignalQuery,
} from './history-reader.js';
import { SeriesRing } from './series-ring.js';

export const MemoryHistoryConfig = Type.Object(
  {
    maxPoints: Type.Integer({ minimum: 1, default: 1_000_000, description: 'points held in all, at most' }),
    maxPointsPerSeries: Type.Integer({
      minimum: 1,
      default: 10_000,
      description: 'points held per asset and signal, at most',
    }),
    maxSeries: Type.Integer({ minimum: 1, default: 100_000, description: 'asset and signal pairs, at most' }),
    maxReadPoints: Type.Integer({
      minimum: 1,
      default: 100_000,
      description: 'points one read returns, at most',
    }),
  },
  { additionalProperties: false },
);
export type MemoryHistoryConfig = Static<typeof MemoryHistoryConfig>;

export interface MemoryHistoryStats {
  points: number;
  series: number;
  /** Points pushed out to keep within maxPoints or maxPointsPerSeries, oldest first. */
  evicted: number;
  /** Points not kept because they would have opened a series beyond maxSeries. */
  rejected: number;
}

/**
 * A bounded telemetry history in memory, used when no database is configured: a ring per series, at most
 * `maxPoints` in all. Over the bound the oldest arrival goes first, whichever series holds it. Arrivals are
 * kept in a queue of (series, sequence number); entries whose point a full series ring already overwrote go
 * stale and are skipped, and the queue is compacted when it fills, so it stays within 2 × maxPoints.
 */
export class MemoryHistory implements HistoryReader, ObservationSink {
  readonly config: MemoryHistoryConfig;
  private readonly bySeries = new Map<string, Map<string, number>>();
  private readonly rings: SeriesRing[] = [];
  private readonly queueSeries: Int32Array;
  private readonly queueSeq: Float64Array;
  private queueHead = 0;
  private queueLength = 0;
  private total = 0;
  private evicted = 0;
  private rejected = 0;

  constructor(config: Partial<MemoryHistoryConfig> = {}) {
    this.config = Object.freeze(parseConfig(MemoryHistoryConfig, config, 'memory history configuration'));
    const queueCapacity = 2 * this.config.maxPoints;
    this.queueSeries = new Int32Array(queueCapacity);
    this.queueSeq = new Float64Array(queueCapacity);
  }

  accept(observations: readonly Observation[]): void {
    for (const observation of observations) {
      const index = this.seriesIndex(observation.asset, observation.signal);
      if (index < 0) {
        this.rejected++;
        continue;
      }
      const ring = this.rings[index] as SeriesRing;
      if (ring.full) this.evicted++;
      else this.total++;
      ring.push(observation.sourceTs, observation.value, observation.quality);
      this.enqueue(index, ring.firstSeq + ring.size - 1);
      while (this.total > this.config.maxPoints) this.evictOldest();
    }
  }

  stats(): MemoryHistoryStats {
    return { points: this.total, series: this.rings.length, evicted: this.evicted, rejected: this.rejected };
  }

  async readSignal(query: SignalQuery): Promise<HistoryPoint[]> {
    const limit = checkSignalQuery(query, this.config.maxReadPoints);
    const index = this.bySeries.get(query.asset)?.get(query.signal);
    const points =
      index === undefined ? [] : (this.rings[index] as SeriesRing).range(query.fromMs, query.toMs);
    if (query.everyMs !== undefined)
      return aggregatePoints(points, query.everyMs, query.aggregate ?? 'mean', limit);
    if (points.length > limit) points.length = limit;
    return points;
  }

  async latest(asset: string, sinceMs?: number): Promise<LatestValue[]> {
    const out: LatestValue[] = [];
    for (const [signal, index] of this.bySeries.get(asset) ?? []) {
      const point = (this.rings[index] as SeriesRing).newest();
      if (point && (sinceMs === undefined || point.ts >= sinceMs)) out.push({ signal, ...point });
    }
    out.sort((a, b) => (a.signal < b.signal ? -1 : a.signal > b.signal ? 1 : 0));
    return out;
  }

  /** The series of an asset and signal, opened on first use; -1 when maxSeries is reached. */
  private seriesIndex(asset: string, signal: string): number {
    let signals = this.bySeries.get(asset);
    const known = signals?.get(signal);
    if (known !== undefined) return known;
    if (this.rings.length >= this.config.maxSeries) return -1;
    if (!signals) {
      signals = new Map();
      this.bySeries.set(asset, signals);
    }
    const index = this.rings.length;
    this.rings.push(new SeriesRing(this.config.maxPointsPerSeries));
    signals.set(signal, index);
    return index;
  }

  private enqueue(series: number, seq: number): void {
    const capacity = this.queueSeries.length;
    if (this.queueLength === capacity) this.compactQueue();
    const slot = (this.queueHead + this.queueLength) % capacity;
    this.queueSeries[slot] = series;
    this.queueSeq[slot] = seq;
    this.queueLength++;
  }

  private evictOldest(): void {
    const capacity = this.queueSeries.length;
    while (this.queueLength > 0) {
      const series = this.queueSeries[this.queueHead] ?? 0;
      const seq = this.queueSeq[this.queueHead] ?? 0;
      this.queueHead = (this.queueHead + 1) % capacity;
      this.queueLength--;
      const ring = this.rings[series] as SeriesRing;
      if (seq < ring.firstSeq) continue; // stale: the series ring already overwrote this point
      ring.shift();
      this.total--;
      this.evicted++;
      return;
    }
  }

  /** Drops stale entries; afterwards the queue holds one entry per point kept (≤ maxPoints, half of it). */
  private compactQueue(): void {
    const capacity = this.queueSeries.length;
    let kept = 0;
    for (let i = 0; i < this.queueLength; i++) {
      const slot = (this.queueHead + i) % capacity;
      const series = this.queueSeries[slot] ?? 0;
      const seq = this.queueSeq[slot] ?? 0;
      if (seq < (this.rings[series] as SeriesRing).firstSeq) continue;
      const to = (this.queueHead + kept) % capacity;
      this.queueSeries[to] = series;
      this.queueSeq[to] = seq;
      kept++;
    }
    this.queueLength = kept;
  }
}
