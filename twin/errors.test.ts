import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_REGISTRY, TwinError, isErrorCode } from './errors.js';

const docs = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
const documented = new Map(
  [...docs.matchAll(/^\| `(TWIN_E_[A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1]!, Number(m[2])] as const),
);

describe('error registry', () => {
  it('docs/errors.md lists exactly the registered codes, with their HTTP status', () => {
    expect([...documented.keys()].sort()).toEqual(Object.keys(ERROR_REGISTRY).sort());
    for (const [code, { status }] of Object.entries(ERROR_REGISTRY))
      expect(documented.get(code), code).toBe(status);
  });

  it('codes follow the naming convention; only internal faults are server errors', () => {
    for (const [code, { status }] of Object.entries(ERROR_REGISTRY)) {
      expect(code).toMatch(/^TWIN_E_[A-Z]+(_[A-Z]+)*$/);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status < 500 || code === 'TWIN_E_INTERNAL').toBe(true);
    }
  });

  it('serialises as { code, message, details } and survives a structured clone', () => {
    const error = new TwinError('TWIN_E_UNKNOWN_REFERENCE', 'unknown machine "M9"', { machine: 'M9' });
    const wire = structuredClone(error.toJSON());
    expect(wire).toEqual({
      code: 'TWIN_E_UNKNOWN_REFERENCE',
      message: 'unknown machine "M9"',
      details: { machine: 'M9' },
    });
    expect(error.status).toBe(422);
    expect(isErrorCode(wire.code)).toBe(true);
    expect(isErrorCode('TWIN_E_NOPE')).toBe(false);
    expect(new TwinError('TWIN_E_FILE', 'x').toJSON()).not.toHaveProperty('details');
  });
});
