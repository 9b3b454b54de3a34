import { NORMAL, type Callback, type Simulation } from '../simulation.js';
import { delayUntil } from './gate.js';
import type { MachineRt } from './machine.js';

/**
 * Walks a machine's calendar, maintenance and downtime boundaries: at each one the machine re-derives its
 * state (off, maintenance, down) and wakes its stations. One reused callback per machine; the timing of work
 * itself does not depend on it (operations pause by `advanceWorking` on the availability intervals).
 */
export class AvailabilityWalker implements Callback {
  private next = 0;

  constructor(private readonly m: MachineRt) {}

  start(sim: Simulation): void {
    this.m.refresh();
    this.schedule(sim);
  }

  fire(sim: Simulation): void {
    this.m.refresh();
    if (this.m.canStart()) this.m.gate.notify();
    this.schedule(sim);
  }

  private schedule(sim: Simulation): void {
    const b = this.m.c.boundaries;
    while (this.next < b.length && b[this.next]! <= sim.now) this.next++;
    if (this.next < b.length) sim.scheduleCallback(delayUntil(sim.now, b[this.next]!), NORMAL, this);
  }
}
