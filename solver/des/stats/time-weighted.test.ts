import { describe, expect, it } from 'vitest';
import { TimeWeighted } from './time-weighted.js';

/**
 * Hand-drawn step function:
 *   level 0 on [0, 1), 2 on [1, 3), 5 on [3, 4), 1 on [4, ...)
 * Area over [0, 6] = 0·1 + 2·2 + 5·1 + 1·2 = 11.
 */
function steps(warmup?: number): TimeWeighted {
  const tw = warmup === undefined ? new TimeWeighted() : new TimeWeighted({ warmup });
  tw.update(1, 2);
  tw.update(3, 5);
  tw.update(4, 1);
  return tw;
}

describe('TimeWeighted', () => {
  it('integrates a step function exactly', () => {
    const tw = steps();
    expect(tw.start).toBe(0);
    expect(tw.integral(6)).toBe(11);
    expect(tw.mean(6)).toBe(11 / 6);
    expect(tw.min(6)).toBe(0);
    expect(tw.max(6)).toBe(5);
    expect(tw.value).toBe(1);
    // The current level counts up to any later tEnd without an update.
    expect(tw.integral(4)).toBe(9);
    expect(tw.integral(10)).toBe(15);
  });

  it('reads statistics between updates', () => {
    const tw = new TimeWeighted({ start: 0, initial: 3 });
    expect(tw.integral(0)).toBe(0);
    expect(tw.mean(0)).toBeNaN();
    expect(tw.mean(2)).toBe(3);
    tw.update(2, 1);
    expect(tw.integral(2.5)).toBe(6.5);
    expect(tw.mean(2.5)).toBe(2.6);
  });

  it('carries the level set before the warm-up to the warm-up instant, without counting before it', () => {
    // Warm-up 2 falls inside the level-2 step: [2, 3) at 2, [3, 4) at 5, [4, 6] at 1 = 2 + 5 + 2 = 9 over 4.
    const tw = steps(2);
    expect(tw.start).toBe(2);
    expect(tw.integral(6)).toBe(9);
    expect(tw.mean(6)).toBe(9 / 4);
    expect(tw.min(6)).toBe(1); // the 0 held on [0, 1) lies before the window
    expect(tw.max(6)).toBe(5);

    // Warm-up 3.5, inside the level-5 step: 5·0.5 + 1·2 = 4.5 over 2.5.
    const late = steps(3.5);
    expect(late.integral(6)).toBe(4.5);
    expect(late.mean(6)).toBe(1.8);
    expect(late.min(6)).toBe(1);
    expect(late.max(6)).toBe(5);

    // Warm-up after the last update: only the carried level 1 is seen.
    const after = steps(5);
    expect(after.mean(6)).toBe(1);
    expect(after.max(6)).toBe(1);

    // A window that has not started yet is empty.
    const empty = steps(10);
    expect(empty.integral(6)).toBe(0);
    expect(empty.mean(6)).toBeNaN();
    expect(empty.min(6)).toBeNaN();
    expect(empty.max(6)).toBeNaN();
  });

  it('gives utilization as busy time inside [W, H] / (H − W)', () => {
    // Busy on [2, 5) and [7, 12); W = 4, H = 10: busy 1 (4..5) + 3 (7..10) = 4 of 6.
    const busy = new TimeWeighted({ warmup: 4 });
    busy.update(2, 1);
    busy.update(5, 0);
    busy.update(7, 1);
    expect(busy.mean(10)).toBe(4 / 6);
  });

  it('ignores a level replaced at the same instant (it was never held)', () => {
    // Release and seize at t = 5: busy goes 1 → 0 → 1 at one instant and stays 1.
    const tw = new TimeWeighted({ initial: 1 });
    tw.update(5, 0);
    tw.update(5, 1);
    expect(tw.mean(10)).toBe(1);
    expect(tw.min(10)).toBe(1);
    // A level set at tEnd itself is not held inside [start, tEnd] either.
    tw.update(10, 7);
    expect(tw.max(10)).toBe(1);
    expect(tw.max(11)).toBe(7);
  });

  it('reset starts a new window, keeping the current level unless told otherwise', () => {
    const tw = steps();
    tw.reset(5); // level 1 from 5 on
    expect(tw.start).toBe(5);
    expect(tw.integral(7)).toBe(2);
    expect(tw.min(7)).toBe(1);

    // A new replication: back to time 0 and level 0; the warm-up still applies.
    const rep = steps(2);
    rep.reset(0, 0);
    expect(rep.start).toBe(2);
    rep.update(1, 4);
    expect(rep.integral(3)).toBe(4);
    expect(rep.min(3)).toBe(4);
  });

  it('rejects time going backwards, reads before the last update and non-finite levels', () => {
    const tw = steps();
    expect(() => tw.update(3.9, 0)).toThrow(RangeError);
    expect(() => tw.mean(3)).toThrow(RangeError);
    expect(() => tw.update(5, Number.NaN)).toThrow(RangeError);
    expect(() => tw.update(Number.NaN, 1)).toThrow(RangeError);
    expect(tw.integral(6)).toBe(11); // failed calls changed nothing
  });
});
