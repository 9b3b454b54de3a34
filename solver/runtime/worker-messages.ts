// Validation shared by the worker protocols whose messages carry a `type` (milp-protocol.ts,
// schedule-protocol.ts): the schema is picked by `type`, so an error names the wrong field of that message
// instead of listing every variant.
import type { TSchema } from 'typebox';
import { checkSchema } from '../../twin/validate/schema-check.js';

export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

export function parseByType<T>(schemas: Record<string, TSchema>, message: unknown): Parsed<T> {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return {
      ok: false,
      error: `expected a message object, found ${message === null ? 'null' : typeof message}`,
    };
  }
  const type = (message as { type?: unknown }).type;
  const schema = typeof type === 'string' && Object.hasOwn(schemas, type) ? schemas[type] : undefined;
  if (schema === undefined) {
    const allowed = Object.keys(schemas).join(', ');
    return {
      ok: false,
      error: `type: must be one of: ${allowed} (found ${JSON.stringify(type) ?? 'nothing'})`,
    };
  }
  const checked = checkSchema(schema, message);
  if (checked.ok) return { ok: true, message: checked.value as T };
  return { ok: false, error: checked.issues.map((i) => `${i.path || type}: ${i.message}`).join('; ') };
}
