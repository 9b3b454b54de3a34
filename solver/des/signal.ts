import type { Process, Simulation, Waitable } from './simulation.js';

/** A one-shot event: processes that wait on it resume when it fires, with its value. */
export class Signal<T = unknown> implements Waitable {
  fired = false;
  value: T | undefined = undefined;
  private waiters: Process[] = [];

  constructor(private readonly sim: Simulation) {}

  fire(value?: T): void {
    if (this.fired) return;
    this.fired = true;
    this.value = value;
    for (const p of this.waiters) {
      p.resumeValue = value;
      this.sim.wake(p);
    }
    this.waiters = [];
  }

  subscribe(process: Process): boolean {
    if (this.fired) {
      process.resumeValue = this.value;
      return true;
    }
    this.waiters.push(process);
    return false;
  }

  unsubscribe(process: Process): void {
    const i = this.waiters.indexOf(process);
    if (i >= 0) this.waiters.splice(i, 1);
  }
}
