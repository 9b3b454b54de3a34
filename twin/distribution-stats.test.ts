import { describe, expect, it } from 'vitest';
import { distributionMean, distributionRange, gammaFunction } from './distribution-stats.js';
import type { Distribution } from './schema/distribution.js';

/** |actual - expected| ≤ tol · |expected| (absolute tol when expected is 0). */
function expectRelClose(actual: number, expected: number, tol: number): void {
  const scale = expected === 0 ? 1 : Math.abs(expected);
  if (!(Math.abs(actual - expected) <= tol * scale)) {
    throw new Error(`expected ${actual} to be within ${tol} (relative) of ${expected}`);
  }
}

/** Composite Simpson's rule over [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n = 4000): number {
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

const normalPdf = (x: number, mu: number, sigma: number) =>
  Math.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * Math.sqrt(2 * Math.PI));

/** Mean of N(mean, sd²) restricted to [lo, hi], by integrating x·f(x) and f(x) numerically. */
function numericTruncatedNormalMean(mean: number, sd: number, lo: number, hi: number): number {
  const a = Math.max(lo, mean - 12 * sd);
  const b = Math.min(hi, mean + 12 * sd);
  const mass = simpson((x) => normalPdf(x, mean, sd), a, b);
  return simpson((x) => x * normalPdf(x, mean, sd), a, b) / mass;
}

/** Log-scale parameters of a lognormal whose value has the given mean and sd. */
function lognormalParams(mean: number, sd: number): { mu: number; sigma: number } {
  const sigma2 = Math.log(1 + (sd / mean) ** 2);
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

/**
 * Mean of a lognormal restricted to [lo, hi], integrating over y = ln x (where the density is normal), so
 * an open upper bound and a lower bound of 0 need no special care: E = ∫ e^y φ(y) dy / ∫ φ(y) dy.
 */
function numericTruncatedLognormalMean(mean: number, sd: number, lo: number, hi: number): number {
  const { mu, sigma } = lognormalParams(mean, sd);
  const a = Math.max(lo > 0 ? Math.log(lo) : -Infinity, mu - 12 * sigma);
  const b = Math.min(Number.isFinite(hi) ? Math.log(hi) : Infinity, mu + 12 * sigma);
  const mass = simpson((y) => normalPdf(y, mu, sigma), a, b);
  return simpson((y) => Math.exp(y) * normalPdf(y, mu, sigma), a, b) / mass;
}

describe('gammaFunction', () => {
  it('is (n-1)! at the positive integers', () => {
    let factorial = 1;
    for (let n = 1; n <= 12; n++) {
      expectRelClose(gammaFunction(n), factorial, 1e-12);
      factorial *= n;
    }
  });

  it('is √π at 1/2 and √π/2 at 3/2', () => {
    expectRelClose(gammaFunction(0.5), Math.sqrt(Math.PI), 1e-12);
    expectRelClose(gammaFunction(1.5), Math.sqrt(Math.PI) / 2, 1e-12);
  });

  it('satisfies Γ(x+1) = x·Γ(x) and the reflection formula below 1/2', () => {
    for (const x of [0.1, 0.3, 0.7, 2.4, 5.5])
      expectRelClose(gammaFunction(x + 1), x * gammaFunction(x), 1e-12);
    // Γ(x)Γ(1-x) = π / sin(πx): at x = 1/4 that is π√2.
    expectRelClose(gammaFunction(0.25) * gammaFunction(0.75), Math.PI * Math.SQRT2, 1e-12);
  });
});

describe('distributionMean: closed forms', () => {
  it('fixed, uniform and triangular', () => {
    expect(distributionMean({ kind: 'fixed', value: 42 })).toBe(42);
    expect(distributionMean({ kind: 'uniform', min: 8, max: 12 })).toBe(10);
    expect(distributionMean({ kind: 'triangular', min: 40, mode: 45, max: 60 })).toBeCloseTo(145 / 3, 12);
  });

  it('a normal truncated symmetrically around its mean keeps its mean', () => {
    expectRelClose(distributionMean({ kind: 'normal', mean: 100, sd: 30, min: 40, max: 160 }), 100, 1e-9);
    expectRelClose(distributionMean({ kind: 'normal', mean: 20, sd: 4, min: 19, max: 21 }), 20, 1e-9);
  });

  it('a normal truncated at min = mean has mean + sd·√(2/π)', () => {
    const expected = 50 + 10 * Math.sqrt(2 / Math.PI);
    expectRelClose(distributionMean({ kind: 'normal', mean: 50, sd: 10, min: 50 }), expected, 1e-6);
  });

  it('a normal with sd 0 is its mean, clamped into the bounds', () => {
    expect(distributionMean({ kind: 'normal', mean: 20, sd: 0 })).toBe(20);
    expect(distributionMean({ kind: 'normal', mean: 20, sd: 0, min: 25 })).toBe(25);
  });

  it('a lognormal without bounds returns its mean parameter', () => {
    expectRelClose(distributionMean({ kind: 'lognormal', mean: 2700, sd: 1200 }), 2700, 1e-9);
    expectRelClose(distributionMean({ kind: 'lognormal', mean: 3, sd: 9 }), 3, 1e-9);
  });

  it('exponential is its mean; weibull with shape 1 equals it', () => {
    expect(distributionMean({ kind: 'exponential', mean: 300 })).toBe(300);
    expectRelClose(distributionMean({ kind: 'weibull', shape: 1, scale: 300 }), 300, 1e-12);
  });

  it('weibull with shape 2 has mean scale·√π/2', () => {
    expectRelClose(
      distributionMean({ kind: 'weibull', shape: 2, scale: 80 }),
      (80 * Math.sqrt(Math.PI)) / 2,
      1e-12,
    );
  });

  it('gamma has mean shape·scale', () => {
    expect(distributionMean({ kind: 'gamma', shape: 3, scale: 25 })).toBe(75);
    expectRelClose(distributionMean({ kind: 'gamma', shape: 0.5, scale: 7 }), 3.5, 1e-15);
  });

  it('families without a truncated closed form clamp their mean into the bounds', () => {
    expect(distributionMean({ kind: 'exponential', mean: 100, min: 150 })).toBe(150);
    expect(distributionMean({ kind: 'gamma', shape: 2, scale: 50, max: 60 })).toBe(60);
  });

  it('empirical: weighted and unweighted', () => {
    // (25·3 + 30·5 + 40·2) / 10
    expect(distributionMean({ kind: 'empirical', values: [25, 30, 40], weights: [3, 5, 2] })).toBeCloseTo(
      30.5,
      12,
    );
    expect(distributionMean({ kind: 'empirical', values: [25, 30, 40] })).toBeCloseTo(95 / 3, 12);
    expect(distributionMean({ kind: 'empirical', values: [10, 20], weights: [0, 1] })).toBe(20);
  });
});

describe('distributionMean: truncated means against numeric integration', () => {
  const normals: [number, number, number, number][] = [
    [20, 4, 10, Infinity], // small-plant inspection time
    [100, 30, 80, 150],
    [5, 10, 0, Infinity], // the default lower bound 0 cuts off a large share
    [60, 15, 0, 55],
    [10, 3, 14, 30], // only the upper tail
  ];
  it.each(normals)('normal mean %d sd %d on [%d, %d]', (mean, sd, min, max) => {
    const d: Distribution = { kind: 'normal', mean, sd, min, ...(Number.isFinite(max) && { max }) };
    expectRelClose(distributionMean(d), numericTruncatedNormalMean(mean, sd, min, max), 1e-4);
  });

  it('the numeric lognormal parameters reproduce the value mean and sd', () => {
    const { mu, sigma } = lognormalParams(2700, 1200);
    const m1 = simpson((y) => Math.exp(y) * normalPdf(y, mu, sigma), mu - 12 * sigma, mu + 12 * sigma);
    const m2 = simpson((y) => Math.exp(2 * y) * normalPdf(y, mu, sigma), mu - 12 * sigma, mu + 12 * sigma);
    expectRelClose(m1, 2700, 1e-8);
    expectRelClose(Math.sqrt(m2 - m1 * m1), 1200, 1e-6);
  });

  const lognormals: [number, number, number, number][] = [
    [2700, 1200, 0, 14400], // small-plant repair time
    [2700, 1200, 0, 3000],
    [50, 40, 30, 90],
    [10, 5, 12, Infinity],
    [1, 2, 0.5, 4],
  ];
  it.each(lognormals)('lognormal mean %d sd %d on [%d, %d]', (mean, sd, min, max) => {
    const d: Distribution = { kind: 'lognormal', mean, sd, min, ...(Number.isFinite(max) && { max }) };
    expectRelClose(distributionMean(d), numericTruncatedLognormalMean(mean, sd, min, max), 1e-4);
  });
});

describe('distributionRange', () => {
  it('gives the bounds of the bounded families', () => {
    expect(distributionRange({ kind: 'fixed', value: 7 })).toEqual({ min: 7, max: 7 });
    expect(distributionRange({ kind: 'uniform', min: 8, max: 12 })).toEqual({ min: 8, max: 12 });
    expect(distributionRange({ kind: 'triangular', min: 40, mode: 45, max: 60 })).toEqual({
      min: 40,
      max: 60,
    });
    expect(distributionRange({ kind: 'empirical', values: [30, 25, 40] })).toEqual({ min: 25, max: 40 });
  });

  it('defaults the unbounded families to [0, ∞) and honours their truncation', () => {
    expect(distributionRange({ kind: 'exponential', mean: 5 })).toEqual({ min: 0, max: Infinity });
    expect(distributionRange({ kind: 'normal', mean: 20, sd: 4, min: 10 })).toEqual({
      min: 10,
      max: Infinity,
    });
    expect(distributionRange({ kind: 'lognormal', mean: 9, sd: 3, max: 14 })).toEqual({ min: 0, max: 14 });
    expect(distributionRange({ kind: 'weibull', shape: 2, scale: 3, min: 1, max: 2 })).toEqual({
      min: 1,
      max: 2,
    });
    expect(distributionRange({ kind: 'gamma', shape: 2, scale: 3 })).toEqual({ min: 0, max: Infinity });
  });
});
