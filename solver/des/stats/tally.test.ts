import { describe, expect, it } from 'vitest';
import { Tally } from './tally.js';

function observeAll(tally: Tally, values: number[]): Tally {
  for (const x of values) tally.observe(x);
  return tally;
}

describe('Tally', () => {
  it('gives count, mean, variances, min and max of a hand-computed sample', () => {
    // Σ = 40, mean 5; Σ(x − 5)² = 9+1+1+1+0+0+4+16 = 32: population variance 4 (sd 2), sample 32/7.
    const t = observeAll(new Tally(), [2, 4, 4, 4, 5, 5, 7, 9]);
    expect(t.count).toBe(8);
    expect(t.mean).toBe(5);
    expect(t.sum).toBe(40);
    expect(t.populationVariance).toBeCloseTo(4, 14);
    expect(t.populationSd).toBeCloseTo(2, 14);
    expect(t.variance).toBeCloseTo(32 / 7, 14);
    expect(t.sd).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(t.min).toBe(2);
    expect(t.max).toBe(9);
  });

  it('keeps the variance of values far from zero (where Σx² − n·mean² would lose it)', () => {
    // 1e9 + {4, 7, 13, 16}: deviations ±6, ±3 from the mean, so sample variance (36+9+9+36)/3 = 30.
    const t = observeAll(new Tally(), [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);
    expect(t.mean).toBe(1e9 + 10);
    expect(t.variance).toBe(30);
  });

  it('answers NaN where a statistic does not exist yet', () => {
    const t = new Tally();
    expect(t.count).toBe(0);
    for (const v of [t.mean, t.variance, t.sd, t.populationVariance, t.min, t.max]) expect(v).toBeNaN();
    t.observe(3);
    expect(t.mean).toBe(3);
    expect(t.populationVariance).toBe(0);
    expect(t.variance).toBeNaN();
  });

  it('drops observations stamped before the warm-up; the warm-up instant itself counts', () => {
    const t = new Tally({ warmup: 10 });
    t.observe(100, 9.999);
    t.observe(3, 10);
    t.observe(5, 20);
    expect(t.count).toBe(2);
    expect(t.mean).toBe(4);
    expect(t.min).toBe(3);
    expect(() => t.observe(1)).toThrow(RangeError);
  });

  it('reset forgets the observations but keeps the warm-up', () => {
    const t = new Tally({ warmup: 5 });
    t.observe(1, 6);
    t.reset();
    expect(t.count).toBe(0);
    expect(t.mean).toBeNaN();
    t.observe(7, 4);
    t.observe(8, 5);
    expect(t.count).toBe(1);
    expect(t.mean).toBe(8);
    expect(t.warmup).toBe(5);
  });

  it('rejects non-finite observations', () => {
    const t = new Tally();
    expect(() => t.observe(Number.NaN)).toThrow(RangeError);
    expect(() => t.observe(Infinity)).toThrow(RangeError);
    expect(t.count).toBe(0);
  });
});
