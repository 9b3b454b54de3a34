import { describe, expect, it } from 'vitest';
import { batchMeans } from './batch-means.js';
import { tQuantile } from './student-t.js';

/** The textbook half-width from a list of batch means: t(k − 1) · s / √k. */
function plainHalfWidth(means: number[], level: number): number {
  const k = means.length;
  const mean = means.reduce((s, x) => s + x, 0) / k;
  const s2 = means.reduce((s, x) => s + (x - mean) ** 2, 0) / (k - 1);
  return tQuantile(1 - (1 - level) / 2, k - 1) * Math.sqrt(s2 / k);
}

const range = (n: number) => Float64Array.from({ length: n }, (_, i) => i);

describe('batchMeans', () => {
  it('splits 0..399 into 20 batches of 20 with means 9.5, 29.5, ..., 389.5', () => {
    const r = batchMeans(range(400));
    const means = Array.from({ length: 20 }, (_, k) => 20 * k + 9.5);
    expect(r).toMatchObject({ mean: 199.5, batches: 20, batchSize: 20, dropped: 0 });
    expect(r.halfWidth).toBeCloseTo(plainHalfWidth(means, 0.95), 12);
    // By hand: the batch means are 20·(0..19) + 9.5, sample variance 400 · 35 = 14 000, so
    // halfWidth = t(0.975, 19) · √(14 000 / 20) = 2.093024054408309 · √700.
    expect(r.halfWidth).toBeCloseTo(2.093024054408309 * Math.sqrt(700), 12);
  });

  it('drops the leftover values at the end, so its mean is the mean of the batch means', () => {
    // 410 values: 20 batches of 20 from 0..399; 400..409 are left out.
    const values = range(410);
    const r = batchMeans(values);
    expect(r).toMatchObject({ mean: 199.5, batchSize: 20, dropped: 10 });
    const plainMean = values.reduce((s, x) => s + x, 0) / values.length;
    expect(plainMean).toBe(204.5); // differs from the batch mean
    expect(r.halfWidth).toBeCloseTo(batchMeans(range(400)).halfWidth, 12);
  });

  it('reproduces the SPEC §1.2 procedure: drop the first N/10, then 20 equal batches', () => {
    const n = 1000;
    const waits = Float64Array.from({ length: n }, (_, i) => ((i * 37) % 101) + (i < 100 ? 1000 : 0));
    const r = batchMeans(waits.subarray(n / 10));
    expect(r).toMatchObject({ batches: 20, batchSize: 45, dropped: 0 });
    const kept = Array.from(waits.subarray(100));
    const means = Array.from(
      { length: 20 },
      (_, k) => kept.slice(45 * k, 45 * k + 45).reduce((s, x) => s + x, 0) / 45,
    );
    // With no leftovers the mean of the batch means is the plain mean of the kept values.
    expect(r.mean).toBeCloseTo(kept.reduce((s, x) => s + x, 0) / kept.length, 12);
    expect(r.halfWidth).toBeCloseTo(plainHalfWidth(means, 0.95), 12);
  });

  it('takes the batch count and level from its arguments', () => {
    const values = Array.from({ length: 103 }, (_, i) => Math.sin(i));
    const r = batchMeans(values, 10, 0.9);
    expect(r).toMatchObject({ batches: 10, batchSize: 10, dropped: 3 });
    const means = Array.from(
      { length: 10 },
      (_, k) => values.slice(10 * k, 10 * k + 10).reduce((s, x) => s + x, 0) / 10,
    );
    expect(r.halfWidth).toBeCloseTo(plainHalfWidth(means, 0.9), 12);
  });

  it('gives a zero half-width for a constant sequence', () => {
    expect(batchMeans(new Array<number>(40).fill(3))).toEqual({
      mean: 3,
      halfWidth: 0,
      batches: 20,
      batchSize: 2,
      dropped: 0,
    });
  });

  it('rejects too few values, fewer than two batches and levels outside (0, 1)', () => {
    expect(() => batchMeans(range(19))).toThrow(RangeError);
    expect(() => batchMeans(range(100), 1)).toThrow(RangeError);
    expect(() => batchMeans(range(100), 2.5)).toThrow(RangeError);
    expect(() => batchMeans(range(100), 20, 1)).toThrow(RangeError);
  });
});
