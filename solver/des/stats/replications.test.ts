import { describe, expect, it } from 'vitest';
import { compareReplications, summarizeReplications } from './replications.js';

const T_975_4 = 2.7764451051977934; // t(0.975, 4)

describe('summarizeReplications', () => {
  it('gives the t(n − 1) interval of a hand-computed sample', () => {
    // mean 11; Σ(x − 11)² = 1 + 1 + 4 + 0 + 4 = 10, s² = 10/4 = 2.5, standard error √(2.5/5) = √0.5.
    const s = summarizeReplications([10, 12, 9, 11, 13]);
    expect(s.n).toBe(5);
    expect(s.mean).toBe(11);
    expect(s.sd).toBeCloseTo(Math.sqrt(2.5), 14);
    expect(s.halfWidth).toBeCloseTo(T_975_4 * Math.sqrt(0.5), 12);
    expect(s.low).toBeCloseTo(11 - T_975_4 * Math.sqrt(0.5), 12);
    expect(s.high).toBeCloseTo(11 + T_975_4 * Math.sqrt(0.5), 12);
  });

  it('uses the requested level', () => {
    const s = summarizeReplications([10, 12, 9, 11, 13], 0.99);
    expect(s.halfWidth).toBeCloseTo(4.604094871349993 * Math.sqrt(0.5), 12); // t(0.995, 4)
  });

  it('gives NaN spread for one replication (callers show "n/a") and refuses none', () => {
    const s = summarizeReplications([7]);
    expect(s.mean).toBe(7);
    for (const v of [s.sd, s.halfWidth, s.low, s.high]) expect(v).toBeNaN();
    expect(() => summarizeReplications([])).toThrow(RangeError);
    expect(() => summarizeReplications([1, 2], 0)).toThrow(RangeError);
  });
});

describe('compareReplications', () => {
  // Scenario B is scenario A minus 1..3 in every replication, while the replications themselves vary a lot:
  // the common random numbers make the runs move together.
  const a = [20, 35, 28, 41, 26];
  const b = [18, 34, 25, 40, 23];

  it('pairs equal-length samples (CRN): an interval on the differences 2, 1, 3, 1, 3', () => {
    // mean 2, s² = (0 + 1 + 1 + 1 + 1)/4 = 1, standard error 1/√5.
    const c = compareReplications(a, b);
    expect(c.paired).toBe(true);
    expect(c.df).toBe(4);
    expect(c.meanDiff).toBe(2);
    expect(c.halfWidth).toBeCloseTo(T_975_4 / Math.sqrt(5), 12);
    // scipy.stats.ttest_rel(a, b).confidence_interval(0.95)
    expect(c.low).toBeCloseTo(0.758336001796236, 12);
    expect(c.high).toBeCloseTo(3.241663998203764, 12);
  });

  it("falls back to Welch's interval, which pairing shrinks tenfold here", () => {
    // s²(a) = 266/4 = 66.5, s²(b) = 314/4 = 78.5; squared standard errors 13.3 and 15.7 (sum 29);
    // Welch–Satterthwaite df = 29² / (13.3²/4 + 15.7²/4).
    const w = compareReplications(a, b, 0.95, false);
    expect(w.paired).toBe(false);
    expect(w.meanDiff).toBe(2);
    expect(w.df).toBeCloseTo(29 ** 2 / ((13.3 ** 2 + 15.7 ** 2) / 4), 12);
    // scipy.stats.ttest_ind(a, b, equal_var=False).confidence_interval(0.95)
    expect(w.low).toBeCloseTo(-10.43303238021861, 10);
    expect(w.high).toBeCloseTo(14.43303238021861, 10);
    const p = compareReplications(a, b);
    expect(p.halfWidth).toBeLessThan(w.halfWidth / 10);
    expect(w.low < 0 && w.high > 0).toBe(true); // Welch cannot tell A from B; the paired interval can
    expect(p.low).toBeGreaterThan(0);
  });

  it('uses Welch for unequal lengths and refuses to pair them', () => {
    const w = compareReplications([1, 2, 3, 4], [2, 4, 6]);
    expect(w.paired).toBe(false);
    expect(w.meanDiff).toBe(-1.5);
    // s²: 5/3 and 4; squared standard errors 5/12 and 4/3.
    const va = 5 / 12;
    const vb = 4 / 3;
    expect(w.df).toBeCloseTo((va + vb) ** 2 / (va ** 2 / 3 + vb ** 2 / 2), 12);
    expect(() => compareReplications([1, 2, 3], [1, 2], 0.95, true)).toThrow(RangeError);
  });

  it('gives NaN half-widths where the spread cannot be estimated, 0 where there is none', () => {
    expect(compareReplications([1], [2]).halfWidth).toBeNaN();
    expect(compareReplications([1], [2, 3], 0.95).halfWidth).toBeNaN();
    const same = compareReplications([5, 6, 7], [4, 5, 6]);
    expect([same.meanDiff, same.halfWidth, same.low, same.high]).toEqual([1, 0, 1, 1]);
    const flat = compareReplications([5, 5], [4, 4, 4]);
    expect([flat.meanDiff, flat.halfWidth]).toEqual([1, 0]);
    expect(() => compareReplications([], [1])).toThrow(RangeError);
  });
});
