/** Slots closer than this are sent in one span: a few unchanged slots cost less than another GL call. */
const MERGE_GAP = 32;
/** Beyond this many spans, one upload of the whole buffer is cheaper than many small ones. */
const MAX_SPANS = 48;

/** What an instanced attribute offers for partial uploads (three's BufferAttribute). */
export interface RangeTarget {
  needsUpdate: boolean;
  addUpdateRange(start: number, count: number): void;
  clearUpdateRanges(): void;
}

/**
 * The instance slots written in a frame, as spans of neighbouring slots, so that only those parts of the
 * instance buffer go to the GPU. Slots are added in ascending order; storage is reused between frames.
 */
export class DirtySpans {
  private starts = new Int32Array(MAX_SPANS);
  private ends = new Int32Array(MAX_SPANS);
  count = 0;
  /** Slots added since the last reset. */
  slots = 0;
  /** Too many spans: the whole buffer is sent. */
  whole = false;

  reset(): void {
    this.count = 0;
    this.slots = 0;
    this.whole = false;
  }

  add(slot: number): void {
    this.slots++;
    if (this.whole) return;
    const last = this.count - 1;
    if (last >= 0 && slot - this.ends[last]! <= MERGE_GAP) {
      this.ends[last] = slot + 1;
      return;
    }
    if (this.count === MAX_SPANS) {
      this.whole = true;
      return;
    }
    this.starts[this.count] = slot;
    this.ends[this.count++] = slot + 1;
  }

  /**
   * Marks the attribute for upload: the spans only (added to spans not yet uploaded), or all of it (itemSize
   * floats per slot). Call once per frame, before the render.
   */
  applyTo(target: RangeTarget, itemSize: number): void {
    if (this.slots === 0) return;
    if (this.whole) target.clearUpdateRanges();
    else {
      for (let i = 0; i < this.count; i++) {
        target.addUpdateRange(this.starts[i]! * itemSize, (this.ends[i]! - this.starts[i]!) * itemSize);
      }
    }
    target.needsUpdate = true;
  }

  /** Start and end (exclusive) of span i, for tests. */
  span(i: number): [number, number] {
    return [this.starts[i]!, this.ends[i]!];
  }
}
