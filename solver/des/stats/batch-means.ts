// Non-overlapping batch means: a confidence interval for the steady-state mean from ONE long run, whose
// observations are autocorrelated (so the plain sd/√n would be far too narrow).
//
// Procedure of the reference models (SPEC §1.2, golden `mean_wait_batch`): the caller deletes the warm-up
// (first N/10 observations, e.g. `batchMeans(waits.subarray(n / 10))`); this function cuts the rest into
// `batches` consecutive batches of floor(n / batches) values and returns the mean of the batch means with a
// t(batches − 1) half-width. The SPEC's t(19) = 2.093 is a rounded figure; the exact quantile is used here.
//
// Leftovers: the last n mod batches values are dropped (reported in `dropped`), so each batch is equally
// long and the batch means are equally weighted. The returned mean is then the mean of the first
// batches × batchSize values, which differs from the plain mean of all values when there are leftovers.
// The reference run (N = 1e5: 90 000 values, 20 batches of 4 500) has none, so there the two agree.

import { tQuantile } from './student-t.js';

export interface BatchMeansResult {
  /** Mean of the batch means. */
  mean: number;
  /** Half-width of the two-sided interval at the requested level; NaN if the batch means are not finite. */
  halfWidth: number;
  batches: number;
  batchSize: number;
  /** Values left out at the end (n mod batches). */
  dropped: number;
}

export function batchMeans(values: ArrayLike<number>, batches = 20, level = 0.95): BatchMeansResult {
  if (!Number.isInteger(batches) || batches < 2) {
    throw new RangeError(`batches must be an integer ≥ 2, got ${batches}`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const batchSize = Math.floor(values.length / batches);
  if (batchSize < 1) throw new RangeError(`${batches} batches need at least ${batches} values`);

  const means = new Float64Array(batches);
  let total = 0;
  for (let k = 0; k < batches; k++) {
    let sum = 0;
    const first = k * batchSize;
    for (let i = first; i < first + batchSize; i++) sum += values[i]!;
    means[k] = sum / batchSize;
    total += means[k]!;
  }
  const mean = total / batches;
  // Two passes over the few batch means: exact enough and obviously the textbook formula.
  let squares = 0;
  for (let k = 0; k < batches; k++) squares += (means[k]! - mean) ** 2;
  const sd = Math.sqrt(squares / (batches - 1));
  const halfWidth = (tQuantile(1 - (1 - level) / 2, batches - 1) * sd) / Math.sqrt(batches);
  return { mean, halfWidth, batches, batchSize, dropped: values.length - batches * batchSize };
}
