import type { Observation } from '../../twin/schema/observation.js';
import {
  MACHINERY_ITEM_STATES,
  MACHINERY_OPERATION_MODES,
  SHOP_FLOOR_STATES,
} from '../../twin/schema/machine-state.js';
import { signalFamily } from '../../twin/signals.js';

/**
 * InfluxDB line protocol for observations. Layout (DESIGN.md §4): one measurement per signal family; tags
 * `line`, `machine` (the asset), `quality`, `signal`, `site` and, for string values, `state`; one field per
 * kind of value so that a field never changes type (InfluxDB 1.x rejects a field whose type changes):
 *   value   float    numbers
 *   bool    integer  booleans as 0/1
 *   code    integer  string values: the state's code (index in its OPC 40001-1 / shop-floor enumeration, -1 when
 *                    the string is not an enumerated state); the string itself is the `state` tag, because
 *                    VictoriaMetrics stores string fields as 0
 *   missing integer  1 for a null value (e.g. a gap reported with bad quality)
 * Timestamps are `sourceTs` in milliseconds.
 */
export const FIELD = { value: 'value', bool: 'bool', code: 'code', missing: 'missing' } as const;
export const TAG = {
  line: 'line',
  machine: 'machine',
  quality: 'quality',
  signal: 'signal',
  site: 'site',
  state: 'state',
} as const;

/** Code of a string value for signals whose values are an enumeration; -1 otherwise. */
const STATE_CODES: Readonly<Record<string, ReadonlyMap<string, number>>> = {
  state: codeTable(SHOP_FLOOR_STATES),
  itemState: codeTable(MACHINERY_ITEM_STATES),
  operationMode: codeTable(MACHINERY_OPERATION_MODES),
};
export const UNKNOWN_STATE_CODE = -1;

function codeTable(values: readonly string[]): ReadonlyMap<string, number> {
  return new Map(values.map((value, index) => [value, index]));
}

export function stateCode(signal: string, value: string): number {
  return STATE_CODES[signal]?.get(value) ?? UNKNOWN_STATE_CODE;
}

/** The string of a state code, when the signal's values are an enumeration. */
export function stateOfCode(signal: string, code: number): string | undefined {
  const table = STATE_CODES[signal];
  if (!table) return undefined;
  for (const [value, c] of table) if (c === code) return value;
  return undefined;
}

/**
 * A tag value as the database stores it. Line protocol cannot carry a line break in a tag (written as the
 * two characters `\n`, as @influxdata/influxdb-client does) nor a backslash before a comma, equals sign, space
 * or the end of a tag (the parser pairs it with the escape that follows and the separator leaks; InfluxDB 1.x
 * rejects `x\\`), so such a backslash becomes ⧵ (U+29F5). Readers filter with this same form.
 */
export function storedTagValue(value: string): string {
  let out = value;
  if (/[\n\r\t]/.test(out)) out = out.replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  if (out.includes('\\')) out = out.replace(/\\(?=[,= ]|$)/g, '\u29f5');
  return out;
}

const TAG_SPECIALS = /[,= \n\r\t\\]/;

function escapeWith(value: string, separators: RegExp): string {
  if (!TAG_SPECIALS.test(value)) return value;
  return storedTagValue(value).replace(separators, '\\$1');
}

/** Escapes a tag key, tag value or field key: comma, equals sign and space. */
export function escapeTag(value: string): string {
  return escapeWith(value, /([,= ])/g);
}

/** Escapes a measurement name: comma and space. */
export function escapeMeasurement(value: string): string {
  return escapeWith(value, /([, ])/g);
}

/** Where the tags that do not come from the observation come from. */
export interface LineContext {
  site: string;
  /** The line of an asset, from the plant model; undefined leaves the `line` tag out. Asked once per series. */
  lineOf(asset: string): string | undefined;
}

export type LineResult = { ok: true; line: string } | { ok: false; reason: string };

/** The escaped pieces of one series' lines around its quality tag: `<head><quality><tail>`. */
interface SeriesTags {
  head: string;
  tail: string;
}

/** Series whose tags an encoder keeps built; past it the cache starts again (a source inventing names). */
const MAX_CACHED_SERIES = 10_000;

/**
 * Observations to lines for one writer. The measurement and the tags that depend only on the asset and signal
 * (and the site) are escaped once per series and kept, so a line costs its value, quality and time.
 */
export class LineEncoder {
  private readonly siteTag: string;
  private readonly series = new Map<string, Map<string, SeriesTags>>();
  private cached = 0;

  constructor(private readonly context: LineContext) {
    this.siteTag = context.site ? `,${TAG.site}=${escapeTag(context.site)}` : '';
  }

  /** One observation as one line, or why it cannot be written (a non-finite number, an invalid time). */
  encode(observation: Observation): LineResult {
    const { value, signal, asset } = observation;
    const ts = Math.trunc(observation.sourceTs);
    if (!Number.isSafeInteger(ts) || ts < 0) return { ok: false, reason: 'sourceTs is not a valid time' };
    const { head, tail } = this.tagsOf(asset, signal);
    // Tags in key order (what InfluxDB sorts them into anyway); empty tag values are not allowed, so left out.
    const tags = `${head}${observation.quality}${tail}`;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return { ok: false, reason: `value ${value} cannot be stored` };
      return { ok: true, line: `${tags} ${FIELD.value}=${value} ${ts}` };
    }
    if (typeof value === 'boolean')
      return { ok: true, line: `${tags} ${FIELD.bool}=${value ? 1 : 0}i ${ts}` };
    if (typeof value === 'string') {
      const state = value ? `,${TAG.state}=${escapeTag(value)}` : '';
      return { ok: true, line: `${tags}${state} ${FIELD.code}=${stateCode(signal, value)}i ${ts}` };
    }
    return { ok: true, line: `${tags} ${FIELD.missing}=1i ${ts}` };
  }

  private tagsOf(asset: string, signal: string): SeriesTags {
    let signals = this.series.get(asset);
    const known = signals?.get(signal);
    if (known) return known;
    if (this.cached >= MAX_CACHED_SERIES) {
      this.series.clear();
      this.cached = 0;
      signals = undefined;
    }
    if (!signals) this.series.set(asset, (signals = new Map()));
    const lineId = this.context.lineOf(asset);
    const lineTag = lineId ? `,${TAG.line}=${escapeTag(lineId)}` : '';
    const tags = {
      head: `${escapeMeasurement(signalFamily(signal))}${lineTag},${TAG.machine}=${escapeTag(asset)},${TAG.quality}=`,
      tail: `,${TAG.signal}=${escapeTag(signal)}${this.siteTag}`,
    };
    signals.set(signal, tags);
    this.cached++;
    return tags;
  }
}
