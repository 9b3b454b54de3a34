import { describe, expect, it } from 'vitest';
import { checkSchema } from './schema-check.js';
import { Machine } from '../schema/machine.js';
import { Distribution } from '../schema/distribution.js';
import { Order } from '../schema/order.js';

const machine = () => ({
  id: 'M1',
  kind: 'cnc-lathe',
  line: 'L1',
  placement: { position: { x: 1, y: 2 }, footprint: { width: 2, depth: 3 } },
});

describe('checkSchema', () => {
  it('accepts a valid machine and fills in defaults', () => {
    const result = checkSchema(Machine, machine());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.capacity).toBe(1);
      expect(result.value.placement.rotationDeg).toBe(0);
    }
  });

  it('names an unknown key and lists the allowed ones', () => {
    const result = checkSchema(Machine, { ...machine(), colour: 'red' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0]).toMatchObject({ code: 'TWIN_E_UNKNOWN_KEY', path: 'colour' });
      expect(result.issues[0]!.message).toContain('allowed: id, name, kind');
    }
  });

  it('reports every problem with its path, not just the first', () => {
    const bad = { ...machine(), kind: 'toaster', capacity: 0, ttf: { kind: 'exponential', mean: -5 } };
    const result = checkSchema(Machine, bad);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const byPath = Object.fromEntries(result.issues.map((i) => [i.path, i.message]));
      expect(Object.keys(byPath).sort()).toEqual(['capacity', 'kind', 'ttf.mean']);
      expect(byPath.kind).toMatch(/must be one of: cnc-lathe.*found "toaster"/);
      expect(byPath.capacity).toBe('must be ≥ 1 (found 0)');
      expect(byPath['ttf.mean']).toBe('must be > 0 (found -5)');
    }
  });

  it('picks a distribution variant by kind and reports only its fields', () => {
    const result = checkSchema(Distribution, { kind: 'uniform', min: 3 });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues.map((i) => [i.path, i.code])).toEqual([['max', 'TWIN_E_MISSING_KEY']]);
    const unknown = checkSchema(Distribution, { kind: 'cauchy', x: 1 });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) {
      expect(unknown.issues).toHaveLength(1);
      expect(unknown.issues[0]!.path).toBe('kind');
      expect(unknown.issues[0]!.message).toMatch(/one of: fixed, uniform, .*found "cauchy"/);
    }
  });

  it('says a negative duration is negative', () => {
    const result = checkSchema(Distribution, { kind: 'fixed', value: -1 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.message).toBe('must not be negative (found -1)');
  });

  it('collapses a failed union of instant forms into one message', () => {
    const result = checkSchema(Order, { id: 'O1', product: 'P1', quantity: 2, due: 'next friday' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0]!.path).toBe('due');
      expect(result.issues[0]!.message).toMatch(/ISO 8601 date-time .*found "next friday"/);
    }
  });
});
