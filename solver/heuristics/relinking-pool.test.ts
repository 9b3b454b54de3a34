import { describe, expect, it } from 'vitest';
import type { ShopSolution } from '../shop/solution.js';
import { FastRandom } from './fast-random.js';
import { RelinkingPool } from './relinking-pool.js';

/** One machine with 20 operations: the identity order with the given pairs of positions swapped. */
function swapped(...pairs: [number, number][]): ShopSolution {
  const seq = Array.from({ length: 20 }, (_, i) => i);
  for (const [a, b] of pairs) [seq[a], seq[b]] = [seq[b]!, seq[a]!];
  return { alt: new Array<number>(20).fill(0), sequences: [seq] };
}

describe('relinking pool', () => {
  // Near: fewer than 5 machine positions apart (a quarter of 20 operations).
  const pool = () => new RelinkingPool(3, 20, 0.25);

  it('holds distinct solutions up to its capacity', () => {
    const p = pool();
    p.offer(100, swapped());
    p.offer(100, swapped());
    expect(p.size).toBe(1);
    p.offer(90, swapped([0, 1]));
    p.offer(95, swapped([4, 5], [6, 7], [8, 9]));
    expect(p.size).toBe(3);
    expect(p.best()).toEqual(swapped([0, 1]));
  });

  it('lets a solution near a member replace that member only, and only when it is better', () => {
    const p = pool();
    const far = [swapped(), swapped([0, 19], [1, 18], [2, 17]), swapped([5, 15], [6, 14], [7, 13])];
    [100, 110, 120].forEach((makespan, k) => p.offer(makespan, far[k]!));
    // Two positions from the best member, worse than it: ignored even though it beats the worst member.
    p.offer(105, swapped([3, 4]));
    expect(p.solutions()).toEqual(far);
    // Better than the member it is near: takes its place; the worst member stays.
    p.offer(95, swapped([3, 4]));
    expect(p.solutions()).toEqual([swapped([3, 4]), far[1], far[2]]);
  });

  it('lets a solution far from all replace the worst member when it is no worse', () => {
    const p = pool();
    const far = [swapped(), swapped([0, 19], [1, 18], [2, 17]), swapped([5, 15], [6, 14], [7, 13])];
    [100, 110, 120].forEach((makespan, k) => p.offer(makespan, far[k]!));
    const other = swapped([10, 11], [12, 13], [8, 9]);
    p.offer(121, other);
    expect(p.solutions()).toEqual(far);
    p.offer(120, other);
    expect(p.solutions()).toEqual([far[0], far[1], other]);
  });

  it('picks two distinct members', () => {
    const p = pool();
    p.offer(100, swapped());
    p.offer(110, swapped([0, 19], [1, 18], [2, 17]));
    const rng = new FastRandom(5);
    for (let k = 0; k < 20; k++) {
      const [a, b] = p.pickTwo(rng);
      expect(a).not.toBe(b);
    }
  });
});
