import { InfluxDB } from '@influxdata/influxdb-client';
import { TwinError } from '../../twin/errors.js';
import { QUALITIES, type Quality } from '../../twin/schema/observation.js';
import { signalFamily, SIGNAL_FAMILY } from '../../twin/signals.js';
import {
  checkSignalQuery,
  worstQuality,
  type HistoryPoint,
  type HistoryReader,
  type HistoryValue,
  type LatestValue,
  type SignalQuery,
} from '../history/history-reader.js';
import { parseInfluxQlReaderConfig, type InfluxQlReaderConfig } from './config.js';
import { measurementsRegex, quoteIdentifier, quoteString, timeLiteral } from './influxql.js';
import { FIELD, storedTagValue, TAG } from './line-protocol.js';

interface Series {
  name: string;
  tags?: Record<string, string>;
  columns: string[];
  values: unknown[][];
}
interface QueryResponse {
  results?: { statement_id: number; error?: string; series?: Series[] }[];
  error?: string;
}

type Row = Record<string, unknown>;

function rows(series: Series | undefined): Row[] {
  if (!series) return [];
  return series.values.map((values) => Object.fromEntries(series.columns.map((c, i) => [c, values[i]])));
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
    if (this.config.username !== undefined)
      this.headers.authorization = `Basic ${Buffer.from(`${this.config.username}:${this.config.password ?? ''}`).toString('base64')}`;
  }

  async readSignal(query: SignalQuery): Promise<HistoryPoint[]> {
    const limit = checkSignalQuery(query, this.config.maxReadPoints);
    const from = quoteIdentifier(signalFamily(query.signal));
    const where = `${this.filter(query.asset, query.signal)} AND time >= ${timeLiteral(query.fromMs)} AND time < ${timeLiteral(query.toMs)}`;
    if (query.everyMs === undefined) {
      const [result] = await this.query(
        `SELECT * FROM ${from} WHERE ${where} ORDER BY time ASC LIMIT ${limit}`,
      );
      return rows(result?.[0]).map((row) => ({
        ts: row.time as number,
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
    const [result] = await this.query(q);
    const newest = new Map<string, LatestValue>();
    for (const series of result ?? []) {
      const signal = series.tags?.[TAG.signal];
      const row = rows(series)[0];
      if (signal === undefined || !row) continue;
      const point = {
        signal,
        ts: row.time as number,
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
    const [numbers, states, qualities] = await this.query(
      [
        `SELECT ${fn}(${q(FIELD.value)}) AS "n", ${fn}(${q(FIELD.bool)}) AS "b", max(${q(FIELD.missing)}) AS "m" FROM ${from} WHERE ${where} ${every} fill(none)`,
        `SELECT last(${q(FIELD.code)}) AS "c", ${q(TAG.state)} FROM ${from} WHERE ${where} ${every} fill(none)`,
        `SELECT count(*) FROM ${from} WHERE ${where} AND ${q(TAG.quality)} != 'good' ${every}, ${q(TAG.quality)} fill(none)`,
      ].join('; '),
    );
    const buckets = new Map<number, HistoryPoint>();
    const bucket = (ts: number) => {
      let point = buckets.get(ts);
      if (!point) buckets.set(ts, (point = { ts, value: null, quality: 'good' }));
      return point;
    };
    for (const row of rows(states?.[0])) {
      const code = row.c;
      if (typeof code === 'number')
        bucket(row.time as number).value =
          typeof row[TAG.state] === 'string' ? (row[TAG.state] as string) : '';
    }
    for (const row of rows(numbers?.[0])) {
      const point = bucket(row.time as number);
      if (typeof row.n === 'number') point.value = row.n;
      else if (typeof row.b === 'number') point.value = fn === 'mean' ? row.b : row.b !== 0;
    }
    for (const series of qualities ?? [])
      for (const row of rows(series)) {
        const point = buckets.get(row.time as number);
        if (point) point.quality = worstQuality(point.quality, quality(series.tags?.[TAG.quality]));
      }
    return [...buckets.values()].sort((a, b) => a.ts - b.ts).slice(0, limit);
  }

  private filter(asset: string, signal?: string): string {
    let where = `${quoteIdentifier(TAG.machine)} = ${quoteString(storedTagValue(asset))}`;
    if (signal !== undefined)
      where += ` AND ${quoteIdentifier(TAG.signal)} = ${quoteString(storedTagValue(signal))}`;
    if (this.config.site)
      where += ` AND ${quoteIdentifier(TAG.site)} = ${quoteString(storedTagValue(this.config.site))}`;
    return where;
  }

  /** Runs statements; the series of each, in order. Errors (HTTP or per statement) become TwinErrors. */
  private async query(q: string): Promise<(Series[] | undefined)[]> {
    const params = new URLSearchParams({ q, db: this.config.db, epoch: 'ms' });
    if (this.config.retentionPolicy) params.set('rp', this.config.retentionPolicy);
    let response: QueryResponse;
    try {
      response = (await this.client.transport.request('/query', params.toString(), {
        method: 'POST',
        headers: this.headers,
      })) as QueryResponse;
    } catch (error) {
      throw new TwinError(
        'TWIN_E_HISTORY_UNAVAILABLE',
        `history query failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const failed = response.error ?? response.results?.find((r) => r.error)?.error;
    if (failed) throw new TwinError('TWIN_E_HISTORY_UNAVAILABLE', `history query failed: ${failed}`);
    return (response.results ?? []).map((result) => result.series);
  }
}
