import { describe, expect, it } from 'vitest';
import { ATC_K, dispatchOrder, priorityKey, selectNext, type DispatchItem } from './dispatch.js';

// A hand-made queue at now = 100 (times in seconds).
const queue: DispatchItem[] = [
  { arrival: 0, processingS: 50, dueS: 400, remainingS: 200, weight: 1 }, // A
  { arrival: 10, processingS: 20, dueS: 300, remainingS: 250, weight: 1 }, // B
  { arrival: 20, processingS: 80, dueS: 1000, remainingS: 80, weight: 1 }, // C
  { arrival: 30, processingS: 30, dueS: Infinity, remainingS: 30, weight: 1 }, // D: no due date
  { arrival: 40, processingS: 20, dueS: 250, remainingS: 20, weight: 3 }, // E
];
const NOW = 100;
const names = (order: number[]) => order.map((i) => 'ABCDE'[i]).join('');

describe('dispatching rules', () => {
  it('FIFO takes the queue in arrival order', () => {
    expect(names(dispatchOrder('fifo', queue, NOW))).toBe('ABCDE');
  });

  it('SPT takes the shortest first; equal times go by arrival (B before E)', () => {
    expect(names(dispatchOrder('spt', queue, NOW))).toBe('BEDAC');
  });

  it('EDD takes the earliest due date first; no due date goes last', () => {
    expect(names(dispatchOrder('edd', queue, NOW))).toBe('EBACD');
  });

  it('CR takes the smallest (due − now) / remaining work first', () => {
    // A 300/200 = 1.5, B 200/250 = 0.8, C 900/80 = 11.25, D ∞, E 150/20 = 7.5.
    expect(priorityKey('cr', queue[1]!, NOW, 0)).toBeCloseTo(0.8, 12);
    expect(names(dispatchOrder('cr', queue, NOW))).toBe('BAECD');
  });

  it('ATC (k = 2) weighs urgency against processing time, p̄ from the queue', () => {
    expect(ATC_K).toBe(2);
    // p̄ = 40: B has no slack (key ln 20 = 3.00), E slack 130 (1.625 − ln(3/20) = 3.52), A 5.16, C 14.6.
    expect(selectNext('atc', queue, NOW)).toBe(1);
    expect(priorityKey('atc', queue[4]!, NOW, 40)).toBeCloseTo(130 / 80 - Math.log(3 / 20), 12);
    // Then p̄ = 45 over A, C, D, E: E 3.34 < A 5.02 < C 13.5; D (no due date) last.
    expect(names(dispatchOrder('atc', queue, NOW))).toBe('BEACD');
  });

  it('ATC prefers the heavier order when all else is equal', () => {
    const twins: DispatchItem[] = [
      { arrival: 0, processingS: 10, dueS: 500, remainingS: 10, weight: 1 },
      { arrival: 5, processingS: 10, dueS: 500, remainingS: 10, weight: 2 },
    ];
    expect(selectNext('atc', twins, 0)).toBe(1);
    expect(selectNext('fifo', twins, 0)).toBe(0);
  });

  it('an empty queue selects nothing', () => {
    expect(selectNext('edd', [], 0)).toBe(-1);
  });
});
