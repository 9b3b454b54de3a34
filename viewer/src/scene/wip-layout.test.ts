import { describe, expect, it } from 'vitest';
import type { LayoutView, Plan } from '../api/types.js';
import { indexFloor } from './floor-index.js';
import { layoutWip, WipPositions, wipScratch } from './wip-layout-reference.js';
import { indexPlan, type MachineOrder } from './wip-layout.js';

const EPOCH = 1_700_000_000_000;
const place = (x: number, y: number, rotationDeg = 0, width = 4, depth = 2) => ({
  position: { x, y },
  rotationDeg,
  footprint: { width, depth, height: 2 },
});
const layout: LayoutView = {
  site: { id: 's', name: 's' },
  bounds: { minX: 0, minY: 0, maxX: 50, maxY: 50 },
  lines: [{ id: 'A', name: 'A', area: 'x', centre: { x: 10, y: 10 }, size: { width: 20, depth: 5 } }],
  machines: [
    { id: 'M1', name: 'M1', kind: 'press', line: 'A', placement: place(5, 10), maintenance: [] },
    { id: 'M2', name: 'M2', kind: 'press', line: 'A', placement: place(15, 10, 180), maintenance: [] },
  ],
  buffers: [
    { id: 'B1', name: 'B1', line: 'A', capacity: 10, placement: place(30, 10, 0, 2, 2) },
    { id: 'B9', name: 'B9', line: 'A', capacity: 10, placement: place(45, 45, 0, 2, 2) },
  ],
  transporters: [],
};
const floor = indexFloor(layout);

/** A plan where every order runs op 1 on M1 in [start, start + 100 s) and op 2 on M2 in [start + 200 s, +300 s). */
function planOf(orders: { id: string; startS: number }[]): Plan {
  return {
    // The test builds ids from plain strings; the brands only matter to the service.
    id: 'p' as Plan['id'],
    version: 1,
    status: 'draft',
    trigger: { kind: 'initial' },
    createdAtMs: EPOCH,
    epochMs: EPOCH,
    seed: 1,
    inputHash: 'h',
    engine: 'e',
    frozen: [],
    assignments: orders.flatMap(({ id, startS }) => [
      { order: id, operation: `${id}-2`, machine: 'M2', startS: startS + 200, endS: startS + 300 },
      { order: id, operation: `${id}-1`, machine: 'M1', startS, endS: startS + 100 },
    ]) as unknown as Plan['assignments'],
  };
}

function run(
  plan: Plan,
  atS: number,
  machines: Record<string, MachineOrder> = {},
  begun?: (o: string) => boolean,
) {
  const out = new WipPositions();
  layoutWip(
    { floor, plan: indexPlan(plan), machines, nowMs: EPOCH + atS * 1000, ...(begun && { begun }) },
    out,
    wipScratch(),
  );
  const items = new Map<string, { at: string; x: number; y: number; z: number }>();
  for (let i = 0; i < out.count; i++) {
    items.set(out.orders[i]!, {
      at: out.at[i]!,
      x: out.xyz[i * 3]!,
      y: out.xyz[i * 3 + 1]!,
      z: out.xyz[i * 3 + 2]!,
    });
  }
  return items;
}

describe('WIP layout', () => {
  it('puts an order being processed on top of its machine', () => {
    const items = run(planOf([{ id: 'O1', startS: 0 }]), 50, { M1: { order: 'O1' }, M2: {} });
    expect(items.get('O1')).toMatchObject({ at: 'M1', x: 5, y: 10 });
    expect(items.get('O1')!.z).toBeGreaterThan(2);
  });

  it('queues an order between operations at the infeed of the machine of its next operation', () => {
    const items = run(planOf([{ id: 'O1', startS: 0 }]), 150);
    const item = items.get('O1')!;
    expect(item.at).toBe('M2');
    // M2 is turned 180°: its front (infeed) faces -y, just beyond half its depth.
    expect(item.y).toBeLessThan(10 - 1);
    expect(Math.abs(item.x - 15)).toBeLessThan(2);
    expect(item.z).toBeLessThan(1);
  });

  it('leaves out orders not begun and orders finished, unless the plant says an order has begun', () => {
    const plan = planOf([
      { id: 'LATER', startS: 1000 },
      { id: 'DONE', startS: 0 },
    ]);
    const items = run(plan, 500);
    expect(items.has('LATER')).toBe(false);
    expect(items.has('DONE')).toBe(false);
    const begun = run(plan, 500, {}, (o) => o === 'LATER');
    expect(begun.get('LATER')?.at).toBe('M1');
  });

  it('draws an order running late (planned to run now but on no machine) waiting at that machine', () => {
    const items = run(planOf([{ id: 'O1', startS: 0 }]), 250);
    expect(items.get('O1')?.at).toBe('M2');
  });

  it('stacks queued items without overlap and spills into the nearest buffer of the line', () => {
    const orders = Array.from({ length: 40 }, (_, i) => ({ id: `O${i}`, startS: i * 0.1 }));
    const items = [...run(planOf(orders), 150).values()];
    expect(items).toHaveLength(40);
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i]!;
        const b = items[j]!;
        const apart =
          Math.abs(a.x - b.x) >= 0.5 || Math.abs(a.y - b.y) >= 0.5 || Math.abs(a.z - b.z) >= 0.4 - 1e-6;
        expect(apart, `${JSON.stringify(a)} overlaps ${JSON.stringify(b)}`).toBe(true);
      }
    }
    const atBuffer = items.filter((i) => i.at === 'B1');
    expect(atBuffer.length).toBeGreaterThan(0);
    expect(items.some((i) => i.at === 'B9')).toBe(false);
    for (const i of atBuffer) expect(Math.abs(i.x - 30)).toBeLessThan(1.5);
  });

  it('fills queues first planned, first served', () => {
    const both = run(
      planOf([
        { id: 'B', startS: 5 },
        { id: 'A', startS: 0 },
      ]),
      150,
    );
    const alone = run(planOf([{ id: 'A', startS: 0 }]), 150);
    // A was planned first, so it holds the queue's first place whether or not B waits behind it.
    expect(both.get('A')).toEqual(alone.get('A'));
    expect(both.get('B')).not.toEqual(alone.get('A'));
  });
});
