import type { Static, TSchema } from 'typebox';
import { TwinError } from '../../twin/errors.js';
import { checkSchema } from '../../twin/validate/schema-check.js';

/**
 * Validate a connector's configuration against its schema: defaults filled in (on a copy), unknown keys rejected,
 * and on failure one TwinError that names every bad field and why, e.g. `mqtt: qos: must be one of ...`.
 */
export function parseConfig<S extends TSchema>(schema: S, value: unknown, what: string): Static<S> {
  const checked = checkSchema(schema, structuredClone(value));
  if (checked.ok) return checked.value;
  const lines = checked.issues.map((issue) => `${issue.path || '(top)'}: ${issue.message}`);
  throw new TwinError(issueCode(checked.issues), `${what}: ${lines.join('; ')}`, { issues: checked.issues });
}

function issueCode(issues: readonly { code: TwinError['code'] }[]): TwinError['code'] {
  return issues[0]?.code ?? 'TWIN_E_SCHEMA';
}
