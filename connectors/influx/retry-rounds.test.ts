import { describe, expect, it } from 'vitest';
import { RetryRounds } from './retry-rounds.js';

describe('RetryRounds', () => {
  it('steps once per round, whatever number of requests of that round fail', () => {
    const rounds = new RetryRounds({ minDelayMs: 100, maxDelayMs: 1_000, factor: 3 });
    const sent = rounds.current;
    // Three requests of the same round fail: one wait.
    expect([0, 1, 2].map(() => rounds.delayAfter(sent, 0, 0.5))).toEqual([100, undefined, undefined]);
    expect(rounds.delayAfter(rounds.current, 0, 0.5)).toBe(300);
    expect(rounds.delayAfter(rounds.current, 0, 0.5)).toBe(900);
    expect(rounds.delayAfter(rounds.current, 0, 0.5)).toBe(1_000); // capped
    rounds.reset();
    expect(rounds.delayAfter(rounds.current, 0, 0.5)).toBe(100);
  });

  it('spreads a wait by ±20 % and never waits less than the server asked', () => {
    const rounds = new RetryRounds({ minDelayMs: 100, maxDelayMs: 1_000, factor: 2 });
    expect(rounds.delayAfter(rounds.current, 0, 0)).toBe(80);
    rounds.reset();
    expect(rounds.delayAfter(rounds.current, 0, 0.999_999)).toBeCloseTo(120, 3);
    rounds.reset();
    expect(rounds.delayAfter(rounds.current, 5_000, 0.5)).toBe(5_000);
  });
});
