// Confidence intervals across independent replications (one value per run), and comparisons of two
// scenarios. Replications are independent, so the classic t interval applies (unlike one long run: see
// batch-means.ts).

import { tQuantile } from './student-t.js';

export interface ReplicationSummary {
  n: number;
  mean: number;
  /** Sample standard deviation (divisor n − 1); NaN when n = 1. */
  sd: number;
  /** t(n − 1) half-width; NaN when n = 1 (no spread to estimate: callers show "n/a"). */
  halfWidth: number;
  low: number;
  high: number;
}

export interface Comparison {
  /** mean(a) − mean(b). */
  meanDiff: number;
  /** NaN when the spread cannot be estimated (one pair, or fewer than two values on a side for Welch). */
  halfWidth: number;
  low: number;
  high: number;
  /** Paired differences (common random numbers) or Welch's unequal-variance interval. */
  paired: boolean;
  /**
   * Degrees of freedom of the t quantile: n − 1 paired, Welch–Satterthwaite otherwise (fractional; NaN when
   * neither sample varies, where the half-width is 0).
   */
  df: number;
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
}

/** Two-sided t quantile; a zero standard error needs none (and Welch's df is 0/0 then). */
function halfWidthOf(se: number, df: number, level: number): number {
  if (Number.isNaN(se)) return NaN;
  return se === 0 ? 0 : tQuantile(1 - (1 - level) / 2, df) * se;
}

function meanAndVariance(values: ArrayLike<number>): { mean: number; variance: number } {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i]! - mean) ** 2;
  return { mean, variance: n > 1 ? squares / (n - 1) : NaN };
}

/** Mean of one value per replication with its t(n − 1) interval at `level`. */
export function summarizeReplications(values: ArrayLike<number>, level = 0.95): ReplicationSummary {
  checkLevel(level);
  const n = values.length;
  if (n === 0) throw new RangeError('no replications to summarize');
  const { mean, variance } = meanAndVariance(values);
  const sd = Math.sqrt(variance);
  const halfWidth = halfWidthOf(sd / Math.sqrt(n), n - 1, level);
  return { n, mean, sd, halfWidth, low: mean - halfWidth, high: mean + halfWidth };
}

/**
 * Interval for mean(a) − mean(b). Paired (the default when the lengths match) means replication r of A and
 * of B ran with the same seeds (common random numbers): the interval is built on the differences a[r] − b[r],
 * whose variance is small when the runs are positively correlated. Otherwise Welch's interval with the
 * Welch–Satterthwaite df. Pass `paired = false` for equal-sized samples that do not share seeds.
 */
export function compareReplications(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  level = 0.95,
  paired: boolean = a.length === b.length,
): Comparison {
  checkLevel(level);
  if (a.length === 0 || b.length === 0) throw new RangeError('both samples need at least one replication');
  if (paired) {
    if (a.length !== b.length)
      throw new RangeError(`pairing needs equal lengths, got ${a.length} and ${b.length}`);
    const diff = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) diff[i] = a[i]! - b[i]!;
    const s = summarizeReplications(diff, level);
    return { meanDiff: s.mean, halfWidth: s.halfWidth, low: s.low, high: s.high, paired: true, df: s.n - 1 };
  }
  const na = a.length;
  const nb = b.length;
  const sa = meanAndVariance(a);
  const sb = meanAndVariance(b);
  const va = sa.variance / na; // squared standard errors
  const vb = sb.variance / nb;
  const df = (va + vb) ** 2 / ((va * va) / (na - 1) + (vb * vb) / (nb - 1));
  const meanDiff = sa.mean - sb.mean;
  const halfWidth = halfWidthOf(Math.sqrt(va + vb), df, level);
  return { meanDiff, halfWidth, low: meanDiff - halfWidth, high: meanDiff + halfWidth, paired: false, df };
}
