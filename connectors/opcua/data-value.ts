import { DataType, VariantArrayType, type DataValue, type Variant } from 'node-opcua';
import type { Observation, Quality } from '../../twin/schema/observation.js';
import type { EpochMs } from '../../twin/schema/time.js';

/** OPC UA status code severity (its top two bits): Good, Uncertain, Bad. */
export function qualityOf(dataValue: DataValue): Quality {
  const severity = dataValue.statusCode.value >>> 30;
  return severity === 0 ? 'good' : severity === 1 ? 'uncertain' : 'bad';
}

/** The source timestamp, else the server's, else `fallback`. */
export function sourceTimeOf(dataValue: DataValue, fallback: EpochMs): EpochMs {
  const ts = dataValue.sourceTimestamp ?? dataValue.serverTimestamp;
  const ms = ts ? ts.getTime() : NaN;
  return Number.isFinite(ms) ? ms : fallback;
}

export type ConvertedValue = { ok: true; value: Observation['value'] } | { ok: false; found: string };

const NUMERIC = new Set<DataType>([
  DataType.SByte,
  DataType.Byte,
  DataType.Int16,
  DataType.UInt16,
  DataType.Int32,
  DataType.UInt32,
  DataType.Float,
  DataType.Double,
]);

/**
 * A scalar Variant as an observation value: numbers (64-bit integers as JS numbers), booleans, strings,
 * localized text, date-times as epoch ms, or null. Arrays, byte strings and structures are not telemetry values.
 */
export function convertVariant(variant: Variant): ConvertedValue {
  if (variant.arrayType !== VariantArrayType.Scalar)
    return { ok: false, found: `an array of ${DataType[variant.dataType]}` };
  const value: unknown = variant.value;
  switch (variant.dataType) {
    case DataType.Null:
      return { ok: true, value: null };
    case DataType.Boolean:
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false, found: 'a malformed Boolean' };
    case DataType.Int64:
    case DataType.UInt64:
      return int64(value, variant.dataType === DataType.Int64);
    case DataType.String:
      return { ok: true, value: typeof value === 'string' ? value : null };
    case DataType.LocalizedText:
      return { ok: true, value: (value as { text?: string | null } | null)?.text ?? null };
    case DataType.DateTime:
      return value instanceof Date ? { ok: true, value: value.getTime() } : { ok: true, value: null };
    default:
      if (NUMERIC.has(variant.dataType) && typeof value === 'number') return { ok: true, value };
      return { ok: false, found: DataType[variant.dataType] ?? `data type ${variant.dataType}` };
  }
}

/** node-opcua carries 64-bit integers as [high, low] 32-bit words. */
function int64(value: unknown, signed: boolean): ConvertedValue {
  if (!Array.isArray(value) || value.length !== 2) return { ok: false, found: 'a malformed 64-bit integer' };
  const [high, low] = value as [number, number];
  const signedHigh = signed && high >= 0x80000000 ? high - 0x100000000 : high;
  return { ok: true, value: signedHigh * 0x100000000 + low };
}

/** Does `value` have the kind a mapping expects? null passes (a bad-quality value carries none). */
export function hasKind(value: Observation['value'], kind: 'number' | 'boolean' | 'string' | 'any'): boolean {
  return kind === 'any' || value === null || typeof value === kind;
}
