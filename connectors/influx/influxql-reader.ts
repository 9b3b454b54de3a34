import { InfluxDB } from '@influxdata/influxdb-client';
import Type, { type Static } from 'typebox';
import { TwinError } from '../../twin/errors.js';
import { QUALITIES, type Quality } from '../../twin/schema/observation.js';
import { signalFamily, SIGNAL_FAMILY } from '../../twin/signals.js';
import { checkSchema } from '../../twin/validate/schema-check.js';
import {
  checkSignalQuery,
  worstQuality,
  type HistoryPoint,
  type HistoryReader,
  type HistoryValue,
  type LatestValue,
  type SignalQuery,
} from '../history/history-reader.js';
import { basicAuthorization, parseInfluxQlReaderConfig, type InfluxQlReaderConfig } from './config.js';
import { measurementsRegex, quoteIdentifier, tagEquals, timeLiteral } from './influxql.js';
import { FIELD, TAG } from './line-protocol.js';

/** The JSON of /query (InfluxDB 1.x API), as far as this reader relies on it; other keys are allowed. */
const QuerySeries = Type.Object({
  name: Type.Optional(Type.String()),
  tags: Type.Optional(Type.Record(Type.String(), Type.String())),
  columns: Type.Array(Type.String()),
  values: Type.Optional(Type.Array(Type.Array(Type.Unknown()))),
});
type QuerySeries = Static<typeof QuerySeries>;
const QueryResponse = Type.Object({
  results: Type.Optional(
    Type.Array(
      Type.Object({
        error: Type.Optional(Type.String()),
        series: Type.Optional(Type.Array(QuerySeries)),
      }),
    ),
  ),
  error: Type.Optional(Type.String()),
});

function unexpected(what: string): TwinError {
  return new TwinError('TWIN_E_HISTORY_UNAVAILABLE', `history query: unexpected response: ${what}`);
}

/** A row with its time: a number, since every query asks for epoch=ms. */
type Row = Record<string, unknown> & { time: number };

function rows(series: QuerySeries | undefined): Row[] {
  if (!series) return [];
  return (series.values ?? []).map((values, r) => {
    const row = Object.fromEntries(series.columns.map((c, i) => [c, values[i]]));
    if (typeof row.time !== 'number')
      throw unexpected(`series ${series.name ?? ''} row ${r}: time is ${JSON.stringify(row.time)}, not ms`);
    return row as Row;
  });
}

function quality(value: unknown): Quality {
  return QUALITIES.includes(value as Quality) ? (value as Quality) : 'good';
}

/** A raw row (the layout of line-protocol.ts) back to the observation's value. */
function rowValue(row: Row): HistoryValue {
  const number = row[FIELD.value];
  if (typeof number === 'number') return number;
  const bool = row[FIELD.bool];
  if (typeof bool === 'number') return bool !== 0;
  if (typeof row[FIELD.code] === 'number')
    return typeof row[TAG.state] === 'string' ? (row[TAG.state] as string) : '';
  return null;
}

/**
 * HistoryReader over InfluxQL on /query: InfluxDB 1.x, 2.x (with a DBRP mapping of the bucket) and 3.x speak it
 * over the same HTTP API. Reads the layout the InfluxWriter writes. Every name and value in a query goes through
 * quoteIdentifier/quoteString (no injection); tag values are matched in the form the writer stored them.
 */
export class InfluxQlReader implements HistoryReader {
  readonly config: InfluxQlReaderConfig;
  private readonly client: InfluxDB;
  private readonly headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };

  constructor(config: unknown) {
    this.config = Object.freeze(parseInfluxQlReaderConfig(config));
    this.client = new InfluxDB({
      url: this.config.url,
      token: this.config.token,
      timeout: this.config.requestTimeoutMs,
    });
    const authorization = basicAuthorization(this.config);
    if (authorization) this.headers.authorization = authorization;
  }

  async readSignal(query: SignalQuery): Promise<HistoryPoint[]> {
    const limit = checkSignalQuery(query, this.config.maxReadPoints);
    const from = quoteIdentifier(signalFamily(query.signal));
    const where = `${this.filter(query.asset, query.signal)} AND time >= ${timeLiteral(query.fromMs)} AND time < ${timeLiteral(query.toMs)}`;
    if (query.everyMs === undefined) {
      const [result] = await this.query([
        `SELECT * FROM ${from} WHERE ${where} ORDER BY time ASC LIMIT ${limit}`,
      ]);
      return rows(result?.[0]).map((row) => ({
        ts: row.time,
        value: rowValue(row),
        quality: quality(row[TAG.quality]),
      }));
    }
    return this.readAggregated(query, from, where, limit);
  }

  async latest(asset: string, sinceMs?: number): Promise<LatestValue[]> {
    const families = [...new Set(Object.values(SIGNAL_FAMILY))];
    const since = sinceMs === undefined ? '' : ` AND time >= ${timeLiteral(sinceMs)}`;
    const q =
      `SELECT * FROM ${measurementsRegex(families, ['signal_'])} WHERE ${this.filter(asset)}${since}` +
      ` GROUP BY ${quoteIdentifier(TAG.signal)} ORDER BY time DESC LIMIT 1`;
    const [result] = await this.query([q]);
    const newest = new Map<string, LatestValue>();
    for (const series of result ?? []) {
      const signal = series.tags?.[TAG.signal];
      const row = rows(series)[0];
      if (signal === undefined || !row) continue;
      const point = {
        signal,
        ts: row.time,
        value: rowValue(row),
        quality: quality(row[TAG.quality]),
      };
      const known = newest.get(signal);
      if (!known || point.ts > known.ts) newest.set(signal, point);
    }
    return [...newest.values()].sort((a, b) => (a.signal < b.signal ? -1 : a.signal > b.signal ? 1 : 0));
  }

  /**
   * Three statements in one request: per bucket the numeric aggregates, the last state with its tag, and the
   * qualities other than good. Merged with the priority of SignalQuery: numbers, booleans, strings, null.
   */
  private async readAggregated(
    query: SignalQuery,
    from: string,
    where: string,
    limit: number,
  ): Promise<HistoryPoint[]> {
    const every = `GROUP BY time(${query.everyMs}ms)`;
    const fn = query.aggregate === 'last' ? 'last' : 'mean';
    const q = (f: string) => quoteIdentifier(f);
    const [numbers, states, qualities] = await this.query([
      `SELECT ${fn}(${q(FIELD.value)}) AS "n", ${fn}(${q(FIELD.bool)}) AS "b", max(${q(FIELD.missing)}) AS "m" FROM ${from} WHERE ${where} ${every} fill(none)`,
      `SELECT last(${q(FIELD.code)}) AS "c", ${q(TAG.state)} FROM ${from} WHERE ${where} ${every} fill(none)`,
      `SELECT count(*) FROM ${from} WHERE ${where} AND ${q(TAG.quality)} != 'good' ${every}, ${q(TAG.quality)} fill(none)`,
    ]);
    const buckets = new Map<number, HistoryPoint>();
    const bucket = (ts: number) => {
      let point = buckets.get(ts);
      if (!point) buckets.set(ts, (point = { ts, value: null, quality: 'good' }));
      return point;
    };
    for (const row of rows(states?.[0])) {
      const code = row.c;
      if (typeof code === 'number')
        bucket(row.time).value = typeof row[TAG.state] === 'string' ? (row[TAG.state] as string) : '';
    }
    for (const row of rows(numbers?.[0])) {
      const point = bucket(row.time);
      if (typeof row.n === 'number') point.value = row.n;
      else if (typeof row.b === 'number') point.value = fn === 'mean' ? row.b : row.b !== 0;
    }
    for (const series of qualities ?? [])
      for (const row of rows(series)) {
        const point = buckets.get(row.time);
        if (point) point.quality = worstQuality(point.quality, quality(series.tags?.[TAG.quality]));
      }
    return [...buckets.values()].sort((a, b) => a.ts - b.ts).slice(0, limit);
  }

  private filter(asset: string, signal?: string): string {
    let where = tagEquals(TAG.machine, asset);
    if (signal !== undefined) where += ` AND ${tagEquals(TAG.signal, signal)}`;
    if (this.config.site) where += ` AND ${tagEquals(TAG.site, this.config.site)}`;
    return where;
  }

  /**
   * Runs statements in one request; the series of each, in order. Errors (HTTP, per statement, or a response
   * that is not the JSON of /query with one result per statement) become TwinErrors.
   */
  private async query(statements: readonly string[]): Promise<(QuerySeries[] | undefined)[]> {
    const params = new URLSearchParams({ q: statements.join('; '), db: this.config.db, epoch: 'ms' });
    if (this.config.retentionPolicy) params.set('rp', this.config.retentionPolicy);
    let body: unknown;
    try {
      body = await this.client.transport.request('/query', params.toString(), {
        method: 'POST',
        headers: this.headers,
      });
    } catch (error) {
      throw new TwinError(
        'TWIN_E_HISTORY_UNAVAILABLE',
        `history query failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const checked = checkSchema(QueryResponse, body);
    if (!checked.ok)
      throw unexpected(
        checked.issues
          .slice(0, 3)
          .map((issue) => `${issue.path || '(body)'}: ${issue.message}`)
          .join('; '),
      );
    const response = checked.value;
    const failed = response.error ?? response.results?.find((r) => r.error)?.error;
    if (failed) throw new TwinError('TWIN_E_HISTORY_UNAVAILABLE', `history query failed: ${failed}`);
    const results = response.results ?? [];
    if (results.length !== statements.length)
      throw unexpected(`${results.length} results for ${statements.length} statements`);
    return results.map((result) => result.series);
  }
}
