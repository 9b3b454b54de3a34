import { URGENT, type Process, type Simulation, type Waitable } from './simulation.js';

interface Waiting<T> {
  item: T;
  family: string;
  units: number;
  since: number;
}

/** A pending `take`: resolved with the batch when one can be formed. */
class Take<T> implements Waitable {
  process: Process | undefined;
  batch: T[] | undefined;
  constructor(
    readonly minUnits: number,
    readonly maxUnits: number,
    readonly maxWaitS: number,
  ) {}
  subscribe(process: Process): boolean {
    if (this.batch) {
      process.resumeValue = this.batch;
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
 * A batch resource's queue (ovens, washers): items of one family are run together. A batch forms when a
 * family has `minUnits` waiting, or when its longest-waiting item has waited `maxWaitS` (a partial batch);
 * it takes that family's items in arrival order up to `maxUnits` (an item larger than that runs alone).
 */
export class Batcher<T> {
  private readonly waiting: Waiting<T>[] = [];
  private readonly takers: Take<T>[] = [];

  constructor(private readonly sim: Simulation) {}

  get length(): number {
    return this.waiting.length;
  }

  add(item: T, family: string, units = 1): void {
    this.waiting.push({ item, family, units, since: this.sim.now });
    this.settle();
  }

  /** Yield the result: it completes with the items of one batch. */
  take(minUnits: number, maxUnits: number, maxWaitS = Infinity): Waitable {
    if (!(minUnits >= 1 && maxUnits >= minUnits)) throw new RangeError('need 1 ≤ minUnits ≤ maxUnits');
    const take = new Take<T>(minUnits, maxUnits, maxWaitS);
    this.takers.push(take);
    this.settle();
    return take;
  }

  private settle(): void {
    for (let i = 0; i < this.takers.length; i++) {
      const take = this.takers[i]!;
      const batch = this.form(take);
      if (!batch) continue;
      this.takers.splice(i--, 1);
      take.batch = batch;
      if (take.process) {
        take.process.resumeValue = batch;
        this.sim.wake(take.process);
      }
    }
    this.armTimer();
  }

  /** The batch a taker would get now, removed from the queue; undefined when none is ready. */
  private form(take: Take<T>): T[] | undefined {
    const families = [...new Set(this.waiting.map((w) => w.family))];
    // The family whose first item has waited longest goes first.
    for (const family of families) {
      const members = this.waiting.filter((w) => w.family === family);
      const total = members.reduce((s, w) => s + w.units, 0);
      const overdue = this.sim.now - members[0]!.since >= take.maxWaitS;
      if (total < take.minUnits && !overdue) continue;
      const chosen: Waiting<T>[] = [];
      let units = 0;
      for (const w of members) {
        if (chosen.length > 0 && units + w.units > take.maxUnits) break;
        chosen.push(w);
        units += w.units;
      }
      for (const w of chosen) this.waiting.splice(this.waiting.indexOf(w), 1);
      return chosen.map((w) => w.item);
    }
    return undefined;
  }

  /** Wake up when the oldest waiting item becomes overdue for some taker. */
  private armTimer(): void {
    if (!this.takers.length || !this.waiting.length) return;
    const wait = Math.min(...this.takers.map((t) => t.maxWaitS));
    if (wait === Infinity) return;
    const due = Math.min(...this.waiting.map((w) => w.since)) + wait;
    if (due > this.sim.now)
      this.sim.scheduleCallback(due - this.sim.now, URGENT, { fire: () => this.settle() });
  }
}
