import Type from 'typebox';
import { TwinError } from '../../twin/errors.js';
import type { Quality } from '../../twin/schema/observation.js';
import { EpochMsSchema, type EpochMs } from '../../twin/schema/time.js';
import { parseConfig } from '../ingest/parse-config.js';

export type HistoryValue = number | boolean | string | null;

export interface HistoryPoint {
  ts: EpochMs;
  value: HistoryValue;
  quality: Quality;
}

export interface LatestValue extends HistoryPoint {
  signal: string;
}

export type HistoryAggregate = 'mean' | 'last';

export interface SignalQuery {
  asset: string;
  signal: string;
  /** Half-open range [fromMs, toMs). */
  fromMs: EpochMs;
  toMs: EpochMs;
  /** At most this many points (the first ones in time order); every reader caps it at its own maximum. */
  limit?: number;
  /**
   * Buckets of this many milliseconds aligned to the epoch (bucket start = floor(ts / everyMs) × everyMs, as
   * InfluxQL's GROUP BY time); each bucket gives one point at its start, with the worst quality inside it.
   */
  everyMs?: number;
  /**
   * Per bucket: `mean` of numbers (booleans count as 0/1; strings have no mean, so their last one is given);
   * `last` of numbers, else booleans, else strings. Buckets with only nulls give null. Default `mean`.
   */
  aggregate?: HistoryAggregate;
}

/**
 * Telemetry history, whatever stores it: InfluxDB-compatible databases through InfluxQL
 * (connectors/influx/influxql-reader.ts) or the bounded in-memory history (memory-history.ts).
 */
export interface HistoryReader {
  readSignal(query: SignalQuery): Promise<HistoryPoint[]>;
  /** The newest point of each signal of an asset (at or after `sinceMs` when given), sorted by signal. */
  latest(asset: string, sinceMs?: EpochMs): Promise<LatestValue[]>;
}

const QUALITY_RANK: Readonly<Record<Quality, number>> = { good: 0, uncertain: 1, bad: 2 };

/** The worse of two qualities. */
export function worstQuality(a: Quality, b: Quality): Quality {
  return QUALITY_RANK[b] > QUALITY_RANK[a] ? b : a;
}

/** Start of the epoch-aligned bucket that holds `ts`. */
export function bucketStart(ts: EpochMs, everyMs: number): EpochMs {
  return Math.floor(ts / everyMs) * everyMs;
}

/** The boundary check of a SignalQuery (HTTP handlers and tests pass user input straight through). */
const SignalQuerySchema = Type.Object(
  {
    asset: Type.String({ minLength: 1, maxLength: 128 }),
    signal: Type.String({ minLength: 1, maxLength: 128 }),
    fromMs: EpochMsSchema,
    toMs: EpochMsSchema,
    limit: Type.Optional(Type.Integer({ minimum: 1 })),
    everyMs: Type.Optional(Type.Integer({ minimum: 1 })),
    aggregate: Type.Optional(Type.Union([Type.Literal('mean'), Type.Literal('last')])),
  },
  { additionalProperties: false },
);

/** Most buckets one aggregated read may span (keeps a typo in `everyMs` from asking for millions). */
const MAX_BUCKETS = 100_000;

/** Validates a query; throws a TwinError naming the field. Returns the limit capped at `maxLimit`. */
export function checkSignalQuery(query: SignalQuery, maxLimit: number): number {
  parseConfig(SignalQuerySchema, query, 'history query');
  if (query.toMs <= query.fromMs)
    throw new TwinError('TWIN_E_INCONSISTENT', 'history query: toMs must be after fromMs');
  if (query.everyMs !== undefined && (query.toMs - query.fromMs) / query.everyMs > MAX_BUCKETS)
    throw new TwinError(
      'TWIN_E_SCHEMA',
      `history query: everyMs: ${query.everyMs} ms gives more than ${MAX_BUCKETS} buckets over the range`,
    );
  return Math.min(query.limit ?? maxLimit, maxLimit);
}
