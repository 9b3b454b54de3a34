import { describe, expect, it } from 'vitest';
import { normalQuantile, tCdf, tQuantile } from './student-t.js';

/** |actual − expected| ≤ tol · |expected|. */
function expectRel(actual: number, expected: number, tol: number): void {
  if (!(Math.abs(actual - expected) <= tol * Math.abs(expected))) {
    throw new Error(`expected ${actual} within ${tol} (relative) of ${expected}`);
  }
}

// Reference quantiles: root of the regularized incomplete beta in mpmath at 40 digits, rounded to doubles.
const REFERENCE: [p: number, df: number, t: number][] = [
  [0.975, 1, 12.706204736174694],
  [0.975, 2, 4.302652729749462],
  [0.975, 4, 2.7764451051977934],
  [0.975, 19, 2.093024054408309],
  [0.975, 29, 2.045229642132704],
  [0.975, 1e6, 1.9599663568141066],
  [0.995, 10, 3.169272672616951],
  [0.95, 100, 1.6602343260853392],
  [0.6, 5, 0.26718086570414507],
  [0.9999, 1000, 3.732851604575396],
  [0.001, 3, -10.214531852407386],
  [1e-6, 7.3, -13.493523060744643],
  [1e-12, 0.5, -1.02849115631634e23],
];

describe('tQuantile', () => {
  it('gives the values of the brief (to 1e-6) and of the SPEC table (t(19) = 2.093)', () => {
    expect(tQuantile(0.975, 19)).toBeCloseTo(2.093024, 6);
    expect(tQuantile(0.975, 29)).toBeCloseTo(2.04523, 6);
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.706205, 6);
    expect(tQuantile(0.975, 1e6)).toBeCloseTo(1.959966, 6);
    expect(tQuantile(0.975, 19).toFixed(3)).toBe('2.093');
  });

  it.each(REFERENCE)('t(%s, df %s) = %s to 1e-11 relative', (p, df, t) => {
    expectRel(tQuantile(p, df), t, 1e-11);
  });

  it('uses the closed forms for df 1 (Cauchy) and 2', () => {
    for (const p of [0.6, 0.9, 0.975, 0.999]) {
      expectRel(tQuantile(p, 1), Math.tan(Math.PI * (p - 0.5)), 1e-13);
      expectRel(tQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 1e-13);
    }
  });

  it('is antisymmetric, 0 at the median, and falls towards the normal as df grows', () => {
    expect(tQuantile(0.5, 7)).toBe(0);
    expect(tQuantile(0.25, 19)).toBe(-tQuantile(0.75, 19)); // 1 − 0.75 is exactly 0.25
    expectRel(tQuantile(0.025, 19), -tQuantile(0.975, 19), 1e-14); // 1 − 0.975 is not exactly 0.025
    let previous = Infinity;
    for (const df of [1, 1.5, 2, 3, 5, 10, 30, 100, 1e4, 1e5, 2e5, 1e7, Infinity]) {
      const t = tQuantile(0.975, df);
      expect(t).toBeLessThan(previous);
      previous = t;
    }
    expectRel(tQuantile(0.975, Infinity), 1.959963984540054, 1e-14);
    expectRel(normalQuantile(1e-10), -6.361340902404056, 1e-13);
  });

  it('inverts tCdf across df and p, both sides of the large-df switch', () => {
    for (const df of [0.7, 1, 3, 8.5, 19, 99_999, 100_001]) {
      for (const p of [1e-9, 0.01, 0.3, 0.7, 0.99]) {
        expectRel(tCdf(tQuantile(p, df), df), p, 1e-10);
      }
    }
  });

  it('rejects probabilities outside (0, 1) and df ≤ 0', () => {
    expect(() => tQuantile(0, 5)).toThrow(RangeError);
    expect(() => tQuantile(1, 5)).toThrow(RangeError);
    expect(() => tQuantile(Number.NaN, 5)).toThrow(RangeError);
    expect(() => tQuantile(0.975, 0)).toThrow(RangeError);
    expect(() => tQuantile(0.975, Number.NaN)).toThrow(RangeError);
  });
});

describe('tCdf', () => {
  it('matches reference values', () => {
    expectRel(tCdf(2.5, 3.5), 0.962152678095255, 1e-12);
    expectRel(tCdf(-1.2, 1), 0.5 - Math.atan(1.2) / Math.PI, 1e-13);
    expectRel(tCdf(0.3, 40), 0.6171346416144905, 1e-12);
    expect(tCdf(0, 3)).toBe(0.5);
    expect(tCdf(Infinity, 3)).toBe(1);
    expect(tCdf(-Infinity, 3)).toBe(0);
  });
});
