import { describe, expect, it } from 'vitest';
import { DIRTY_COLOUR, WipMotion, type WipSource } from './wip-motion.js';

/** Keys of the orders, shared by every source of a test (the placement keeps keys stable the same way). */
const names = ['A', 'B', 'C'];

/** The whole floor as a source: listed items shown, the others not; every key listed as changed. */
function positions(items: [string, number, number][]): WipSource {
  const shown = new Uint8Array(names.length);
  const xyz = new Float32Array(names.length * 3);
  for (const [order, x, y] of items) {
    const k = names.indexOf(order);
    shown[k] = 1;
    xyz.set([x, y, 0.2], k * 3);
  }
  const changed = Int32Array.from(names.keys());
  return { names, shown, xyz, lineOf: names.map(() => 'L'), changed, changedCount: changed.length };
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

  it('leaves items not listed as changed where they are', () => {
    const m = new WipMotion();
    m.sync(
      positions([
        ['A', 0, 0],
        ['B', 1, 0],
      ]),
      0,
    );
    const moved = positions([['A', 9, 0]]);
    m.sync({ ...moved, changed: Int32Array.of(0), changedCount: 1 }, 1);
    m.step(10);
    expect(m.count).toBe(2);
    expect(at(m, 'A')).toEqual([9, 0]);
    expect(at(m, 'B')).toEqual([1, 0]);
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
