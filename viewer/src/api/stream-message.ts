import type { StreamMessage } from './types.js';

type Check = (data: unknown) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const field = (v: Record<string, unknown>, key: string, type: 'string' | 'number' | 'boolean') =>
  typeof v[key] === type ? undefined : `data.${key} must be a ${type}`;

/**
 * Per message type, the parts of `data` the reducers dereference: a frame without them would throw inside a
 * batch and lose the good messages with it. Deeper shapes are the service's contract (same build).
 */
const CHECKS: Record<StreamMessage['type'], Check> = {
  hello: snapshot,
  resync: snapshot,
  twin: (data) => {
    if (!Array.isArray(data)) return 'data must be an array of deltas';
    for (let i = 0; i < data.length; i++) {
      const d: unknown = data[i];
      if (!isObject(d) || typeof d.machine !== 'string' || typeof d.atMs !== 'number')
        return `data[${i}] must have machine (string) and atMs (number)`;
    }
    return undefined;
  },
  kpis: (data) =>
    !isObject(data)
      ? 'data must be an object'
      : (field(data, 'atMs', 'number') ??
        (isKpis(data.kpis) ? undefined : 'data.kpis.oee must be an object')),
  alarm: (data) => (Array.isArray(data) ? undefined : 'data must be an array of alarms'),
  job: (data) => (isObject(data) ? field(data, 'id', 'string') : 'data must be an object'),
  plan: (data) =>
    isObject(data)
      ? (field(data, 'id', 'string') ?? field(data, 'version', 'number') ?? field(data, 'active', 'boolean'))
      : 'data must be an object',
  dispatch: (data) => (isObject(data) ? field(data, 'machine', 'string') : 'data must be an object'),
};

function isKpis(v: unknown): boolean {
  return isObject(v) && isObject(v.oee);
}

function snapshot(data: unknown): string | undefined {
  if (!isObject(data)) return 'data must be an object';
  if (!Array.isArray(data.machines)) return 'data.machines must be an array';
  if (!Array.isArray(data.alarms)) return 'data.alarms must be an array';
  if (!isKpis(data.kpis)) return 'data.kpis.oee must be an object';
  return field(data, 'atMs', 'number');
}

/** One stream frame, checked: the message, or why it was refused (naming the field). */
export function parseStreamMessage(text: string): { message: StreamMessage } | { error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { error: 'not JSON' };
  }
  if (!isObject(raw)) return { error: 'not an object' };
  if (typeof raw.seq !== 'number') return { error: 'seq must be a number' };
  if (typeof raw.atMs !== 'number') return { error: 'atMs must be a number' };
  // Own keys only: a type like "toString" must not find Object's method.
  const check =
    typeof raw.type === 'string' && Object.hasOwn(CHECKS, raw.type)
      ? CHECKS[raw.type as StreamMessage['type']]
      : undefined;
  if (!check) return { error: `type ${JSON.stringify(raw.type)} is not a known message type` };
  const error = check(raw.data);
  return error ? { error: `${raw.type}: ${error}` } : { message: raw as StreamMessage };
}
