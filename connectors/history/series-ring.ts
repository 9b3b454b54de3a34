import type { Quality } from '../../twin/schema/observation.js';
import { QUALITIES } from '../../twin/schema/observation.js';
import type { HistoryPoint, HistoryValue } from './history-reader.js';

/**
 * The points of one series (asset + signal) in arrival order, in a ring that grows by doubling up to its
 * capacity and then overwrites its oldest point. Typed arrays for times and qualities: no object per point.
 */
export class SeriesRing {
  private ts: Float64Array;
  private quality: Uint8Array;
  private values: HistoryValue[];
  private head = 0;
  size = 0;
  /** Sequence number of the oldest point held (points are numbered in arrival order from 0). */
  firstSeq = 0;
  /** False once a point arrived with an earlier time than the one before it: reads then sort. */
  private inOrder = true;

  constructor(private readonly capacity: number) {
    const initial = Math.min(capacity, 16);
    this.ts = new Float64Array(initial);
    this.quality = new Uint8Array(initial);
    this.values = new Array<HistoryValue>(initial).fill(null);
  }

  get full(): boolean {
    return this.size === this.capacity;
  }

  /** Appends a point; when full, the oldest is overwritten (the caller counts that eviction). */
  push(ts: number, value: HistoryValue, quality: Quality): void {
    if (this.size === this.ts.length && this.size < this.capacity) this.grow();
    if (this.size > 0 && ts < this.newestTs()) this.inOrder = false;
    const slot = (this.head + this.size) % this.ts.length;
    this.ts[slot] = ts;
    this.values[slot] = value;
    this.quality[slot] = QUALITIES.indexOf(quality);
    if (this.size === this.ts.length) {
      this.head = (this.head + 1) % this.ts.length;
      this.firstSeq++;
    } else {
      this.size++;
    }
  }

  /** Drops the oldest point. */
  shift(): void {
    if (this.size === 0) return;
    this.values[this.head] = null;
    this.head = (this.head + 1) % this.ts.length;
    this.size--;
    this.firstSeq++;
  }

  private newestTs(): number {
    return this.ts[(this.head + this.size - 1) % this.ts.length] ?? Number.NaN;
  }

  /** The newest point, or undefined when empty. */
  newest(): HistoryPoint | undefined {
    if (this.size === 0) return undefined;
    let best = (this.head + this.size - 1) % this.ts.length;
    if (!this.inOrder) {
      // Out-of-order arrivals: the newest by time is not necessarily the last to arrive.
      for (let i = 0; i < this.size; i++) {
        const slot = (this.head + i) % this.ts.length;
        if ((this.ts[slot] ?? 0) >= (this.ts[best] ?? 0)) best = slot;
      }
    }
    return this.pointAt(best);
  }

  /** Points with fromMs ≤ ts < toMs, in time order (stable for equal times). */
  range(fromMs: number, toMs: number): HistoryPoint[] {
    const out: HistoryPoint[] = [];
    for (let i = 0; i < this.size; i++) {
      const slot = (this.head + i) % this.ts.length;
      const t = this.ts[slot] ?? 0;
      if (t >= fromMs && t < toMs) out.push(this.pointAt(slot));
    }
    if (!this.inOrder) out.sort((a, b) => a.ts - b.ts);
    return out;
  }

  private pointAt(slot: number): HistoryPoint {
    return {
      ts: this.ts[slot] ?? 0,
      value: this.values[slot] ?? null,
      quality: QUALITIES[this.quality[slot] ?? 0] ?? 'good',
    };
  }

  private grow(): void {
    const length = Math.min(this.capacity, this.ts.length * 2);
    const ts = new Float64Array(length);
    const quality = new Uint8Array(length);
    const values = new Array<HistoryValue>(length).fill(null);
    for (let i = 0; i < this.size; i++) {
      const slot = (this.head + i) % this.ts.length;
      ts[i] = this.ts[slot] ?? 0;
      quality[i] = this.quality[slot] ?? 0;
      values[i] = this.values[slot] ?? null;
    }
    this.ts = ts;
    this.quality = quality;
    this.values = values;
    this.head = 0;
  }
}
