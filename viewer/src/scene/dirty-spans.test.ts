import { describe, expect, it } from 'vitest';
import { DirtySpans, type RangeTarget } from './dirty-spans.js';

function target(): RangeTarget & { ranges: [number, number][] } {
  const ranges: [number, number][] = [];
  return {
    ranges,
    needsUpdate: false,
    addUpdateRange: (start, count) => void ranges.push([start, count]),
    clearUpdateRanges: () => void (ranges.length = 0),
  };
}

describe('dirty spans', () => {
  it('merges near slots and keeps far ones apart, in floats of the attribute', () => {
    const d = new DirtySpans();
    for (const s of [3, 4, 10, 500, 501]) d.add(s);
    expect(d.count).toBe(2);
    expect(d.span(0)).toEqual([3, 11]);
    const t = target();
    d.applyTo(t, 16);
    expect(t.needsUpdate).toBe(true);
    expect(t.ranges).toEqual([
      [48, 128],
      [8000, 32],
    ]);
  });

  it('sends the whole buffer when the slots are scattered, and nothing when none was written', () => {
    const d = new DirtySpans();
    const t = target();
    d.applyTo(t, 3);
    expect(t.needsUpdate).toBe(false);
    for (let s = 0; s < 10_000; s += 100) d.add(s);
    expect(d.whole).toBe(true);
    expect(d.slots).toBe(100);
    d.applyTo(t, 3);
    expect(t.needsUpdate).toBe(true);
    expect(t.ranges).toEqual([]);
    d.reset();
    d.add(7);
    expect(d.whole).toBe(false);
    expect(d.span(0)).toEqual([7, 8]);
  });
});
