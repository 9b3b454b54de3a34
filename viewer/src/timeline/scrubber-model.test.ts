import { describe, expect, it } from 'vitest';
import {
  MAX_REPLAY_MS,
  NOW_FRACTION,
  SLIDER_STEPS,
  advance,
  fromSlider,
  modeAt,
  scrubRange,
  toSlider,
} from './scrubber-model.js';

const NOW = 100 * 3_600_000;

describe('scrubber model', () => {
  it('reaches back as far as the log covers, at most the maximum', () => {
    expect(scrubRange(NOW, undefined)).toEqual({ minMs: NOW - MAX_REPLAY_MS, nowMs: NOW, maxMs: NOW });
    expect(scrubRange(NOW, NOW - 3_600_000)).toEqual({ minMs: NOW - 3_600_000, nowMs: NOW, maxMs: NOW });
    expect(scrubRange(NOW, NOW - 100 * 3_600_000).minMs).toBe(NOW - MAX_REPLAY_MS);
    expect(scrubRange(NOW, NOW + 5).minMs).toBe(NOW);
  });

  it('reaches forward to the end of the plan', () => {
    expect(scrubRange(NOW, undefined, NOW + 7200_000).maxMs).toBe(NOW + 7200_000);
    expect(scrubRange(NOW, undefined, NOW - 1).maxMs).toBe(NOW);
  });

  it('tells past, now and future apart', () => {
    expect(modeAt(NOW - 1, NOW)).toBe('replay');
    expect(modeAt(NOW, NOW)).toBe('live');
    expect(modeAt(NOW + 1, NOW)).toBe('future');
    expect(modeAt(NOW + 500, NOW, 1000)).toBe('live');
  });

  it('advances by speed and stops at the range end', () => {
    const range = { minMs: 0, nowMs: 0, maxMs: 10_000 };
    expect(advance(1000, 100, 10, range)).toBe(2000);
    expect(advance(9000, 1000, 60, range)).toBe(10_000);
  });

  it('maps slider steps to times and back, now at a fixed place between a past and a future', () => {
    const range = { minMs: 1000, nowMs: 2000, maxMs: 42_000 };
    const nowStep = NOW_FRACTION * SLIDER_STEPS;
    expect(toSlider(2000, range)).toBe(nowStep);
    expect(fromSlider(nowStep, range)).toBe(2000);
    expect(toSlider(1000, range)).toBe(0);
    expect(toSlider(42_000, range)).toBe(SLIDER_STEPS);
    expect(toSlider(1500, range)).toBe(nowStep / 2);
    expect(fromSlider(nowStep / 2, range)).toBe(1500);
    expect(fromSlider(toSlider(22_000, range), range)).toBe(22_000);
    expect(toSlider(0, range)).toBe(0);
    expect(toSlider(99_000, range)).toBe(SLIDER_STEPS);
  });

  it('uses the whole slider for the past alone or the future alone', () => {
    const past = { minMs: 0, nowMs: 4000, maxMs: 4000 };
    expect(toSlider(4000, past)).toBe(SLIDER_STEPS);
    expect(fromSlider(SLIDER_STEPS / 2, past)).toBe(2000);
    const future = { minMs: 10, nowMs: 10, maxMs: 4010 };
    expect(toSlider(10, future)).toBe(0);
    expect(fromSlider(SLIDER_STEPS / 2, future)).toBe(2010);
    expect(toSlider(5, { minMs: 5, nowMs: 5, maxMs: 5 })).toBe(0);
  });
});
