/**
 * The event calendar: a binary min-heap keyed (time, priority, sequence), so simultaneous events run in a
 * defined order: lower priority value first, then first scheduled first. Entries live in parallel typed
 * arrays indexed by slot, and slots are recycled, so scheduling allocates nothing once the arrays have grown.
 */
export class EventQueue<Target> {
  private times = new Float64Array(256);
  private priorities = new Int32Array(256);
  private sequences = new Float64Array(256);
  private tokens = new Int32Array(256);
  private targets: (Target | undefined)[] = new Array(256);
  private heap = new Int32Array(256);
  private free = new Int32Array(256);
  private freeCount = 0;
  private slotCount = 0;
  private nextSequence = 0;
  size = 0;

  /** Add an event; `token` travels with it (callers use it to recognise stale wake-ups). */
  push(time: number, priority: number, target: Target, token: number): void {
    const slot = this.allocate();
    this.times[slot] = time;
    this.priorities[slot] = priority;
    this.sequences[slot] = this.nextSequence++;
    this.tokens[slot] = token;
    this.targets[slot] = target;
    let i = this.size++;
    if (i >= this.heap.length) this.heap = grow(this.heap);
    // Sift up.
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!this.less(slot, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = slot;
  }

  /** Time of the next event (Infinity when empty). */
  peekTime(): number {
    return this.size === 0 ? Infinity : this.times[this.heap[0]!]!;
  }

  /**
   * Remove the next event and return its slot; read it with `time`, `target`, `token` before the next push.
   * Returns -1 when empty.
   */
  pop(): number {
    if (this.size === 0) return -1;
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap[--this.size]!;
    if (this.size > 0) {
      // Sift down.
      let i = 0;
      const n = this.size;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        let child = left;
        if (right < n && this.less(heap[right]!, heap[left]!)) child = right;
        if (!this.less(heap[child]!, last)) break;
        heap[i] = heap[child]!;
        i = child;
      }
      heap[i] = last;
    }
    this.release(top);
    return top;
  }

  time(slot: number): number {
    return this.times[slot]!;
  }

  target(slot: number): Target {
    return this.targets[slot] as Target;
  }

  token(slot: number): number {
    return this.tokens[slot]!;
  }

  private less(a: number, b: number): boolean {
    const ta = this.times[a]!;
    const tb = this.times[b]!;
    if (ta !== tb) return ta < tb;
    const pa = this.priorities[a]!;
    const pb = this.priorities[b]!;
    if (pa !== pb) return pa < pb;
    return this.sequences[a]! < this.sequences[b]!;
  }

  private allocate(): number {
    if (this.freeCount > 0) return this.free[--this.freeCount]!;
    const slot = this.slotCount++;
    if (slot >= this.times.length) {
      this.times = grow(this.times);
      this.priorities = grow(this.priorities);
      this.sequences = grow(this.sequences);
      this.tokens = grow(this.tokens);
      this.targets.length = this.times.length;
    }
    return slot;
  }

  /** The slot's fields stay readable until the next push reuses it. */
  private release(slot: number): void {
    if (this.freeCount >= this.free.length) this.free = grow(this.free);
    this.free[this.freeCount++] = slot;
  }
}

function grow<T extends Float64Array | Int32Array>(array: T): T {
  const bigger = new (array.constructor as new (n: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}
