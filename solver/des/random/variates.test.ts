import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../../twin/schema/distribution.js';
import { distributionMean, gammaFunction } from '../../../twin/distribution-stats.js';
import { DefaultStream } from './default-stream.js';
import type { RandomStream } from './stream.js';
import {
  compileSampler,
  exponentialMean,
  exponentialRate,
  sampleDistribution,
  uniformInt,
} from './variates.js';

/** Replays the given uniforms in a loop and counts the draws. */
class Replay implements RandomStream {
  readonly seed = 0;
  draws = 0;
  constructor(private readonly us: readonly number[]) {}
  random(): number {
    return this.us[this.draws++ % this.us.length]!;
  }
}

const N = 2e5;
const TOP = 1 - 2 ** -53;

function moments(d: Distribution, seed = 1) {
  const sample = compileSampler(d);
  const s = new DefaultStream(seed);
  let sum = 0;
  let sq = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < N; i++) {
    const x = sample(s);
    sum += x;
    sq += x * x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = sum / N;
  const sd = Math.sqrt((sq - N * mean * mean) / (N - 1));
  return { mean, sd, se: sd / Math.sqrt(N), min, max };
}

/** Mean of the density f on [lo, hi] by Simpson's rule, for truncated families without a closed form here. */
function truncatedMean(f: (x: number) => number, lo: number, hi: number): number {
  const n = 20_000;
  const h = (hi - lo) / n;
  let mass = 0;
  let first = 0;
  for (let i = 0; i <= n; i++) {
    const x = lo + i * h;
    const w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
    mass += w * f(x);
    first += w * x * f(x);
  }
  return first / mass;
}

describe('SPEC §1.1 forms', () => {
  it('exponentialMean and exponentialRate are -ln(1 - U) * mean and / rate', () => {
    const u = 0.4335141904473966;
    expect(exponentialMean(new Replay([u]), 5)).toBe(-Math.log(1 - u) * 5);
    expect(exponentialRate(new Replay([u]), 0.9)).toBe(-Math.log(1 - u) / 0.9);
  });

  it('uniformInt stays in 0..n-1, even for the largest U', () => {
    expect(uniformInt(new Replay([0]), 6)).toBe(0);
    expect(uniformInt(new Replay([TOP]), 6)).toBe(5);
    expect(uniformInt(new Replay([TOP]), 2 ** 40 + 1)).toBe(2 ** 40);
    const s = new DefaultStream(9);
    const counts = [0, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 70_000; i++) counts[uniformInt(s, 7)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(4 * Math.sqrt(10_000 * (6 / 7)));
  });
});

// Kinds whose distributionMean is exact (the A&S erf inside it is accurate to 1.5e-7, far inside 4 SE).
const exactMean: [string, Distribution][] = [
  ['uniform', { kind: 'uniform', min: 2, max: 5 }],
  ['triangular', { kind: 'triangular', min: 1, mode: 2, max: 6 }],
  ['normal (cut at 0)', { kind: 'normal', mean: 10, sd: 3 }],
  ['normal truncated', { kind: 'normal', mean: 1, sd: 2, min: 0.5, max: 4 }],
  ['normal upper tail', { kind: 'normal', mean: 2, sd: 1, min: 4 }],
  ['lognormal', { kind: 'lognormal', mean: 10, sd: 5 }],
  ['lognormal truncated', { kind: 'lognormal', mean: 10, sd: 5, min: 6, max: 14 }],
  ['exponential', { kind: 'exponential', mean: 3 }],
  ['weibull', { kind: 'weibull', shape: 1.5, scale: 4 }],
  ['gamma', { kind: 'gamma', shape: 2.5, scale: 1.5 }],
  ['gamma shape < 1', { kind: 'gamma', shape: 0.5, scale: 2 }],
  ['empirical', { kind: 'empirical', values: [1, 2, 5], weights: [1, 0, 3] }],
  ['empirical unweighted', { kind: 'empirical', values: [3, 7, 8] }],
];

describe('sampleDistribution', () => {
  it.each(exactMean)('%s: the mean of 2e5 draws is within 4 SE of the analytic mean', (_, d) => {
    const m = moments(d);
    expect(Math.abs(m.mean - distributionMean(d))).toBeLessThan(4 * m.se);
  });

  it('matches the spread: normal, lognormal (the value’s own sd) and gamma', () => {
    expect(moments({ kind: 'normal', mean: 100, sd: 10 }).sd).toBeCloseTo(10, 1);
    expect(moments({ kind: 'lognormal', mean: 10, sd: 5 }).sd / 5).toBeCloseTo(1, 1);
    expect(moments({ kind: 'gamma', shape: 2.5, scale: 1.5 }).sd / Math.sqrt(2.5 * 1.5 ** 2)).toBeCloseTo(
      1,
      1,
    );
  });

  it('samples truncated exponential and weibull from the truncated law', () => {
    const e = moments({ kind: 'exponential', mean: 3, min: 1, max: 5 });
    const r = Math.exp(-4 / 3);
    expect(Math.abs(e.mean - (1 + 3 - (4 * r) / (1 - r)))).toBeLessThan(4 * e.se);
    const [k, l] = [0.7, 2];
    const pdf = (x: number) => (k / l) * (x / l) ** (k - 1) * Math.exp(-((x / l) ** k));
    const w = moments({ kind: 'weibull', shape: k, scale: l, min: 0.5, max: 6 });
    expect(Math.abs(w.mean - truncatedMean(pdf, 0.5, 6))).toBeLessThan(4 * w.se);
    const u = moments({ kind: 'weibull', shape: k, scale: l });
    expect(Math.abs(u.mean - l * gammaFunction(1 + 1 / k))).toBeLessThan(4 * u.se);
  });

  const bounded: [string, Distribution, number, number][] = [
    ['normal', { kind: 'normal', mean: 1, sd: 2, min: 0.5, max: 4 }, 0.5, 4],
    ['normal default floor', { kind: 'normal', mean: 1, sd: 2 }, 0, Infinity],
    ['normal far tail', { kind: 'normal', mean: 1, sd: 0.01, min: 3 }, 3, 3],
    ['lognormal', { kind: 'lognormal', mean: 10, sd: 5, min: 6, max: 14 }, 6, 14],
    ['exponential', { kind: 'exponential', mean: 3, min: 1, max: 5 }, 1, 5],
    ['weibull', { kind: 'weibull', shape: 0.7, scale: 2, min: 0.5, max: 6 }, 0.5, 6],
    ['gamma (clamped)', { kind: 'gamma', shape: 3, scale: 1, min: 1, max: 4 }, 1, 4],
    ['uniform', { kind: 'uniform', min: 2, max: 5 }, 2, 5],
    ['triangular', { kind: 'triangular', min: 1, mode: 2, max: 6 }, 1, 6],
  ];
  it.each(bounded)('%s: every draw lies in [min, max]', (_, d, lo, hi) => {
    const m = moments(d, 5);
    expect(m.min).toBeGreaterThanOrEqual(lo);
    expect(m.max).toBeLessThanOrEqual(hi);
  });

  it('fixed returns exactly its value', () => {
    const s = new DefaultStream(3);
    for (let i = 0; i < 100; i++)
      expect(sampleDistribution(s, { kind: 'fixed', value: 0.1 + 0.2 })).toBe(0.1 + 0.2);
  });

  it('empirical returns only listed values, with the weights as frequencies', () => {
    const d: Distribution = { kind: 'empirical', values: [1, 2, 5, 9], weights: [1, 0, 3, 0] };
    const sample = compileSampler(d);
    const s = new DefaultStream(11);
    const counts = new Map<number, number>();
    for (let i = 0; i < N; i++) {
      const x = sample(s);
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([1, 5]);
    const p = (counts.get(5) ?? 0) / N;
    expect(Math.abs(p - 0.75)).toBeLessThan(4 * Math.sqrt((0.75 * 0.25) / N));
    expect(compileSampler(d)(new Replay([TOP]))).toBe(5);
  });

  const inverse: Distribution[] = [
    { kind: 'fixed', value: 2 },
    ...bounded.filter(([name]) => name !== 'gamma (clamped)').map(([, d]) => d),
    { kind: 'normal', mean: 10, sd: 3 },
    { kind: 'normal', mean: 2, sd: 1, min: 4 },
    { kind: 'lognormal', mean: 10, sd: 5 },
    { kind: 'exponential', mean: 3 },
    { kind: 'weibull', shape: 1.5, scale: 4 },
    { kind: 'empirical', values: [1, 2, 5], weights: [1, 0, 3] },
  ];
  it.each(inverse)('$kind: one U per draw, non-decreasing in U, finite at both ends', (d) => {
    const grid = [0, ...Array.from({ length: 999 }, (_, i) => (i + 1) / 1000), TOP];
    const s = new Replay(grid);
    const sample = compileSampler(d);
    const xs = grid.map(() => sample(s));
    expect(s.draws).toBe(grid.length);
    for (let i = 1; i < xs.length; i++) expect(xs[i]!).toBeGreaterThanOrEqual(xs[i - 1]!);
    expect(xs.every(Number.isFinite)).toBe(true);
  });

  it('an untruncated exponential is exponentialMean to the last bit', () => {
    const a = new DefaultStream(4);
    const b = new DefaultStream(4);
    const sample = compileSampler({ kind: 'exponential', mean: 1.7 });
    for (let i = 0; i < 1000; i++) expect(sample(a)).toBe(exponentialMean(b, 1.7));
  });

  it('rejects inconsistent parameters', () => {
    expect(() => compileSampler({ kind: 'normal', mean: 1, sd: 1, min: 3, max: 2 })).toThrow(RangeError);
    expect(() => compileSampler({ kind: 'triangular', min: 1, mode: 5, max: 3 })).toThrow(RangeError);
    expect(() => compileSampler({ kind: 'empirical', values: [1, 2], weights: [1] })).toThrow(RangeError);
    expect(() => compileSampler({ kind: 'empirical', values: [1], weights: [0] })).toThrow(RangeError);
  });
});
