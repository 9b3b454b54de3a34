import { describe, expect, it } from 'vitest';
import { normalCdf, normalInv, normalSf } from './normal.js';

describe('normalInv (AS241)', () => {
  // CPython 3.11 statistics.NormalDist().inv_cdf, the same algorithm.
  it.each([
    [1e-300, -37.0470962993612],
    [1e-20, -9.262340089798405],
    [1e-10, -6.361340902404056],
    [0.001, -3.090232306167813],
    [0.025, -1.9599639845400538],
    [0.3, -0.5244005127080407],
    [0.5, 0],
    [0.7, 0.5244005127080407],
    [0.975, 1.9599639845400536],
    [0.999999, 4.753424308817089],
    [1 - 2 ** -53, 8.209536151601386],
  ])('Φ⁻¹(%d) = %d', (p, z) => {
    expect(normalInv(p)).toBe(z);
  });

  it('maps the ends to ∓∞', () => {
    expect(normalInv(0)).toBe(-Infinity);
    expect(normalInv(1)).toBe(Infinity);
  });
});

describe('normalCdf', () => {
  // 0.5 · erfc(−z/√2) from CPython's math.erfc.
  it.each([
    [-30, 4.906713927148764e-198],
    [-8, 6.220960574271819e-16],
    [-5, 2.866515718791946e-7],
    [-1.5, 0.06680720126885809],
    [-0.5, 0.3085375387259869],
    [0, 0.5],
    [0.5, 0.6914624612740131],
    [1.96, 0.9750021048517795],
  ])('Φ(%d) ≈ %d to 1e-8 relative', (z, p) => {
    expect(Math.abs(normalCdf(z) - p) / p).toBeLessThan(1e-8);
  });

  it('keeps the upper tail precise and inverts Φ⁻¹', () => {
    expect(Math.abs(normalSf(6) - 9.865876450377e-10) / 9.865876450377e-10).toBeLessThan(1e-8);
    expect(normalCdf(-40)).toBe(0);
    for (const p of [1e-12, 1e-6, 0.01, 0.2, 0.5, 0.8, 0.99]) {
      expect(Math.abs(normalCdf(normalInv(p)) - p) / p).toBeLessThan(1e-8);
    }
  });
});
