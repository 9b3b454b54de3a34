import type { Distribution } from '../../../twin/schema/distribution.js';
import { normalCdf, normalInv, normalSf } from './normal.js';
import type { RandomStream } from './stream.js';

// Variates by inverse transform wherever the inverse CDF is cheap: one uniform per draw, and a larger uniform
// always gives a larger value. Both keep common random numbers effective when a scenario changes a parameter.
// Every kind consumes exactly one uniform per draw (fixed too, so a shared stream stays aligned when a fixed
// time becomes random), except gamma, which uses rejection (Marsaglia–Tsang) and so consumes a varying number.

export type Sampler = (s: RandomStream) => number;

/** Exponential by its mean: `-ln(1 - U) * mean` (SPEC §1.1: the exact form matters to the last bit). */
export function exponentialMean(s: RandomStream, mean: number): number {
  return -Math.log(1 - s.random()) * mean;
}

/** Exponential by its rate: `-ln(1 - U) / rate`. */
export function exponentialRate(s: RandomStream, rate: number): number {
  return -Math.log(1 - s.random()) / rate;
}

/** An integer in 0..n−1: `min(floor(U * n), n − 1)`. */
export function uniformInt(s: RandomStream, n: number): number {
  return Math.min(Math.floor(s.random() * n), n - 1);
}

/** One draw from `d`. Recompiles each call: hot loops should keep a `compileSampler(d)` instead. */
export function sampleDistribution(s: RandomStream, d: Distribution): number {
  return compileSampler(d)(s);
}

const BELOW_ONE = 1 - 2 ** -53;
const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);

/** A constant that still consumes its one uniform. */
function constant(value: number): Sampler {
  return (s) => {
    s.random();
    return value;
  };
}

/** Truncation bounds; unbounded families never go below 0 (processing times are never negative). */
function bounds(d: { min?: number | undefined; max?: number | undefined }): [number, number] {
  const lo = d.min ?? 0;
  const hi = d.max ?? Infinity;
  if (!(lo <= hi)) throw new RangeError(`truncation bounds are reversed: min ${lo} > max ${hi}`);
  return [lo, hi];
}

/** u ↦ z, the inverse CDF of the standard normal truncated to [a, b] (increasing in u). */
function truncatedNormalInverse(a: number, b: number): (u: number) => number {
  if (a > 0) {
    // All mass in the upper half: upper-tail probabilities keep their precision there.
    const qa = normalSf(a);
    const w = qa - normalSf(b);
    if (!(w > 0)) return () => a; // the mass is numerically nil: it piles up at the bound nearest the mean
    return (u) => clamp(-normalInv(qa - u * w), a, b);
  }
  const pa = normalCdf(a);
  const w = normalCdf(b) - pa;
  if (!(w > 0)) return () => b;
  // Rounding must not reach p = 1, where Φ⁻¹ is infinite.
  return (u) => clamp(normalInv(Math.min(pa + u * w, BELOW_ONE)), a, b);
}

function triangular(a: number, c: number, b: number): Sampler {
  if (!(a <= c && c <= b)) throw new RangeError(`triangular needs min ≤ mode ≤ max, got ${a}, ${c}, ${b}`);
  const width = b - a;
  if (width === 0) return constant(a);
  const fc = (c - a) / width;
  const left = width * (c - a);
  const right = width * (b - c);
  return (s) => {
    const u = s.random();
    return u < fc ? a + Math.sqrt(u * left) : b - Math.sqrt((1 - u) * right);
  };
}

function normal(mean: number, sd: number, lo: number, hi: number): Sampler {
  if (sd === 0) return constant(clamp(mean, lo, hi));
  const z = truncatedNormalInverse((lo - mean) / sd, (hi - mean) / sd);
  return (s) => clamp(mean + sd * z(s.random()), lo, hi);
}

/** Lognormal by the value's own mean and sd: σ² = ln(1 + sd²/mean²), μ = ln(mean) − σ²/2. */
function lognormal(mean: number, sd: number, lo: number, hi: number): Sampler {
  if (sd === 0) return constant(clamp(mean, lo, hi));
  const s2 = Math.log1p((sd / mean) * (sd / mean));
  const sigma = Math.sqrt(s2);
  const mu = Math.log(mean) - s2 / 2;
  const z = truncatedNormalInverse((Math.log(lo) - mu) / sigma, (Math.log(hi) - mu) / sigma);
  return (s) => clamp(Math.exp(mu + sigma * z(s.random())), lo, hi);
}

function exponential(mean: number, lo: number, hi: number): Sampler {
  if (lo === 0 && hi === Infinity) return (s) => -Math.log(1 - s.random()) * mean; // as exponentialMean
  // Memoryless: X − lo given X > lo is exponential again, truncated to hi − lo.
  const c = -Math.expm1(-(hi - lo) / mean);
  return (s) => clamp(lo - Math.log1p(-s.random() * c) * mean, lo, hi);
}

/** Through the cumulative hazard H(x) = (x/λ)^k: H(X) − H(lo) given X > lo is a unit exponential. */
function weibull(k: number, scale: number, lo: number, hi: number): Sampler {
  const invK = 1 / k;
  if (lo === 0 && hi === Infinity) return (s) => scale * Math.pow(-Math.log(1 - s.random()), invK);
  const hLo = Math.pow(lo / scale, k);
  const c = -Math.expm1(-(Math.pow(hi / scale, k) - hLo));
  return (s) => clamp(scale * Math.pow(hLo - Math.log1p(-s.random() * c), invK), lo, hi);
}

/**
 * Marsaglia & Tsang (2000), with the normal by inverse CDF; shape < 1 draws shape + 1 and scales by U^(1/shape).
 * No closed-form inverse CDF, so truncation clamps to [lo, hi] (mass beyond a bound lands on it).
 */
function gamma(shape: number, scale: number, lo: number, hi: number): Sampler {
  const boost = shape < 1;
  const d = (boost ? shape + 1 : shape) - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const invShape = 1 / shape;
  return (s) => {
    let g: number;
    for (;;) {
      const x = normalInv(s.random());
      let v = 1 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      const u = s.random();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
        g = d * v;
        break;
      }
    }
    if (boost) g *= Math.pow(s.random(), invShape);
    return clamp(g * scale, lo, hi);
  };
}

/** By cumulative weights: the first index whose cumulative weight exceeds U · total. */
function empirical(values: readonly number[], weights: readonly number[] | undefined): Sampler {
  const vals = Float64Array.from(values);
  const n = vals.length;
  if (n === 0) throw new RangeError('empirical needs at least one value');
  if (!weights) return (s) => vals[Math.min(Math.floor(s.random() * n), n - 1)]!;
  if (weights.length !== n) throw new RangeError(`empirical has ${n} values but ${weights.length} weights`);
  const cum = new Float64Array(n);
  let total = 0;
  let lastPositive = -1;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w >= 0 && w < Infinity)) throw new RangeError(`empirical weight ${w} is not a finite weight ≥ 0`);
    total += w;
    cum[i] = total;
    if (w > 0) lastPositive = i;
  }
  if (lastPositive < 0) throw new RangeError('empirical weights are all zero');
  const fallback = vals[lastPositive]!; // U · total rounded up to total
  return (s) => {
    const t = s.random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid]! > t) hi = mid;
      else lo = mid + 1;
    }
    return cum[lo]! > t ? vals[lo]! : fallback;
  };
}

/** A sampler for `d` with its constants (cumulative weights, μ and σ, tail masses) computed once. */
export function compileSampler(d: Distribution): Sampler {
  switch (d.kind) {
    case 'fixed':
      return constant(d.value);
    case 'uniform': {
      const { min, max } = d;
      return (s) => min + s.random() * (max - min);
    }
    case 'triangular':
      return triangular(d.min, d.mode, d.max);
    case 'normal':
      return normal(d.mean, d.sd, ...bounds(d));
    case 'lognormal':
      return lognormal(d.mean, d.sd, ...bounds(d));
    case 'exponential':
      return exponential(d.mean, ...bounds(d));
    case 'weibull':
      return weibull(d.shape, d.scale, ...bounds(d));
    case 'gamma':
      return gamma(d.shape, d.scale, ...bounds(d));
    case 'empirical':
      return empirical(d.values, d.weights);
  }
}
