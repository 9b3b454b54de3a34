import Type from 'typebox';
import { QUALITIES, type Observation } from '../../twin/schema/observation.js';
import { StringEnum } from '../../twin/schema/string-enum.js';
import type { EpochMs } from '../../twin/schema/time.js';
import { compiledValidator } from '../../twin/validate/ajv.js';
import { ajvErrorsToIssues } from '../../twin/validate/ajv-messages.js';
import { checkTelemetryValue, epochMsOf, JsonTimestamp, observation, observationOf } from './json-payload.js';

/** Signals one message may carry at most; beyond it the message is rejected whole. */
export const MAX_VALUES_PER_MESSAGE = 10_000;

/**
 * The multi-signal JSON form (a route with `form: values`): several signals of one asset in one message, as
 * devices that batch their readings send them:
 *   {"ts": 1767225600000, "quality": "good", "values": {"spindleLoad": 0.73, "temperature": {"value": 41.2}}}
 * `values` maps signal names (1 to 128 characters) to values in either single form (json-payload.ts): a bare
 * value, or {value, ts?, quality?}. The message's `ts` and `quality` (both optional) hold for every value that
 * gives none of its own; without a `ts` the time is when the message was received. Other keys are rejected.
 */
const JsonValuesEnvelope = Type.Object(
  {
    ts: Type.Optional(JsonTimestamp),
    quality: Type.Optional(StringEnum(QUALITIES, 'a data quality')),
    values: Type.Record(Type.String(), Type.Unknown(), {
      maxProperties: MAX_VALUES_PER_MESSAGE,
      description: 'signal name → value',
    }),
  },
  { additionalProperties: false },
);
const validateEnvelope = compiledValidator(JsonValuesEnvelope);

/** Where the decoded values go: the ObservationGate's two entrances. */
export interface ValuesOutput {
  offer(observation: Observation): void;
  reject(reason: string, message: string): void;
}

/**
 * Decode one multi-signal message, handing each good value to `out.offer` and each bad one to `out.reject`:
 * a bad value is dropped alone, the message's other values flow on. A message that is not JSON or not of the
 * form is one rejection. Returns how many observations were offered.
 */
export function decodeJsonValues(
  payload: Buffer,
  source: string,
  asset: string,
  receivedTs: EpochMs,
  out: ValuesOutput,
): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch (error) {
    out.reject('malformed JSON', error instanceof Error ? error.message : String(error));
    return 0;
  }
  if (!validateEnvelope(parsed)) {
    const issue = ajvErrorsToIssues(validateEnvelope.errors ?? [])[0];
    out.reject(
      'invalid payload',
      issue ? `${issue.path || 'payload'}: ${issue.message}` : 'not a values object',
    );
    return 0;
  }
  const ts = epochMsOf(parsed.ts, receivedTs);
  const quality = parsed.quality ?? 'good';
  let offered = 0;
  for (const signal in parsed.values) {
    if (signal.length === 0 || signal.length > 128) {
      out.reject('invalid payload', `values: a signal name must have 1 to 128 characters`);
      continue;
    }
    const raw = parsed.values[signal];
    if (typeof raw === 'number') {
      // The common case, a bare number, needs no validator.
      out.offer(observation(source, asset, signal, raw, quality, ts, receivedTs));
    } else {
      const result = checkTelemetryValue(raw, `values.${signal}`);
      if (!result.ok) {
        out.reject('invalid payload', result.message);
        continue;
      }
      out.offer(observationOf(result.value, source, asset, signal, quality, ts, receivedTs));
    }
    offered++;
  }
  return offered;
}
