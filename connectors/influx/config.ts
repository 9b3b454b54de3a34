import path from 'node:path';
import Type, { type Static } from 'typebox';
import { TaggedUnion } from '../../twin/schema/tagged-union.js';
import { parseConfig } from '../ingest/parse-config.js';

const HttpUrl = Type.String({ pattern: '^https?://', description: 'an http:// or https:// URL' });

/** The InfluxDB 1.x API's database access: retention policy and basic auth (writer v1 target and reader). */
const V1Access = {
  retentionPolicy: Type.Optional(Type.String({ minLength: 1 })),
  username: Type.Optional(Type.String({ minLength: 1 })),
  password: Type.Optional(Type.String()),
};

/** The `authorization` header of basic auth, when a username is configured. */
export function basicAuthorization(access: { username?: string; password?: string }): string | undefined {
  if (access.username === undefined) return undefined;
  return `Basic ${Buffer.from(`${access.username}:${access.password ?? ''}`).toString('base64')}`;
}

/** InfluxDB 2.x/3.x, InfluxDB 1.8+ and VictoriaMetrics: POST /api/v2/write. */
export const InfluxV2Target = Type.Object(
  {
    kind: Type.Literal('v2'),
    url: HttpUrl,
    org: Type.String({ minLength: 1 }),
    bucket: Type.String({ minLength: 1 }),
    token: Type.String({ default: '', description: 'API token (VictoriaMetrics ignores it)' }),
  },
  { additionalProperties: false },
);

/** InfluxDB 1.x older than 1.8 (no /api/v2): POST /write?db=…&precision=ms, optional basic auth. */
export const InfluxV1Target = Type.Object(
  {
    kind: Type.Literal('v1'),
    url: HttpUrl,
    db: Type.String({ minLength: 1 }),
    ...V1Access,
  },
  { additionalProperties: false },
);

const DEFAULT_SPILL_MAX_BYTES = 256 * 1024 * 1024;

export const InfluxWriterConfig = Type.Object(
  {
    target: TaggedUnion([InfluxV2Target, InfluxV1Target], { description: 'where to write: v2 or v1' }),
    site: Type.String({ default: '', description: 'the `site` tag of every point (left out when empty)' }),
    batchSize: Type.Integer({
      minimum: 1,
      maximum: 100_000,
      default: 5_000,
      description: 'points per request',
    }),
    maxInFlight: Type.Integer({
      minimum: 1,
      maximum: 16,
      default: 3,
      description: 'batch requests under way at once (one while the database fails, until it answers again)',
    }),
    flushIntervalMs: Type.Integer({
      minimum: 1,
      default: 1_000,
      description: 'a partly filled batch is sent after this long',
    }),
    maxBufferPoints: Type.Integer({
      minimum: 1,
      default: 200_000,
      description: 'points held in memory while the database is slow or down; beyond it: spill, else drop',
    }),
    highWaterRatio: Type.Number({
      exclusiveMinimum: 0,
      maximum: 1,
      default: 0.8,
      description:
        'back-pressure is reported above this share of maxBufferPoints (and cleared below half of it)',
    }),
    requestTimeoutMs: Type.Integer({ minimum: 100, default: 10_000 }),
    retry: Type.Object(
      {
        minDelayMs: Type.Integer({ minimum: 1, default: 200 }),
        maxDelayMs: Type.Integer({ minimum: 1, default: 30_000 }),
        factor: Type.Number({ minimum: 1, default: 2 }),
      },
      { additionalProperties: false, default: {} },
    ),
    spill: Type.Optional(
      Type.Object(
        {
          dir: Type.String({ minLength: 1, description: 'folder of spilled batches (created if missing)' }),
          maxBytes: Type.Integer({
            minimum: 1,
            default: DEFAULT_SPILL_MAX_BYTES,
            description: 'folder size bound',
          }),
        },
        {
          additionalProperties: false,
          description:
            'where batches go when memory is full (the service defaults it to influx-spill beside state.file)',
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type InfluxWriterConfig = Static<typeof InfluxWriterConfig>;
export type InfluxTarget = InfluxWriterConfig['target'];

/** Validate a writer configuration; throws a TwinError naming each bad field. */
export function parseInfluxWriterConfig(value: unknown): InfluxWriterConfig {
  return parseConfig(InfluxWriterConfig, value, 'influx writer configuration');
}

/**
 * The service's writer configuration: when it names no spill folder, `influx-spill` in the data directory (the
 * folder of the state file), so that an outage longer than memory holds loses nothing. Without a data
 * directory (no state file) it stays without one.
 */
export function withDefaultSpill(
  config: InfluxWriterConfig,
  dataDir: string | undefined,
): InfluxWriterConfig {
  if (config.spill || dataDir === undefined) return config;
  return { ...config, spill: { dir: path.join(dataDir, 'influx-spill'), maxBytes: DEFAULT_SPILL_MAX_BYTES } };
}

export const InfluxQlReaderConfig = Type.Object(
  {
    url: HttpUrl,
    db: Type.String({ minLength: 1, description: 'database (2.x/3.x: the bucket of a DBRP mapping)' }),
    ...V1Access,
    site: Type.Optional(Type.String({ minLength: 1, description: 'read only points with this site tag' })),
    token: Type.Optional(Type.String({ minLength: 1, description: '2.x/3.x: sent as `Token …`' })),
    requestTimeoutMs: Type.Integer({ minimum: 100, default: 10_000 }),
    maxReadPoints: Type.Integer({ minimum: 1, default: 100_000 }),
  },
  { additionalProperties: false },
);
export type InfluxQlReaderConfig = Static<typeof InfluxQlReaderConfig>;

export function parseInfluxQlReaderConfig(value: unknown): InfluxQlReaderConfig {
  return parseConfig(InfluxQlReaderConfig, value, 'influxql reader configuration');
}
