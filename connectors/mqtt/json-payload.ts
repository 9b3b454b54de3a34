import Type, { type Static } from 'typebox';
import { QUALITIES, type Observation, type Quality } from '../../twin/schema/observation.js';
import { StringEnum } from '../../twin/schema/string-enum.js';
import type { EpochMs } from '../../twin/schema/time.js';
import { compiledValidator } from '../../twin/validate/ajv.js';
import { ajvErrorsToIssues } from '../../twin/validate/ajv-messages.js';

const Scalar = Type.Union([Type.Number(), Type.Boolean(), Type.String({ maxLength: 4096 }), Type.Null()], {
  description: 'a number, true/false, a string or null',
});

/**
 * The JSON payloads accepted on a telemetry topic (UTF-8):
 * - a bare value: `0.73`, `true`, `"running"`, `null`; its time is when it was received, quality good;
 * - an object `{"value": 0.73, "ts": 1767225600000, "quality": "good"}` where `ts` (optional) is epoch
 *   milliseconds or an ISO 8601 date-time with offset, and `quality` (optional, default good) is good,
 *   uncertain or bad. Other keys are rejected, so a misspelt `valeu` is seen rather than read as nothing.
 */
/** The `ts` of a payload (json-values-payload.ts uses it too). */
export const JsonTimestamp = Type.Union([Type.Number({ minimum: 0 }), Type.String({ format: 'date-time' })], {
  description: 'epoch milliseconds or an ISO 8601 date-time with offset',
});

const JsonTelemetryObject = Type.Object(
  {
    value: Scalar,
    ts: Type.Optional(JsonTimestamp),
    quality: Type.Optional(StringEnum(QUALITIES, 'a data quality')),
  },
  { additionalProperties: false },
);
export const JsonTelemetryPayload = Type.Union([Scalar, JsonTelemetryObject], {
  description: 'a value, or an object {value, ts?, quality?}',
});
export type JsonTelemetryPayload = Static<typeof JsonTelemetryPayload>;

export type JsonDecodeResult =
  | { ok: true; observation: Observation }
  | { ok: false; reason: 'malformed JSON' | 'invalid payload'; message: string };

/**
 * Turn one payload into an observation (not yet checked by the gate). A bare number, the common case, skips the
 * payload validator; anything else goes through it.
 */
export function decodeJsonTelemetry(
  payload: Buffer,
  source: string,
  asset: string,
  signal: string,
  receivedTs: EpochMs,
): JsonDecodeResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch (error) {
    return {
      ok: false,
      reason: 'malformed JSON',
      message: error instanceof Error ? error.message : String(error),
    };
  }
  if (typeof parsed === 'number') {
    return {
      ok: true,
      observation: observation(source, asset, signal, parsed, 'good', receivedTs, receivedTs),
    };
  }
  const result = checkTelemetryValue(parsed);
  if (!result.ok) return { ok: false, reason: 'invalid payload', message: result.message };
  return {
    ok: true,
    observation: observationOf(result.value, source, asset, signal, 'good', receivedTs, receivedTs),
  };
}

/**
 * The observation of a checked value: a bare value has `quality` and `ts`, an object its own where it gives
 * them (the defaults come from the message: good and the time received, or a values message's own).
 */
export function observationOf(
  checked: JsonTelemetryPayload,
  source: string,
  asset: string,
  signal: string,
  quality: Quality,
  ts: EpochMs,
  receivedTs: EpochMs,
): Observation {
  if (checked === null || typeof checked !== 'object')
    return observation(source, asset, signal, checked, quality, ts, receivedTs);
  return observation(
    source,
    asset,
    signal,
    checked.value,
    checked.quality ?? quality,
    epochMsOf(checked.ts, ts),
    receivedTs,
  );
}

/**
 * One parsed value in either accepted form, checked: the value as its type, or what is wrong with it, naming
 * the key (under `at`, where the value sits in a larger payload).
 */
export function checkTelemetryValue(
  parsed: unknown,
  at?: string,
): { ok: true; value: JsonTelemetryPayload } | { ok: false; message: string } {
  // An object is checked against the object form alone, so the error names the bad key rather than the union.
  const isObject = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
  const validate = compiledValidator(isObject ? JsonTelemetryObject : JsonTelemetryPayload);
  if (validate(parsed)) return { ok: true, value: parsed };
  const issue = ajvErrorsToIssues(validate.errors ?? [])[0];
  if (!issue) return { ok: false, message: `${at ?? 'payload'}: not a telemetry value` };
  const where = issue.path ? (at ? `${at}.${issue.path}` : issue.path) : (at ?? 'payload');
  return { ok: false, message: `${where}: ${issue.message}` };
}

/** A `ts` of the payload forms as epoch ms (an ISO date-time was checked by the schema); `otherwise` if none. */
export function epochMsOf(ts: number | string | undefined, otherwise: EpochMs): EpochMs {
  return typeof ts === 'string' ? Date.parse(ts) : (ts ?? otherwise);
}

export function observation(
  source: string,
  asset: string,
  signal: string,
  value: Observation['value'],
  quality: Observation['quality'],
  sourceTs: EpochMs,
  receivedTs: EpochMs,
): Observation {
  return { source, asset, signal, value, quality, sourceTs, receivedTs };
}
