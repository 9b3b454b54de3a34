import { describe, expect, it } from 'vitest';
import { WipPositions } from './wip-layout.js';
import { DIRTY_COLOUR, WipMotion } from './wip-motion.js';

function positions(items: [string, number, number][]): WipPositions {
  const p = new WipPositions();
  for (const [order, x, y] of items) p.push(order, 'M', 'L', x, y, 0.2);
  return p;
}

const at = (m: WipMotion, order: string) => {
  const s = m.orders.indexOf(order);
  return s < 0 ? undefined : [m.pos[s * 3], m.pos[s * 3 + 1]];
};

describe('WIP motion', () => {
  it('places new items at once and glides moved items to their new place', () => {
    const m = new WipMotion();
    const moves: string[] = [];
    m.sync(
      positions([
        ['A', 0, 0],
        ['B', 5, 5],
      ]),
      0,
    );
    expect(m.count).toBe(2);
    expect(at(m, 'A')).toEqual([0, 0]);
    expect(m.step(0)).toBe(0);
    m.sync(
      positions([
        ['A', 12, 0],
        ['B', 5, 5],
      ]),
      10,
      (order, fx, fy, tx, ty) => moves.push(`${order} ${fx},${fy}→${tx},${ty}`),
    );
    expect(moves).toEqual(['A 0,0→12,0']);
    expect(m.step(10.5)).toBe(1);
    const mid = at(m, 'A')![0]!;
    expect(mid).toBeGreaterThan(0);
    expect(mid).toBeLessThan(12);
    expect(m.step(20)).toBe(0);
    expect(at(m, 'A')).toEqual([12, 0]);
    expect(at(m, 'B')).toEqual([5, 5]);
  });

  it('keeps slots dense when items leave and marks the slot that changed order for recolouring', () => {
    const m = new WipMotion();
    m.sync(
      positions([
        ['A', 0, 0],
        ['B', 1, 0],
        ['C', 2, 0],
      ]),
      0,
    );
    m.dirty.fill(0);
    m.sync(
      positions([
        ['B', 1, 0],
        ['C', 2, 0],
      ]),
      1,
    );
    expect(m.count).toBe(2);
    expect([...m.orders].sort()).toEqual(['B', 'C']);
    expect(at(m, 'C')).toEqual([2, 0]);
    const slotC = m.orders.indexOf('C');
    expect(m.dirty[slotC]! & DIRTY_COLOUR).toBe(DIRTY_COLOUR);
    m.sync(positions([]), 2);
    expect(m.count).toBe(0);
  });

  it('does not count a removed moving item as moving', () => {
    const m = new WipMotion();
    m.sync(positions([['A', 0, 0]]), 0);
    m.sync(positions([['A', 10, 0]]), 1);
    expect(m.movingCount).toBe(1);
    m.sync(positions([]), 1.1);
    expect(m.movingCount).toBe(0);
    expect(m.step(1.2)).toBe(0);
  });
});
