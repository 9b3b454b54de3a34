import { describe, expect, it } from 'vitest';
import { DefaultStream, xoshiroState } from './default-stream.js';

const MASK = (1n << 64n) - 1n;
const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (64n - k))) & MASK;

/** Straight 64-bit xoshiro256** in BigInt, as in the reference C code. */
function reference(state: bigint[]): () => number {
  const s = [...state] as [bigint, bigint, bigint, bigint];
  return () => {
    const r = (rotl((s[1] * 5n) & MASK, 7n) * 9n) & MASK;
    const t = (s[1] << 17n) & MASK;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45n);
    return Number(r >> 11n) * 2 ** -53;
  };
}

describe('DefaultStream (xoshiro256**)', () => {
  it('reproduces the reference vector of xoshiro256** from state 1, 2, 3, 4', () => {
    const next = reference([1n, 2n, 3n, 4n]);
    expect([next(), next()]).toEqual([Number(11520n >> 11n) * 2 ** -53, 0]);
  });

  it.each([
    [0, 0],
    [42, 0],
    [42, 1],
    [-1, 0],
    [2 ** 53 - 1, 123456789],
  ])('agrees with a BigInt reference for 10 000 draws (seed %d, stream %d)', (seed, index) => {
    const s = new DefaultStream(seed, index);
    const next = reference(xoshiroState(seed, index));
    for (let i = 0; i < 10_000; i++) expect(s.random()).toBe(next());
  });

  // Computed by an independent Python implementation; changing them changes every simulation result.
  it.each([
    [42, 0, [0.08386297105988216, 0.3789802506626686, 0.6800434110281394]],
    [42, 1, [0.12487061491907958, 0.2948059921612778, 0.5655895820032718]],
    [0, 0, [0.6012629994179048, 0.7477740925472398, 0.10301998939503632]],
    [-1, 0, [0.5598927040505212, 0.7674350796247662, 0.5072966666942884]],
  ])('is frozen: seed %d stream %d starts with the recorded values', (seed, index, expected) => {
    const s = new DefaultStream(seed, index);
    expect([s.random(), s.random(), s.random()]).toEqual(expected);
  });

  it('is deterministic per seed, and seeds and stream indices give different sequences', () => {
    const draw = (s: DefaultStream) => Array.from({ length: 100 }, () => s.random());
    expect(draw(new DefaultStream(7))).toEqual(draw(new DefaultStream(7)));
    expect(draw(new DefaultStream(7))).not.toEqual(draw(new DefaultStream(8)));
    expect(draw(new DefaultStream(7, 0))).not.toEqual(draw(new DefaultStream(7, 1)));
  });

  it('gives uniforms in [0, 1) with the right mean, variance and no lag-1 correlation', () => {
    const s = new DefaultStream(2024);
    const n = 1e5;
    let sum = 0;
    let sq = 0;
    let lag = 0;
    let prev = 0.5;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = s.random();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sq += (u - 0.5) ** 2;
      lag += (u - 0.5) * (prev - 0.5);
      prev = u;
    }
    expect(outside).toBe(0);
    // Standard errors: mean sqrt(1/12/n); variance sqrt((1/80 − 1/144)/n); lag-1 product (1/12)/sqrt(n).
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sq / n - 1 / 12)).toBeLessThan(4 * Math.sqrt((1 / 80 - 1 / 144) / n));
    expect(Math.abs(lag / n)).toBeLessThan((4 * (1 / 12)) / Math.sqrt(n));
  });

  it('rejects seeds that are not safe integers', () => {
    expect(() => new DefaultStream(0.5)).toThrow(RangeError);
    expect(() => new DefaultStream(1, Number.NaN)).toThrow(RangeError);
  });
});
