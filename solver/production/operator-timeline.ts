// When each operator is held: per operator, sorted disjoint half-open intervals [start, end). Not append-only
// (an operation decoded later may fit earlier in an operator's day), so a booking is a sorted insert; every
// booking of a listed operation is logged with its list position, so the decoder returns to the state at a
// checkpoint by undoing the log back to that position (last in, first out: the indices logged stay valid).
// Pinned operations are booked first, unlogged, and stay. Storage grows by doubling, never per booking.

const INITIAL_CAPACITY = 16;

export class OperatorTimeline {
  private starts: Float64Array[];
  private ends: Float64Array[];
  private readonly counts: Int32Array;
  private logOperator: Int32Array;
  private logIndex: Int32Array;
  private logPosition: Int32Array;
  private logLength = 0;

  constructor(readonly operators: number) {
    this.starts = Array.from({ length: operators }, () => new Float64Array(INITIAL_CAPACITY));
    this.ends = Array.from({ length: operators }, () => new Float64Array(INITIAL_CAPACITY));
    this.counts = new Int32Array(operators);
    this.logOperator = new Int32Array(INITIAL_CAPACITY);
    this.logIndex = new Int32Array(INITIAL_CAPACITY);
    this.logPosition = new Int32Array(INITIAL_CAPACITY);
  }

  /** Forgets every booking, pinned ones too. */
  clear(): void {
    this.counts.fill(0);
    this.logLength = 0;
  }

  /** Bookings of operator w (tests, reports). */
  bookings(w: number): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.counts[w]!; i++) out.push([this.starts[w]![i]!, this.ends[w]![i]!]);
    return out;
  }

  /** Index of the first booking of w that starts at or after t. */
  private firstStartingFrom(w: number, t: number): number {
    const starts = this.starts[w]!;
    let lo = 0;
    let hi = this.counts[w]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! >= t) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The end of the last booking of w that overlaps [a, b), or -1 when w is free over it. */
  conflictEnd(w: number, a: number, b: number): number {
    const i = this.firstStartingFrom(w, b) - 1;
    if (i < 0) return -1;
    const end = this.ends[w]![i]!;
    return end > a ? end : -1;
  }

  private grow(w: number): void {
    const size = this.starts[w]!.length * 2;
    const starts = new Float64Array(size);
    const ends = new Float64Array(size);
    starts.set(this.starts[w]!);
    ends.set(this.ends[w]!);
    this.starts[w] = starts;
    this.ends[w] = ends;
  }

  private insertAt(w: number, i: number, a: number, b: number): void {
    if (this.counts[w] === this.starts[w]!.length) this.grow(w);
    const n = this.counts[w]!;
    const starts = this.starts[w]!;
    const ends = this.ends[w]!;
    starts.copyWithin(i + 1, i, n);
    ends.copyWithin(i + 1, i, n);
    starts[i] = a;
    ends[i] = b;
    this.counts[w] = n + 1;
  }

  private removeAt(w: number, i: number): void {
    const n = this.counts[w]!;
    this.starts[w]!.copyWithin(i, i + 1, n);
    this.ends[w]!.copyWithin(i, i + 1, n);
    this.counts[w] = n - 1;
  }

  /**
   * Books a pinned operation (before any listed one): overlapping pinned bookings merge, since a pin is a
   * fact the search cannot move (the checkers name the double booking).
   */
  bookPinned(w: number, a: number, b: number): void {
    if (!(b > a)) return;
    const starts = this.starts[w]!;
    const ends = this.ends[w]!;
    let lo = 0;
    while (lo < this.counts[w]! && ends[lo]! <= a) lo++;
    let hi = lo;
    while (hi < this.counts[w]! && starts[hi]! < b) hi++;
    if (hi === lo) {
      this.insertAt(w, lo, a, b);
      return;
    }
    const start = Math.min(a, starts[lo]!);
    const end = Math.max(b, ends[hi - 1]!);
    for (let k = hi - 1; k > lo; k--) this.removeAt(w, k);
    starts[lo] = start;
    ends[lo] = end;
  }

  /** Books [a, b) for the operation at list `position`; the caller made sure w is free over it. */
  book(w: number, a: number, b: number, position: number): void {
    if (!(b > a)) return;
    const i = this.firstStartingFrom(w, a);
    this.insertAt(w, i, a, b);
    if (this.logLength === this.logOperator.length) {
      const size = this.logLength * 2;
      const grow = (x: Int32Array) => {
        const y = new Int32Array(size);
        y.set(x);
        return y;
      };
      this.logOperator = grow(this.logOperator);
      this.logIndex = grow(this.logIndex);
      this.logPosition = grow(this.logPosition);
    }
    this.logOperator[this.logLength] = w;
    this.logIndex[this.logLength] = i;
    this.logPosition[this.logLength] = position;
    this.logLength++;
  }

  /** Undoes the bookings of list positions ≥ `position` (pinned bookings stay). */
  restore(position: number): void {
    while (this.logLength > 0 && this.logPosition[this.logLength - 1]! >= position) {
      this.logLength--;
      this.removeAt(this.logOperator[this.logLength]!, this.logIndex[this.logLength]!);
    }
  }
}
