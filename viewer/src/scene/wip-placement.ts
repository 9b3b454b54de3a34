import type { FloorIndex, Placed } from './floor-index.js';
import {
  bufferSpot,
  infeedCapacity,
  infeedSpot,
  ITEM_HEIGHT_M,
  nearestBuffer,
  type MachineOrder,
  type PlanIndex,
  type WipInput,
} from './wip-layout.js';

/**
 * The WIP layout of wip-layout-reference.ts (same rules, same places), kept up to date incrementally: an update re-places
 * only the items whose machine, next operation or queue changed. Items are keyed by a stable integer per order
 * (kept across plans, so that an item keeps its identity when the plan changes); the keys whose place changed
 * in the last update are listed in `changed`. A twin update touching 5 % of machines re-places a few hundred
 * items instead of every item.
 */
export class WipPlacement {
  /** Per key: the order, whether it is on the floor, where (floor x, y, centre z), and its place's line. */
  readonly names: string[] = [];
  shown = new Uint8Array(0);
  xyz = new Float32Array(0);
  readonly lineOf: (string | undefined)[] = [];
  /** Keys whose item appeared, moved or left in the last update. */
  changed: Int32Array = new Int32Array(0);
  changedCount = 0;
  /** Items whose place was computed in the last update (the work done; machine-independent). */
  placedCount = 0;

  private readonly keyOf = new Map<string, number>();
  private changedStamp = new Uint32Array(0);
  private stamp = 0;
  private plan: PlanIndex | undefined;
  private floor: FloorIndex | undefined;
  private machines: Readonly<Record<string, MachineOrder>> | undefined;
  private lastNowMs = -Infinity;
  /** Per plan ordinal: its key, next operation, when its status may change next, the machine it queues at. */
  private keyOfOrdinal = new Int32Array(0);
  private next = new Int32Array(0);
  private wakeMs = new Float64Array(0);
  private queuedAt = new Int32Array(0);
  /** Per key: plan ordinal (-1: unplanned), machines holding it, the first of them in layout order (-1: none). */
  private ordinalOfKey = new Int32Array(0);
  private holders = new Int32Array(0);
  private owner = new Int32Array(0);
  /** Per machine: the machine object seen last, the key it holds, its line's nearest buffer (-1: none). */
  private seen: (MachineOrder | undefined)[] = [];
  private holding = new Int32Array(0);
  private bufferOf = new Int32Array(0);
  /** Per place (floor ordinal): ordinals queued there, sorted (first planned, first served). */
  private members: number[][] = [];
  /** Per buffer: machines that spill into it. */
  private feeders: number[][] = [];
  private places: (Placed | undefined)[] = [];
  private dirtyKeys: number[] = [];
  private keyStamp = new Uint32Array(0);
  private dirtyPlaces: number[] = [];
  private placeStamp = new Uint32Array(0);
  /** Per machine: the length of its queue when last placed (what spilled then). */
  private placedLength = new Int32Array(0);
  private readonly spill: number[] = [];
  private readonly point = { x: 0, y: 0 };

  update(input: WipInput & { begunChanged?: boolean }): void {
    const { floor, plan, machines, nowMs } = input;
    this.stamp++;
    this.changedCount = 0;
    this.placedCount = 0;
    const reset = plan !== this.plan || floor !== this.floor;
    if (reset) this.resetFor(plan, floor);
    if (machines !== this.machines) this.diffMachines(machines, floor);
    const all = reset || nowMs < this.lastNowMs || input.begunChanged === true;
    for (let o = 0; o < plan.orders.length; o++) {
      if (all || this.wakeMs[o]! <= nowMs) this.markKey(this.keyOfOrdinal[o]!);
    }
    this.lastNowMs = nowMs;
    for (const key of this.dirtyKeys) this.settle(key, input);
    this.dirtyKeys.length = 0;
    // Machines first: their queues decide what spills into the buffers.
    for (let i = 0; i < this.dirtyPlaces.length; i++) this.placeQueue(this.dirtyPlaces[i]!, floor);
    this.dirtyPlaces.length = 0;
  }

  private resetFor(plan: PlanIndex, floor: FloorIndex): void {
    this.plan = plan;
    this.floor = floor;
    this.machines = undefined;
    const n = plan.orders.length;
    this.keyOfOrdinal = new Int32Array(n);
    this.next = new Int32Array(n);
    this.wakeMs = new Float64Array(n).fill(-Infinity);
    this.queuedAt = new Int32Array(n).fill(-1);
    this.ordinalOfKey.fill(-1);
    for (let o = 0; o < n; o++) {
      const key = this.key(plan.orders[o]!);
      this.keyOfOrdinal[o] = key;
      this.ordinalOfKey[key] = o;
    }
    this.holders.fill(0);
    this.owner.fill(-1);
    this.seen = new Array<MachineOrder | undefined>(floor.machineCount);
    this.holding = new Int32Array(floor.machineCount).fill(-1);
    this.members = floor.list.map(() => []);
    this.feeders = floor.list.map(() => []);
    this.bufferOf = new Int32Array(floor.machineCount);
    for (let i = 0; i < floor.machineCount; i++) {
      const b = nearestBuffer(floor.list[i]!, floor);
      this.bufferOf[i] = b ? b.ordinal : -1;
      if (b) this.feeders[b.ordinal]!.push(i);
    }
    this.places = plan.machine.map((id) => floor.machines.get(id));
    this.placeStamp = new Uint32Array(floor.list.length);
    this.placedLength = new Int32Array(floor.machineCount);
    // Every item shown so far is re-examined: hidden unless the new plan or floor places it again.
    for (let key = 0; key < this.names.length; key++) this.markKey(key);
  }

  /** Machines whose object changed since the last update: the order they hold may have changed. */
  private diffMachines(machines: Readonly<Record<string, MachineOrder>>, floor: FloorIndex): void {
    this.machines = machines;
    for (let i = 0; i < floor.machineCount; i++) {
      const m = machines[floor.list[i]!.id];
      if (m === this.seen[i]) continue;
      this.seen[i] = m;
      const key = m?.order === undefined ? -1 : this.key(m.order);
      const was = this.holding[i]!;
      if (key === was) continue;
      this.holding[i] = key;
      if (was >= 0) this.release(was, i);
      if (key >= 0) {
        this.holders[key]!++;
        if (this.owner[key]! < 0 || i < this.owner[key]!) this.owner[key] = i;
        this.markKey(key);
      }
    }
  }

  private release(key: number, machine: number): void {
    this.holders[key]!--;
    this.markKey(key);
    if (this.owner[key] !== machine) return;
    let first = -1;
    if (this.holders[key]! > 0) {
      // Rare: the same order on several machines; the first in layout order shows it.
      for (let i = 0; i < this.holding.length && first < 0; i++) if (this.holding[i] === key) first = i;
    }
    this.owner[key] = first;
  }

  /** Decides where one item goes: on its machine, into a machine's queue, or off the floor. */
  private settle(key: number, input: WipInput): void {
    const plan = this.plan!;
    const o = this.ordinalOfKey[key]!;
    let queue = -1;
    if (o >= 0) {
      const from = plan.first[o]!;
      const to = plan.first[o + 1]!;
      let next = from;
      while (next < to && plan.endMs[next]! <= input.nowMs) next++;
      this.next[o] = next;
      const begunByTime = next > from || (next < to && plan.startMs[from]! <= input.nowMs);
      this.wakeMs[o] =
        next === to
          ? Infinity
          : begunByTime
            ? plan.endMs[next]!
            : Math.min(plan.startMs[from]!, plan.endMs[next]!);
      const begun = begunByTime || (next < to && (input.begun?.(plan.orders[o]!) ?? false));
      if (this.owner[key]! < 0 && next < to && begun) queue = this.places[next]?.ordinal ?? -1;
      const was = this.queuedAt[o]!;
      if (queue !== was) {
        this.queuedAt[o] = queue;
        if (was >= 0) this.leave(was, o);
        if (queue >= 0) this.join(queue, o);
      }
    }
    const m = this.owner[key]!;
    if (m >= 0) {
      const p = this.floor!.list[m]!;
      this.put(key, p.x, p.y, p.height + ITEM_HEIGHT_M / 2, p.line);
    } else if (queue < 0) this.hide(key);
  }

  private join(place: number, o: number): void {
    const list = this.members[place]!;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]! < o) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, o);
    this.markPlace(place);
  }

  private leave(place: number, o: number): void {
    const list = this.members[place]!;
    const i = list.indexOf(o);
    if (i >= 0) list.splice(i, 1);
    this.markPlace(place);
  }

  /** Re-places a machine's queue (and marks its buffer when items spill or spilled), or a buffer's stack. */
  private placeQueue(place: number, floor: FloorIndex): void {
    const p = floor.list[place]!;
    const pt = this.point;
    if (place >= floor.machineCount) {
      const spill = this.spill;
      spill.length = 0;
      for (const m of this.feeders[place]!) {
        const list = this.members[m]!;
        for (let k = infeedCapacity(floor.list[m]!); k < list.length; k++) spill.push(list[k]!);
      }
      spill.sort((a, b) => a - b);
      for (let k = 0; k < spill.length; k++) {
        const z = bufferSpot(p, k, pt);
        this.put(this.keyOfOrdinal[spill[k]!]!, pt.x, pt.y, z, p.line);
      }
      return;
    }
    const list = this.members[place]!;
    const buffer = this.bufferOf[place]!;
    const cap = buffer >= 0 ? Math.min(list.length, infeedCapacity(p)) : list.length;
    for (let k = 0; k < cap; k++) {
      const z = infeedSpot(p, k, pt);
      this.put(this.keyOfOrdinal[list[k]!]!, pt.x, pt.y, z, p.line);
    }
    // The buffer is re-placed when this queue spills or spilled into it.
    const longest = Math.max(list.length, this.placedLength[place]!);
    this.placedLength[place] = list.length;
    if (buffer >= 0 && longest > infeedCapacity(p)) this.markPlace(buffer);
  }

  private put(key: number, x: number, y: number, z: number, line: string | undefined): void {
    this.placedCount++;
    const i = key * 3;
    const xyz = this.xyz;
    if (this.shown[key] === 1 && xyz[i] === Math.fround(x) && xyz[i + 1] === Math.fround(y)) {
      if (xyz[i + 2] === Math.fround(z) && this.lineOf[key] === line) return;
    }
    this.shown[key] = 1;
    xyz[i] = x;
    xyz[i + 1] = y;
    xyz[i + 2] = z;
    this.lineOf[key] = line;
    this.noteChange(key);
  }

  private hide(key: number): void {
    if (this.shown[key] === 0) return;
    this.shown[key] = 0;
    this.noteChange(key);
  }

  private noteChange(key: number): void {
    if (this.changedStamp[key] === this.stamp) return;
    this.changedStamp[key] = this.stamp;
    if (this.changed.length <= this.changedCount)
      this.changed = grownInt32(this.changed, this.changedCount + 1);
    this.changed[this.changedCount++] = key;
  }

  private markKey(key: number): void {
    if (this.keyStamp[key] === this.stamp) return;
    this.keyStamp[key] = this.stamp;
    this.dirtyKeys.push(key);
  }

  private markPlace(place: number): void {
    if (this.placeStamp[place] === this.stamp) return;
    this.placeStamp[place] = this.stamp;
    this.dirtyPlaces.push(place);
  }

  /** The stable key of an order, made on first sight. */
  private key(order: string): number {
    let key = this.keyOf.get(order);
    if (key !== undefined) return key;
    key = this.names.length;
    this.keyOf.set(order, key);
    this.names.push(order);
    this.lineOf.push(undefined);
    if (this.shown.length <= key) this.growKeys(key + 1);
    this.ordinalOfKey[key] = -1;
    this.owner[key] = -1;
    return key;
  }

  private growKeys(n: number): void {
    const size = Math.max(64, n * 2);
    const u8 = new Uint8Array(size);
    u8.set(this.shown);
    this.shown = u8;
    const f32 = new Float32Array(size * 3);
    f32.set(this.xyz);
    this.xyz = f32;
    for (const k of ['changedStamp', 'keyStamp'] as const) {
      const u32 = new Uint32Array(size);
      u32.set(this[k]);
      this[k] = u32;
    }
    for (const k of ['ordinalOfKey', 'holders', 'owner'] as const) {
      const i32 = new Int32Array(size);
      i32.set(this[k]);
      this[k] = i32;
    }
  }
}

function grownInt32(a: Int32Array, n: number): Int32Array {
  const b = new Int32Array(Math.max(64, n * 2));
  b.set(a);
  return b;
}
