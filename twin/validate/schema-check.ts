import type { Static, TSchema } from 'typebox';
import { compiledValidator } from './ajv.js';
import { ajvErrorsToIssues } from './ajv-messages.js';
import type { Validated } from './issue.js';

/**
 * Check a value against a schema. On success the value comes back with defaults filled in (it is changed in
 * place: pass a copy if the caller must keep the original).
 */
export function checkSchema<S extends TSchema>(schema: S, value: unknown): Validated<Static<S>> {
  const validate = compiledValidator(schema);
  if (validate(value)) return { ok: true, value: value as Static<S> };
  return { ok: false, issues: ajvErrorsToIssues(validate.errors ?? []) };
}
