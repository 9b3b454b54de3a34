import type { Distribution } from './schema/distribution.js';

// Moments of the time distributions, for load estimates and reports (not for sampling: that is the DES's job).

/** Error function, Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), enough for planning figures. */
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign * (1 - poly * Math.exp(-x * x));
}
const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
const Phi = (z: number) => 0.5 * (1 + erf(z / Math.SQRT2));

/** Lanczos approximation of Γ(x) for x > 0. */
export function gammaFunction(x: number): number {
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gammaFunction(1 - x));
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let a = c[0]!;
  const t = z + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i]! / (z + i);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * a;
}

function truncatedNormalMean(mean: number, sd: number, lo: number, hi: number): number {
  if (sd === 0) return Math.min(Math.max(mean, lo), hi);
  const a = (lo - mean) / sd;
  const b = (hi - mean) / sd;
  const mass = Phi(b) - Phi(a);
  if (mass < 1e-12) return Math.abs(a) < Math.abs(b) ? lo : hi;
  return mean + (sd * (phi(a) - phi(b))) / mass;
}

function truncatedLognormalMean(mean: number, sd: number, lo: number, hi: number): number {
  if (sd === 0) return Math.min(Math.max(mean, lo), hi);
  const s2 = Math.log(1 + (sd * sd) / (mean * mean));
  const s = Math.sqrt(s2);
  const mu = Math.log(mean) - s2 / 2;
  const z = (x: number) => (x <= 0 ? -Infinity : (Math.log(x) - mu) / s);
  const cdf = (v: number) => (v === -Infinity ? 0 : v === Infinity ? 1 : Phi(v));
  const mass = cdf(z(hi)) - cdf(z(lo));
  if (mass < 1e-12) return lo > mean ? lo : hi;
  const partial = cdf(z(hi) - s) - cdf(z(lo) - s);
  return (Math.exp(mu + s2 / 2) * partial) / mass;
}

/** Mean of the (truncated) distribution, in its own unit (seconds for times). */
export function distributionMean(d: Distribution): number {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'triangular':
      return (d.min + d.mode + d.max) / 3;
    case 'normal':
      return truncatedNormalMean(d.mean, d.sd, d.min ?? 0, d.max ?? Infinity);
    case 'lognormal':
      return truncatedLognormalMean(d.mean, d.sd, d.min ?? 0, d.max ?? Infinity);
    case 'exponential':
      return clampMean(d.mean, d.min, d.max);
    case 'weibull':
      return clampMean(d.scale * gammaFunction(1 + 1 / d.shape), d.min, d.max);
    case 'gamma':
      return clampMean(d.shape * d.scale, d.min, d.max);
    case 'empirical': {
      const weights = d.weights ?? d.values.map(() => 1);
      const total = weights.reduce((s, w) => s + w, 0);
      return d.values.reduce((s, v, i) => s + v * weights[i]!, 0) / total;
    }
  }
}

/** Families without a closed-form truncated mean: clamp the untruncated mean (a planning estimate). */
function clampMean(mean: number, min: number | undefined, max: number | undefined): number {
  return Math.min(Math.max(mean, min ?? 0), max ?? Infinity);
}

/** The smallest and largest values a draw can take. */
export function distributionRange(d: Distribution): { min: number; max: number } {
  switch (d.kind) {
    case 'fixed':
      return { min: d.value, max: d.value };
    case 'uniform':
    case 'triangular':
      return { min: d.min, max: d.max };
    case 'empirical':
      return { min: Math.min(...d.values), max: Math.max(...d.values) };
    default:
      return { min: d.min ?? 0, max: d.max ?? Infinity };
  }
}
