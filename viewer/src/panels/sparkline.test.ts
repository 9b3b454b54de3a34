import { describe, expect, it } from 'vitest';
import { downsample, sparklinePoints } from './sparkline.js';

const parse = (points: string): [number, number][] =>
  points
    .split(' ')
    .filter(Boolean)
    .map((p) => p.split(',').map(Number) as [number, number]);

describe('sparklinePoints', () => {
  const box = { width: 100, height: 20, pad: 0 };

  it('spreads points evenly across the width, larger values higher up', () => {
    const pts = parse(sparklinePoints([0, 5, 10], box));
    expect(pts).toEqual([
      [0, 20],
      [50, 10],
      [100, 0],
    ]);
  });

  it('places points by their x (time) when xs are given', () => {
    const pts = parse(sparklinePoints([1, 2, 3], box, [1000, 1100, 2000]));
    expect(pts.map((p) => p[0])).toEqual([0, 10, 100]);
  });

  it('honours a fixed range and clamps values outside it', () => {
    const pts = parse(sparklinePoints([0.5, 2], { ...box, min: 0, max: 1 }));
    expect(pts[0]![1]).toBe(10);
    expect(pts[1]![1]).toBe(0);
  });

  it('keeps the padding inside the box', () => {
    const pts = parse(sparklinePoints([3, 9, 1, 7], { width: 60, height: 16, pad: 2 }));
    for (const [x, y] of pts) {
      expect(x).toBeGreaterThanOrEqual(2);
      expect(x).toBeLessThanOrEqual(58);
      expect(y).toBeGreaterThanOrEqual(2);
      expect(y).toBeLessThanOrEqual(14);
    }
  });

  it('skips values that are not finite and draws nothing for an empty series', () => {
    expect(sparklinePoints([], box)).toBe('');
    expect(sparklinePoints([NaN, Infinity], box)).toBe('');
    expect(parse(sparklinePoints([1, NaN, 3], box))).toHaveLength(2);
  });

  it('draws one point as a flat line and a constant series in the middle', () => {
    expect(parse(sparklinePoints([NaN, 4], box))).toEqual([
      [0, 10],
      [100, 10],
    ]);
    expect(parse(sparklinePoints([2, 2, 2], box)).map((p) => p[1])).toEqual([10, 10, 10]);
  });
});

describe('downsample', () => {
  it('keeps short series as they are', () => {
    expect(downsample([1, 2, 3], 5)).toEqual([1, 2, 3]);
  });

  it('keeps at most max points, the first and the last among them', () => {
    const items = Array.from({ length: 1001 }, (_, i) => i);
    const out = downsample(items, 50);
    expect(out).toHaveLength(50);
    expect(out[0]).toBe(0);
    expect(out[49]).toBe(1000);
    for (let i = 1; i < out.length; i++) expect(out[i]!).toBeGreaterThan(out[i - 1]!);
  });

  it('keeps the latest point when only one is allowed', () => {
    expect(downsample([1, 2, 3], 1)).toEqual([3]);
  });
});
