import { describe, expect, it } from 'vitest';
import { hashString } from '../util/hash-string.js';
import { indexMachines, machineAt, orderHsl, type LayoutMachine } from './instance-index.js';

const machine = (id: string, kind: string): LayoutMachine => ({
  id,
  name: id,
  kind,
  line: 'L',
  placement: { position: { x: 0, y: 0 }, footprint: { width: 1, depth: 1 } },
  maintenance: [],
});

describe('machine instance index', () => {
  it('groups machines by sorted kind and maps instances back to machines', () => {
    const index = indexMachines([machine('a', 'press'), machine('b', 'cnc-lathe'), machine('c', 'press')]);
    expect(index.kinds).toEqual(['cnc-lathe', 'press']);
    expect(index.slotOf.get('c')).toEqual({ kind: 1, index: 1 });
    expect(index.slotOf.get('b')).toEqual({ kind: 0, index: 0 });
    for (const [id, slot] of index.slotOf) expect(machineAt(index, slot.kind, slot.index)).toBe(id);
    expect(machineAt(index, 1, 2)).toBeUndefined();
    expect(index.count).toBe(3);
  });
});

describe('colours', () => {
  it('gives every order a stable colour that differs between orders', () => {
    const a = { h: 0, s: 0, l: 0 };
    const b = { h: 0, s: 0, l: 0 };
    orderHsl('ORD-1', a);
    orderHsl('ORD-1', b);
    expect(a).toEqual(b);
    const hues = new Set<number>();
    for (let i = 0; i < 100; i++) {
      orderHsl(`ORD-${i}`, a);
      hues.add(Math.round(a.h * 360));
    }
    expect(hues.size).toBeGreaterThan(60);
    expect(hashString('a')).not.toBe(hashString('b'));
  });
});
