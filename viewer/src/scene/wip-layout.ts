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
  return { orders, first, startMs, endMs, machine };
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
