/**
 * The p-quantile of an ascending sample by linear interpolation between order statistics (Hyndman & Fan
 * type 7, the default of R and NumPy): h = (n − 1)·p, between sorted[⌊h⌋] and sorted[⌈h⌉].
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('no values to take a quantile of');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo]!;
  return a + (h - lo) * (sorted[hi]! - a);
}

/** Mean, the 50/90/95 % quantiles, min and max of a sample (sorted in place: pass a scratch array). */
export interface SampleSummary {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  min: number;
  max: number;
}

export function summarizeSample(values: Float64Array): SampleSummary {
  values.sort();
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return {
    mean: sum / values.length,
    p50: quantileSorted(values, 0.5),
    p90: quantileSorted(values, 0.9),
    p95: quantileSorted(values, 0.95),
    min: values[0]!,
    max: values[values.length - 1]!,
  };
}
