import type { Process, Simulation, Waitable } from './simulation.js';

/** A put that waits while the store is full. */
class Put<T> implements Waitable {
  process: Process | undefined;
  done = false;
  constructor(readonly item: T) {}
  subscribe(process: Process): boolean {
    if (this.done) return true;
    this.process = process;
    return false;
  }
  unsubscribe(): void {
    this.process = undefined;
  }
}

/** A get that waits while the store holds nothing it accepts. */
class Get<T> implements Waitable {
  process: Process | undefined;
  done = false;
  item: T | undefined;
  constructor(readonly accept: ((item: T) => boolean) | undefined) {}
  subscribe(process: Process): boolean {
    if (this.done) {
      process.resumeValue = this.item;
      return true;
    }
    this.process = process;
    return false;
  }
  unsubscribe(): void {
    this.process = undefined;
  }
}

/**
 * A buffer of items with a capacity: `put` blocks while it is full (the upstream machine is blocked), `get`
 * blocks while it holds nothing acceptable (the downstream machine is starved). FIFO on both sides; a get
 * with a filter takes the first item it accepts.
 */
export class Store<T> {
  readonly items: T[] = [];
  private readonly putters: Put<T>[] = [];
  private readonly getters: Get<T>[] = [];

  constructor(
    private readonly sim: Simulation,
    readonly capacity = Infinity,
    readonly name = 'store',
  ) {
    if (!(capacity >= 1)) throw new RangeError(`${name}: capacity must be ≥ 1`);
  }

  /** Yield the result: it completes when the item is in the store. */
  put(item: T): Waitable {
    const put = new Put(item);
    this.putters.push(put);
    this.settle();
    return put;
  }

  /** Yield the result: it completes with the item taken. */
  get(accept?: (item: T) => boolean): Waitable {
    const get = new Get<T>(accept);
    this.getters.push(get);
    this.settle();
    return get;
  }

  get level(): number {
    return this.items.length;
  }

  get blockedPuts(): number {
    return this.putters.length;
  }

  /** Match waiting puts and gets until nothing more can move. */
  private settle(): void {
    let moved = true;
    while (moved) {
      moved = false;
      while (this.putters.length > 0 && this.items.length < this.capacity) {
        const put = this.putters.shift()!;
        this.items.push(put.item);
        put.done = true;
        if (put.process) this.sim.wake(put.process);
        moved = true;
      }
      for (let g = 0; g < this.getters.length; g++) {
        const get = this.getters[g]!;
        const index = get.accept ? this.items.findIndex(get.accept) : this.items.length > 0 ? 0 : -1;
        if (index < 0) continue;
        get.item = this.items.splice(index, 1)[0];
        get.done = true;
        this.getters.splice(g--, 1);
        if (get.process) {
          get.process.resumeValue = get.item;
          this.sim.wake(get.process);
        }
        moved = true;
      }
    }
  }
}
