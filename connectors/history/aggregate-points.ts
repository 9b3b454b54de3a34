import type { Quality } from '../../twin/schema/observation.js';
import {
  bucketStart,
  worstQuality,
  type HistoryAggregate,
  type HistoryPoint,
  type HistoryValue,
} from './history-reader.js';

/** Running figures of one bucket; one object reused for every bucket. */
interface Bucket {
  start: number;
  numberSum: number;
  numberCount: number;
  lastNumber: number;
  boolSum: number;
  boolCount: number;
  lastBool: boolean;
  lastString: string | null;
  quality: Quality;
}

function reset(bucket: Bucket, start: number): void {
  bucket.start = start;
  bucket.numberSum = 0;
  bucket.numberCount = 0;
  bucket.boolSum = 0;
  bucket.boolCount = 0;
  bucket.lastString = null;
  bucket.quality = 'good';
}

/** What a bucket gives, with the priority InfluxQL's per-field aggregates force: numbers, booleans, strings. */
function valueOf(bucket: Bucket, aggregate: HistoryAggregate): HistoryValue {
  if (bucket.numberCount > 0)
    return aggregate === 'mean' ? bucket.numberSum / bucket.numberCount : bucket.lastNumber;
  if (bucket.boolCount > 0) return aggregate === 'mean' ? bucket.boolSum / bucket.boolCount : bucket.lastBool;
  return bucket.lastString;
}

/**
 * Points (in time order) → one point per epoch-aligned bucket of `everyMs` that holds any point, stamped with
 * the bucket's start and its worst quality (the semantics of SignalQuery, shared with the InfluxQL reader).
 */
export function aggregatePoints(
  points: readonly HistoryPoint[],
  everyMs: number,
  aggregate: HistoryAggregate,
  limit: number,
): HistoryPoint[] {
  const out: HistoryPoint[] = [];
  const bucket: Bucket = {
    start: Number.NaN,
    numberSum: 0,
    numberCount: 0,
    lastNumber: 0,
    boolSum: 0,
    boolCount: 0,
    lastBool: false,
    lastString: null,
    quality: 'good',
  };
  for (const point of points) {
    const start = bucketStart(point.ts, everyMs);
    if (start !== bucket.start) {
      if (!Number.isNaN(bucket.start)) {
        out.push({ ts: bucket.start, value: valueOf(bucket, aggregate), quality: bucket.quality });
        if (out.length >= limit) return out;
      }
      reset(bucket, start);
    }
    bucket.quality = worstQuality(bucket.quality, point.quality);
    const value = point.value;
    if (typeof value === 'number') {
      bucket.numberSum += value;
      bucket.numberCount++;
      bucket.lastNumber = value;
    } else if (typeof value === 'boolean') {
      bucket.boolSum += value ? 1 : 0;
      bucket.boolCount++;
      bucket.lastBool = value;
    } else if (typeof value === 'string') {
      bucket.lastString = value;
    }
  }
  if (!Number.isNaN(bucket.start))
    out.push({ ts: bucket.start, value: valueOf(bucket, aggregate), quality: bucket.quality });
  return out;
}
