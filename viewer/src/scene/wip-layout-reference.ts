import type { FloorIndex, Placed } from './floor-index.js';
import {
  bufferSpot,
  infeedCapacity,
  infeedSpot,
  ITEM_HEIGHT_M,
  nearestBuffer,
  type PlanIndex,
  type WipInput,
} from './wip-layout.js';

/**
 * Where every WIP item is, in floor metres (x, y, z = centre height), structure of arrays so that a twin update
 * allocates nothing per item once the arrays have grown.
 */
export class WipPositions {
  count = 0;
  orders: string[] = [];
  /** Machine or buffer the item sits at. */
  at: string[] = [];
  line: (string | undefined)[] = [];
  xyz = new Float32Array(0);

  reset(): void {
    this.count = 0;
  }

  push(order: string, at: string, line: string | undefined, x: number, y: number, z: number): void {
    const i = this.count++;
    if (this.xyz.length < this.count * 3) {
      const grown = new Float32Array(Math.max(64, this.count * 6));
      grown.set(this.xyz);
      this.xyz = grown;
    }
    this.orders[i] = order;
    this.at[i] = at;
    this.line[i] = line;
    this.xyz[i * 3] = x;
    this.xyz[i * 3 + 1] = y;
    this.xyz[i * 3 + 2] = z;
  }
}

/**
 * State reused between calls: counters in typed arrays keyed by place and by order ordinal, and the plan's
 * operations resolved to places once per (plan, floor).
 */
export interface WipScratch {
  queued: Int32Array;
  onMachine: Uint8Array;
  /** Orders on machines that the plan does not know (drawn once each). */
  unplanned: Set<string>;
  resolvedPlan: PlanIndex | undefined;
  resolvedFloor: FloorIndex | undefined;
  /** Plan ordinal of each order. */
  ordinalOf: Map<string, number>;
  /** Per plan operation, where it runs. */
  places: (Placed | undefined)[];
  /** Per machine ordinal, the nearest buffer of its line (null: none), found on first need. */
  nearest: (Placed | null | undefined)[];
  point: { x: number; y: number };
}

export function wipScratch(): WipScratch {
  return {
    queued: new Int32Array(0),
    onMachine: new Uint8Array(0),
    unplanned: new Set(),
    resolvedPlan: undefined,
    resolvedFloor: undefined,
    ordinalOf: new Map(),
    places: [],
    nearest: [],
    point: { x: 0, y: 0 },
  };
}

/**
 * Lays out the work in progress. An order being processed sits on its machine. An order between operations
 * (begun, with a planned operation still ahead) waits in a queue at the infeed of the machine of its next
 * planned operation; when that queue is full it waits at the nearest buffer of the machine's line. Orders not
 * begun or with every operation behind them are not on the floor.
 * This full layout is the reference, used by tests only: the scene keeps the same layout incrementally
 * (wip-placement.ts), and its tests compare the two.
 */
export function layoutWip(input: WipInput, out: WipPositions, scratch: WipScratch): void {
  const { floor, plan, machines, nowMs } = input;
  resolve(scratch, plan, floor);
  out.reset();
  scratch.queued.fill(0);
  scratch.onMachine.fill(0);
  scratch.unplanned.clear();
  for (let i = 0; i < floor.machineCount; i++) {
    const m = floor.list[i]!;
    const order = machines[m.id]?.order;
    if (order === undefined) continue;
    const o = scratch.ordinalOf.get(order);
    if (o === undefined) {
      if (scratch.unplanned.has(order)) continue;
      scratch.unplanned.add(order);
    } else if (scratch.onMachine[o] === 1) continue;
    else scratch.onMachine[o] = 1;
    out.push(order, m.id, m.line, m.x, m.y, m.height + ITEM_HEIGHT_M / 2);
  }
  for (let o = 0; o < plan.orders.length; o++) {
    if (scratch.onMachine[o] === 1) continue;
    const from = plan.first[o]!;
    const to = plan.first[o + 1]!;
    let next = from;
    while (next < to && plan.endMs[next]! <= nowMs) next++;
    if (next === to) continue; // every operation behind it: finished
    const order = plan.orders[o]!;
    const begun = next > from || plan.startMs[from]! <= nowMs || (input.begun?.(order) ?? false);
    if (!begun) continue;
    const machine = scratch.places[next];
    if (machine) queueAt(machine, order, floor, out, scratch);
  }
}

function resolve(scratch: WipScratch, plan: PlanIndex, floor: FloorIndex): void {
  if (scratch.resolvedPlan === plan && scratch.resolvedFloor === floor) return;
  scratch.resolvedPlan = plan;
  scratch.resolvedFloor = floor;
  scratch.ordinalOf = new Map(plan.orders.map((o, i) => [o, i]));
  scratch.places = plan.machine.map((id) => floor.machines.get(id));
  scratch.queued = new Int32Array(floor.list.length);
  scratch.onMachine = new Uint8Array(plan.orders.length);
  scratch.nearest = new Array<Placed | null | undefined>(floor.machineCount);
}

function queueAt(m: Placed, order: string, floor: FloorIndex, out: WipPositions, scratch: WipScratch): void {
  const k = scratch.queued[m.ordinal]!++;
  let buffer: Placed | null | undefined;
  if (k >= infeedCapacity(m)) {
    buffer = scratch.nearest[m.ordinal];
    if (buffer === undefined) scratch.nearest[m.ordinal] = buffer = nearestBuffer(m, floor) ?? null;
  }
  const p = scratch.point;
  if (buffer) {
    const z = bufferSpot(buffer, scratch.queued[buffer.ordinal]!++, p);
    return out.push(order, buffer.id, buffer.line, p.x, p.y, z);
  }
  const z = infeedSpot(m, k, p);
  out.push(order, m.id, m.line, p.x, p.y, z);
}
