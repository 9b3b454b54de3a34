import { normalInv } from '../random/normal.js';
import type { RandomStream } from '../random/stream.js';

/**
 * A binomial(n, p) count from one uniform u, by inverting the CDF (exact; about n·p + 1 steps), or by the
 * normal approximation when n·p·(1 − p) > 100, where inversion would take long. One uniform per draw and
 * monotone in u, like every variate here, so common random numbers stay aligned.
 */
export function binomialFromUniform(u: number, n: number, p: number): number {
  if (!(p > 0) || n <= 0) return 0;
  if (p >= 1) return n;
  // Keep p ≤ 1/2 so (1 − p)^n cannot underflow in the range where inversion is used.
  if (p > 0.5) return n - binomialFromUniform(1 - u, n, 1 - p);
  const variance = n * p * (1 - p);
  if (variance > 100) {
    const x = Math.round(
      n * p + Math.sqrt(variance) * normalInv(Math.min(Math.max(u, 1e-300), 1 - 2 ** -53)),
    );
    return Math.min(n, Math.max(0, x));
  }
  const odds = p / (1 - p);
  let pk = Math.pow(1 - p, n);
  let cdf = pk;
  let k = 0;
  while (u >= cdf && k < n) {
    pk *= ((n - k) / (k + 1)) * odds;
    k++;
    cdf += pk;
  }
  return k;
}

export interface QualityDraw {
  scrapped: number;
  reworked: number;
}

/**
 * Scrap and rework at an operation: scrapped ~ binomial(units, scrapRate), then reworked ~ binomial(the rest,
 * reworkRate). Always two uniforms from the stream, drawn or not, so later draws stay aligned.
 */
export function drawQuality(
  stream: RandomStream,
  units: number,
  scrapRate: number,
  reworkRate: number,
): QualityDraw {
  const u1 = stream.random();
  const u2 = stream.random();
  const scrapped = binomialFromUniform(u1, units, scrapRate);
  return { scrapped, reworked: binomialFromUniform(u2, units - scrapped, reworkRate) };
}
