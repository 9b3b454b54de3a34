import type { ErrorObject } from 'ajv';
import { issue, pointerToSegments, type ValidationIssue } from './issue.js';
import { closest } from './suggest.js';

type SchemaNode = {
  description?: string;
  properties?: Record<string, SchemaNode>;
  oneOf?: SchemaNode[];
  const?: unknown;
  format?: string;
};

/** A short picture of a value for an error message. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

const FORMAT_HINTS: Record<string, string> = {
  'date-time': 'an ISO 8601 date-time with offset, e.g. 2026-11-23T06:00:00+08:00',
  date: 'a date YYYY-MM-DD',
};

function bound(keyword: string, limit: number, found: unknown): string {
  if (keyword === 'minimum' && limit === 0) return `must not be negative (found ${describeValue(found)})`;
  const sign = { minimum: '≥', maximum: '≤', exclusiveMinimum: '>', exclusiveMaximum: '<' }[keyword] ?? '?';
  return `must be ${sign} ${limit} (found ${describeValue(found)})`;
}

/** Turn one Ajv error into an issue whose path points at the offending key. */
function toIssue(error: ErrorObject): ValidationIssue {
  const at = pointerToSegments(error.instancePath);
  const parent = (error.parentSchema ?? {}) as SchemaNode;
  const params = error.params as Record<string, unknown>;
  const found = error.data;
  switch (error.keyword) {
    case 'required': {
      const key = String(params.missingProperty);
      const hint = parent.properties?.[key]?.description;
      return issue('TWIN_E_MISSING_KEY', [...at, key], `is required${hint ? ` (${hint})` : ''}`);
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const keys = Object.keys(parent.properties ?? {});
      const guess = closest(key, keys);
      const hint = guess ? `did you mean "${guess}"?` : `allowed: ${keys.join(', ')}`;
      return issue('TWIN_E_UNKNOWN_KEY', [...at, key], `unknown key (${hint})`);
    }
    case 'type': {
      const wanted = params.type === 'integer' ? 'a whole number' : `of type ${String(params.type)}`;
      return issue('TWIN_E_SCHEMA', at, `must be ${wanted} (found ${describeValue(found)})`);
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return issue('TWIN_E_SCHEMA', at, bound(error.keyword, Number(params.limit), found));
    case 'minItems':
      return issue('TWIN_E_SCHEMA', at, `must have at least ${String(params.limit)} item(s)`);
    case 'maxItems':
      return issue('TWIN_E_SCHEMA', at, `must have at most ${String(params.limit)} item(s)`);
    case 'minLength':
      return issue(
        'TWIN_E_SCHEMA',
        at,
        params.limit === 1 ? 'must not be empty' : `must be at least ${String(params.limit)} characters`,
      );
    case 'maxLength':
      return issue('TWIN_E_SCHEMA', at, `must be at most ${String(params.limit)} characters`);
    case 'pattern':
      return issue(
        'TWIN_E_SCHEMA',
        at,
        `must be ${parent.description ?? `like ${String(params.pattern)}`} (found ${describeValue(found)})`,
      );
    case 'format': {
      const hint = FORMAT_HINTS[String(params.format)] ?? `in format ${String(params.format)}`;
      return issue('TWIN_E_SCHEMA', at, `must be ${hint} (found ${describeValue(found)})`);
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String).join(', ');
      return issue('TWIN_E_SCHEMA', at, `must be one of: ${allowed} (found ${describeValue(found)})`);
    }
    case 'const':
      return issue(
        'TWIN_E_SCHEMA',
        at,
        `must be ${JSON.stringify(params.allowedValue)} (found ${describeValue(found)})`,
      );
    case 'uniqueItems':
      return issue(
        'TWIN_E_SCHEMA',
        at,
        `must not repeat items (items ${String(params.j)} and ${String(params.i)} are the same)`,
      );
    case 'discriminator': {
      const kinds = (parent.oneOf ?? []).map((v) => String(v.properties?.kind?.const)).join(', ');
      const tag = (found as Record<string, unknown> | null)?.kind;
      const what =
        tag === undefined ? 'is required' : `must be one of: ${kinds} (found ${describeValue(tag)})`;
      return issue(tag === undefined ? 'TWIN_E_MISSING_KEY' : 'TWIN_E_SCHEMA', [...at, 'kind'], what);
    }
    case 'anyOf':
    case 'oneOf':
      return issue(
        'TWIN_E_SCHEMA',
        at,
        `must be ${parent.description ?? 'one of the allowed forms'} (found ${describeValue(found)})`,
      );
    case 'propertyNames':
      return issue('TWIN_E_SCHEMA', [...at, String(params.propertyName)], 'is not an allowed key name');
    default:
      return issue('TWIN_E_SCHEMA', at, error.message ?? 'is not valid');
  }
}

/**
 * Ajv reports a failed `anyOf` together with every branch's complaint; people need one line that says what
 * was expected. Keep the union's own error and drop the branch noise below it.
 */
export function ajvErrorsToIssues(errors: readonly ErrorObject[]): ValidationIssue[] {
  const unionPaths = errors.filter((e) => e.keyword === 'anyOf').map((e) => `${e.schemaPath}/`);
  const kept = errors.filter((e) => {
    if (unionPaths.some((prefix) => e.schemaPath.startsWith(prefix))) return false;
    // After a discriminator picked a variant, Ajv may add a bare oneOf error; the variant's errors say more.
    if (e.keyword === 'oneOf' && errors.some((o) => o !== e && o.schemaPath.startsWith(`${e.schemaPath}/`)))
      return false;
    // `additionalProperties: false` also yields a `false schema` error at the extra key; one message is enough.
    if (e.keyword === 'false schema') return false;
    return true;
  });
  const seen = new Set<string>();
  const out: ValidationIssue[] = [];
  for (const e of kept) {
    const item = toIssue(e);
    const key = `${item.path}\u0000${item.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}
