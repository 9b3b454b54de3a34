import { describe, expect, it } from 'vitest';
import { TabuList } from './tabu-list.js';

describe('TabuList', () => {
  for (const n of [10, 5000]) {
    it(`remembers forbidden pairs and machines until their iteration (${n} operations)`, () => {
      const tabu = new TabuList(n, 3);
      expect(tabu.pairUntil(1, 2)).toBe(0);
      tabu.forbidPair(1, 2, 17);
      expect(tabu.pairUntil(1, 2)).toBe(17);
      expect(tabu.pairUntil(2, 1)).toBe(0);
      tabu.forbidMachine(4, 2, 9);
      expect(tabu.machineUntil(4, 2)).toBe(9);
      expect(tabu.machineUntil(4, 1)).toBe(0);
      tabu.clear();
      expect(tabu.pairUntil(1, 2)).toBe(0);
      expect(tabu.machineUntil(4, 2)).toBe(0);
    });
  }

  it('keeps live entries when a large problem prunes its map', () => {
    const n = 5000;
    const tabu = new TabuList(n, 1);
    tabu.forbidPair(0, 1, 10); // long expired by the end
    // Distinct pairs, enough to make the map prune itself at least once.
    for (let i = 1; i <= 300_000; i++) tabu.forbidPair(i % n, 1 + Math.floor(i / n), 100_000 + i);
    expect(tabu.pairUntil(0, 1)).toBe(0);
    const last = 300_000;
    expect(tabu.pairUntil(last % n, 1 + Math.floor(last / n))).toBe(100_000 + last);
  });
});
