import { describe, expect, it } from 'vitest';
import { Counter } from './counter.js';

describe('Counter', () => {
  it('counts events in [warmup, ∞): the warm-up instant is inside, just before it is not', () => {
    const c = new Counter({ warmup: 10 });
    c.record(0);
    c.record(9.999);
    c.record(10);
    c.record(10.5, 3);
    expect(c.count).toBe(4);
    expect(c.total).toBe(6);
  });

  it('counts everything without a warm-up', () => {
    const c = new Counter();
    c.record(-5);
    c.record(0);
    expect(c.count).toBe(2);
    expect(c.total).toBe(2);
    expect(c.warmup).toBe(-Infinity);
  });

  it('reset clears both counts and keeps the warm-up', () => {
    const c = new Counter({ warmup: 1 });
    c.record(2);
    c.reset();
    expect([c.count, c.total]).toEqual([0, 0]);
    c.record(0.5);
    c.record(1);
    expect([c.count, c.total]).toEqual([1, 2]);
  });

  it('rejects a NaN time', () => {
    expect(() => new Counter().record(Number.NaN)).toThrow(RangeError);
  });
});
