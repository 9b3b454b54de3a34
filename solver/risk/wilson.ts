import { normalQuantile } from '../des/stats/student-t.js';

/** A proportion's confidence interval. */
export interface ProportionInterval {
  low: number;
  high: number;
  level: number;
  method: 'wilson';
}

/**
 * Wilson score interval for a binomial proportion of `successes` in `n` trials at `level` (two-sided).
 * Unlike the normal (Wald) interval it stays inside [0, 1] and is not empty at 0 or n successes: with 30
 * replications all on time it says the probability is at least about 0.89, not exactly 1.
 */
export function wilsonInterval(successes: number, n: number, level = 0.95): ProportionInterval {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer ≥ 1, got ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n)
    throw new RangeError(`successes must be an integer in [0, ${n}], got ${successes}`);
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  // The bounds at 0 and n successes are exactly 0 and 1; rounding must not move them off.
  const low = successes === 0 ? 0 : Math.max(0, centre - half);
  const high = successes === n ? 1 : Math.min(1, centre + half);
  return { low, high, level, method: 'wilson' };
}
