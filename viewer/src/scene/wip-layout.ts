import type { Plan } from '../api/types.js';
import { toFloor, type FloorIndex, type Placed } from './floor-index.js';

/** Size of one WIP item (a tote or pallet) and the pitch between stacked ones, in metres. */
export const ITEM_SIZE_M = 0.5;
export const ITEM_HEIGHT_M = 0.4;
const PITCH_M = 0.62;
/** Rows of items in front of a machine, and layers, before its queue spills into the line's buffer. */
const INFEED_ROWS = 2;
const INFEED_LAYERS = 2;
/** Gap between a machine's front face and its infeed queue. */
const INFEED_GAP_M = 0.5;

/** What a machine does at the moment shown (live twin or time view). */
export interface MachineOrder {
  order?: string | undefined;
}

/**
 * The active plan by order: the operations of each order sorted by start, in flat arrays (built once per
 * plan; looked up on every twin change).
 */
export interface PlanIndex {
  /** Orders sorted by their first planned start: queues fill in that order (first planned, first served). */
  orders: readonly string[];
  ordinalOf: ReadonlyMap<string, number>;
  /** Operations of orders[i] are first[i] .. first[i + 1] - 1. */
  first: Int32Array;
  startMs: Float64Array;
  endMs: Float64Array;
  machine: readonly string[];
}

export function indexPlan(plan: Plan | undefined): PlanIndex {
  const list = plan ? [...plan.assignments] : [];
  const epoch = plan?.epochMs ?? 0;
  const firstStart = new Map<string, number>();
  for (const a of list) firstStart.set(a.order, Math.min(firstStart.get(a.order) ?? Infinity, a.startS));
  list.sort(
    (a, b) =>
      (firstStart.get(a.order) ?? 0) - (firstStart.get(b.order) ?? 0) ||
      (a.order < b.order ? -1 : a.order > b.order ? 1 : a.startS - b.startS),
  );
  const orders: string[] = [];
  const first = new Int32Array(new Set(list.map((a) => a.order)).size + 1);
  const startMs = new Float64Array(list.length);
  const endMs = new Float64Array(list.length);
  const machine: string[] = [];
  list.forEach((a, i) => {
    if (orders[orders.length - 1] !== a.order) first[orders.push(a.order) - 1] = i;
    startMs[i] = epoch + a.startS * 1000;
    endMs[i] = epoch + a.endS * 1000;
    machine.push(a.machine);
  });
  first[orders.length] = list.length;
  return { orders, ordinalOf: new Map(orders.map((o, i) => [o, i])), first, startMs, endMs, machine };
}

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
    places: [],
    nearest: [],
    point: { x: 0, y: 0 },
  };
}

export interface WipInput {
  floor: FloorIndex;
  plan: PlanIndex;
  /** Machines with the order they process now (live twin, or the time view's replay/future). */
  machines: Readonly<Record<string, MachineOrder>>;
  nowMs: number;
  /** Orders the plant reports as begun (operations done > 0), beside what the plan says. */
  begun?: (order: string) => boolean;
}

/**
 * Lays out the work in progress. An order being processed sits on its machine. An order between operations
 * (begun, with a planned operation still ahead) waits in a queue at the infeed of the machine of its next
 * planned operation; when that queue is full it waits at the nearest buffer of the machine's line. Orders not
 * begun or with every operation behind them are not on the floor.
 * This full layout is the reference: the scene keeps the same layout incrementally (wip-placement.ts), and its
 * tests compare the two.
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
    const o = plan.ordinalOf.get(order);
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

/** Items a machine's infeed holds before its queue spills into the line's buffer. */
export function infeedCapacity(m: Placed): number {
  return Math.max(1, Math.floor(m.width / PITCH_M)) * INFEED_ROWS * INFEED_LAYERS;
}

/** The k-th place of a machine's infeed queue: floor x, y into out; returns the centre height. */
export function infeedSpot(m: Placed, k: number, out: { x: number; y: number }): number {
  // The infeed is the machine's front (its +depth side, towards the aisle), filled row by row.
  const columns = Math.max(1, Math.floor(m.width / PITCH_M));
  const perLayer = columns * INFEED_ROWS;
  const layer = Math.floor(k / perLayer);
  const inLayer = k % perLayer;
  const lx = ((inLayer % columns) - (columns - 1) / 2) * PITCH_M;
  const ly = m.depth / 2 + INFEED_GAP_M + (Math.floor(inLayer / columns) + 0.5) * PITCH_M;
  toFloor(m, lx, ly, out);
  return (layer + 0.5) * ITEM_HEIGHT_M;
}

/** The k-th place of a buffer's stack: floor x, y into out; returns the centre height. */
export function bufferSpot(b: Placed, k: number, out: { x: number; y: number }): number {
  const columns = Math.max(1, Math.floor(b.width / PITCH_M));
  const rows = Math.max(1, Math.floor(b.depth / PITCH_M));
  const layer = Math.floor(k / (columns * rows));
  const inLayer = k % (columns * rows);
  const lx = ((inLayer % columns) - (columns - 1) / 2) * PITCH_M;
  const ly = (Math.floor(inLayer / columns) - (rows - 1) / 2) * PITCH_M;
  toFloor(b, lx, ly, out);
  return (layer + 0.5) * ITEM_HEIGHT_M;
}

export function nearestBuffer(m: Placed, floor: FloorIndex): Placed | undefined {
  let best: Placed | undefined;
  let bestD = Infinity;
  const candidates = floor.buffersByLine.get(m.line ?? '');
  if (!candidates) return undefined;
  for (const b of candidates) {
    const d = (b.x - m.x) ** 2 + (b.y - m.y) ** 2;
    if (d < bestD) {
      bestD = d;
      best = b;
    }
  }
  return best;
}
