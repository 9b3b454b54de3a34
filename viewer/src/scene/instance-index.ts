import type { LayoutView } from '../api/types.js';
import { hashString } from '../util/hash-string.js';

export type LayoutMachine = LayoutView['machines'][number];

/** Where a machine is drawn: which per-kind InstancedMesh, and which instance in it. */
export interface InstanceSlot {
  kind: number;
  index: number;
}

/**
 * Machines grouped by kind, one InstancedMesh per kind (DESIGN.md §6): kinds sorted, machines in layout order
 * within a kind, so that the same layout always gives the same instance ids.
 */
export interface MachineIndex {
  kinds: readonly string[];
  /** Per kind, instance index → machine. */
  byKind: readonly (readonly LayoutMachine[])[];
  slotOf: ReadonlyMap<string, InstanceSlot>;
  count: number;
}

export function indexMachines(machines: readonly LayoutMachine[]): MachineIndex {
  const groups = new Map<string, LayoutMachine[]>();
  for (const m of machines) {
    let group = groups.get(m.kind);
    if (!group) groups.set(m.kind, (group = []));
    group.push(m);
  }
  const kinds = [...groups.keys()].sort();
  const byKind = kinds.map((k) => groups.get(k) ?? []);
  const slotOf = new Map<string, InstanceSlot>();
  byKind.forEach((group, kind) => group.forEach((m, index) => slotOf.set(m.id, { kind, index })));
  return { kinds, byKind, slotOf, count: machines.length };
}

/** The machine behind an instance of a kind's mesh (what a raycast hit). */
export function machineAt(index: MachineIndex, kind: number, instance: number): string | undefined {
  return index.byKind[kind]?.[instance]?.id;
}

/** A stable colour per order, as HSL in [0, 1]: hue from the hash, two lightness bands for more contrast. */
export function orderHsl(order: string, out: { h: number; s: number; l: number }): void {
  const h = hashString(order);
  out.h = (h % 360) / 360;
  out.s = 0.65;
  out.l = (h >>> 9) % 2 === 0 ? 0.5 : 0.62;
}
