/** A bounded log: the newest `capacity` entries, oldest dropped first; `dropped` counts what fell off. */
export class BoundedLog<T> {
  private readonly items: (T | undefined)[];
  private head = 0;
  private size = 0;
  dropped = 0;

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('capacity must be ≥ 1');
    this.items = new Array<T | undefined>(capacity);
  }

  push(item: T): void {
    this.items[(this.head + this.size) % this.capacity] = item;
    if (this.size < this.capacity) this.size++;
    else {
      this.head = (this.head + 1) % this.capacity;
      this.dropped++;
    }
  }

  get length(): number {
    return this.size;
  }

  /** Entries oldest first; with `predicate`, only those that pass. */
  toArray(predicate?: (item: T) => boolean): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.size; i++) {
      const item = this.items[(this.head + i) % this.capacity] as T;
      if (!predicate || predicate(item)) out.push(item);
    }
    return out;
  }
}
