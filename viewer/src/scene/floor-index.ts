import type { LayoutView } from '../api/types.js';

/** A placed thing on the floor, in floor metres (x east, y north, z up), rotation in radians. */
export interface Placed {
  id: string;
  /** Index in FloorIndex.list (machines first, then buffers): typed arrays keyed by place use it. */
  ordinal: number;
  line: string | undefined;
  x: number;
  y: number;
  rotation: number;
  width: number;
  depth: number;
  height: number;
  cos: number;
  sin: number;
}

/** Machines by id, buffers by line: what the WIP layout looks up. */
export interface FloorIndex {
  /** Machines in layout order, then buffers. */
  list: readonly Placed[];
  machineCount: number;
  machines: ReadonlyMap<string, Placed>;
  buffersByLine: ReadonlyMap<string, readonly Placed[]>;
}

type Placement = LayoutView['machines'][number]['placement'];

function placed(
  ordinal: number,
  id: string,
  line: string | undefined,
  p: Placement,
  defaultHeight: number,
): Placed {
  const rotation = ((p.rotationDeg ?? 0) * Math.PI) / 180;
  return {
    id,
    ordinal,
    line,
    x: p.position.x,
    y: p.position.y,
    rotation,
    cos: Math.cos(rotation),
    sin: Math.sin(rotation),
    width: p.footprint.width,
    depth: p.footprint.depth,
    height: p.footprint.height ?? defaultHeight,
  };
}

export function indexFloor(layout: LayoutView): FloorIndex {
  const list: Placed[] = [];
  const machines = new Map<string, Placed>();
  for (const m of layout.machines) {
    const p = placed(list.length, m.id, m.line, m.placement, 2);
    list.push(p);
    machines.set(m.id, p);
  }
  const buffersByLine = new Map<string, Placed[]>();
  for (const b of layout.buffers) {
    const p = placed(list.length, b.id, b.line, b.placement, 1.2);
    list.push(p);
    if (b.line === undefined) continue;
    let ofLine = buffersByLine.get(b.line);
    if (!ofLine) buffersByLine.set(b.line, (ofLine = []));
    ofLine.push(p);
  }
  return { list, machineCount: layout.machines.length, machines, buffersByLine };
}

/** A point given in a placed thing's own frame (lx along its width, ly along its depth), on the floor. */
export function toFloor(p: Placed, lx: number, ly: number, out: { x: number; y: number }): void {
  out.x = p.x + lx * p.cos - ly * p.sin;
  out.y = p.y + lx * p.sin + ly * p.cos;
}
