/** What the motion reads of the WIP placement: per item key, whether and where it is; the keys that changed. */
export interface WipSource {
  readonly names: readonly string[];
  readonly shown: Uint8Array;
  readonly xyz: Float32Array;
  readonly lineOf: readonly (string | undefined)[];
  readonly changed: Int32Array;
  readonly changedCount: number;
}

/** How fast items glide to a new place on screen, and the bounds of one glide, in seconds. */
const GLIDE_MPS = 6;
const MIN_GLIDE_S = 0.6;
const MAX_GLIDE_S = 4;
/** Dirty bits per slot: the scene rewrites the matrix (position) and/or the colour (order) of the slot. */
export const DIRTY_POSITION = 1;
export const DIRTY_COLOUR = 2;

/** An item that started to glide, on its place's line (what sends an AGV). */
export type MoveListener = (
  order: string,
  fromX: number,
  fromY: number,
  toX: number,
  toY: number,
  line: string | undefined,
) => void;

/**
 * WIP items as instance slots that glide from where they were to where the WIP layout puts them now. Slots
 * are dense (0 .. count-1, so the InstancedMesh draws `count`): an order that leaves the floor gives its slot
 * to the last one. Times are passed in (seconds), so this is testable without a clock.
 */
export class WipMotion {
  count = 0;
  orders: string[] = [];
  /** Current x, y, z per slot (floor metres). */
  pos = new Float32Array(0);
  dirty = new Uint8Array(0);
  private from = new Float32Array(0);
  private to = new Float32Array(0);
  private t0 = new Float64Array(0);
  private dur = new Float32Array(0);
  private moving = new Uint8Array(0);
  /** Slot of each item key (-1: not on the floor), and key of each slot. */
  private slotOf = new Int32Array(0);
  private keyOf = new Int32Array(0);
  movingCount = 0;

  /**
   * Takes the items whose place changed: new items appear in place, moved items start to glide, gone items
   * are removed. Items not listed keep their slot untouched.
   */
  sync(source: WipSource, nowS: number, onMove?: MoveListener): void {
    this.grow(this.count + source.changedCount, source.names.length);
    for (let c = 0; c < source.changedCount; c++) {
      const key = source.changed[c]!;
      let s = this.slotOf[key]!;
      if (source.shown[key] !== 1) {
        if (s >= 0) this.remove(s);
        continue;
      }
      const x = source.xyz[key * 3]!;
      const y = source.xyz[key * 3 + 1]!;
      const z = source.xyz[key * 3 + 2]!;
      if (s < 0) {
        s = this.count++;
        this.slotOf[key] = s;
        this.keyOf[s] = key;
        this.orders[s] = source.names[key]!;
        this.setXyz(this.pos, s, x, y, z);
        this.setXyz(this.to, s, x, y, z);
        this.moving[s] = 0;
        this.dirty[s] = DIRTY_POSITION | DIRTY_COLOUR;
      } else if (this.to[s * 3] !== x || this.to[s * 3 + 1] !== y || this.to[s * 3 + 2] !== z) {
        const px = this.pos[s * 3]!;
        const py = this.pos[s * 3 + 1]!;
        this.setXyz(this.from, s, px, py, this.pos[s * 3 + 2]!);
        this.setXyz(this.to, s, x, y, z);
        const distance = Math.hypot(x - px, y - py, z - this.pos[s * 3 + 2]!);
        this.t0[s] = nowS;
        this.dur[s] = Math.min(MAX_GLIDE_S, Math.max(MIN_GLIDE_S, distance / GLIDE_MPS));
        if (this.moving[s] === 0) this.movingCount++;
        this.moving[s] = 1;
        onMove?.(this.orders[s]!, px, py, x, y, source.lineOf[key]);
      }
    }
  }

  /** Advances the glides to nowS; returns how many items are still moving. */
  step(nowS: number): number {
    if (this.movingCount === 0) return 0;
    let still = 0;
    for (let s = 0; s < this.count; s++) {
      if (this.moving[s] === 0) continue;
      const f = Math.min(1, (nowS - this.t0[s]!) / this.dur[s]!);
      const e = f * f * (3 - 2 * f); // smoothstep: start and stop gently
      const o = s * 3;
      for (let k = 0; k < 3; k++)
        this.pos[o + k] = this.from[o + k]! + (this.to[o + k]! - this.from[o + k]!) * e;
      this.dirty[s] = this.dirty[s]! | DIRTY_POSITION;
      if (f >= 1) this.moving[s] = 0;
      else still++;
    }
    this.movingCount = still;
    return still;
  }

  private remove(s: number): void {
    const last = this.count - 1;
    if (this.moving[s] === 1) this.movingCount--;
    this.slotOf[this.keyOf[s]!] = -1;
    if (s !== last) {
      const key = this.keyOf[last]!;
      this.keyOf[s] = key;
      this.slotOf[key] = s;
      this.orders[s] = this.orders[last]!;
      this.pos.copyWithin(s * 3, last * 3, last * 3 + 3);
      this.from.copyWithin(s * 3, last * 3, last * 3 + 3);
      this.to.copyWithin(s * 3, last * 3, last * 3 + 3);
      this.t0[s] = this.t0[last]!;
      this.dur[s] = this.dur[last]!;
      this.moving[s] = this.moving[last]!;
      this.dirty[s] = DIRTY_POSITION | DIRTY_COLOUR;
    }
    this.orders.length = last;
    this.count = last;
  }

  private setXyz(a: Float32Array, s: number, x: number, y: number, z: number): void {
    a[s * 3] = x;
    a[s * 3 + 1] = y;
    a[s * 3 + 2] = z;
  }

  private grow(n: number, keys: number): void {
    if (this.slotOf.length < keys) {
      const slotOf = new Int32Array(Math.max(64, keys * 2)).fill(-1);
      slotOf.set(this.slotOf);
      this.slotOf = slotOf;
    }
    if (this.moving.length >= n) return;
    const size = Math.max(64, n * 2);
    const f32 = (a: Float32Array, k: number) => {
      const b = new Float32Array(size * k);
      b.set(a);
      return b;
    };
    this.pos = f32(this.pos, 3);
    this.from = f32(this.from, 3);
    this.to = f32(this.to, 3);
    this.dur = f32(this.dur, 1);
    const t0 = new Float64Array(size);
    t0.set(this.t0);
    this.t0 = t0;
    for (const key of ['moving', 'dirty'] as const) {
      const b = new Uint8Array(size);
      b.set(this[key]);
      this[key] = b;
    }
    const keyOf = new Int32Array(size);
    keyOf.set(this.keyOf);
    this.keyOf = keyOf;
  }
}
