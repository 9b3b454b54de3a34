import { NORMAL, type Callback, type Process, type Simulation, type Waitable } from '../simulation.js';

/**
 * The delay that brings the clock from `now` to at least `t`: `now + (t − now)` can round to just below t,
 * and a wake-up meant for a boundary must see the state on its far side (intervals are half-open).
 */
export function delayUntil(now: number, t: number): number {
  if (!(t > now)) return 0;
  let d = t - now;
  while (now + d < t) d += Math.max(Number.MIN_VALUE, d * Number.EPSILON);
  return d;
}

// Reusable waitables: the kernel's Signal fires once, but a machine says "something changed" thousands of
// times a run, and a lot waits for its station once per operation. These allocate nothing per wait.

/** Notify-all: every process waiting when `notify` is called resumes (a machine's "work may start now"). */
export class Gate implements Waitable {
  private waiters: Process[] = [];
  private spare: Process[] = [];

  constructor(private readonly sim: Simulation) {}

  subscribe(process: Process): boolean {
    this.waiters.push(process);
    return false;
  }

  unsubscribe(process: Process): void {
    const i = this.waiters.indexOf(process);
    if (i >= 0) this.waiters.splice(i, 1);
  }

  notify(): void {
    if (this.waiters.length === 0) return;
    const woken = this.waiters;
    this.waiters = this.spare;
    this.spare = woken;
    for (let i = 0; i < woken.length; i++) this.sim.wake(woken[i]!);
    woken.length = 0;
  }

  get waiting(): number {
    return this.waiters.length;
  }
}

/** One waiter, fired once per wait; a fire before the wait is remembered (the lot's "you are done"). */
export class Wakeup implements Waitable {
  private process: Process | undefined;
  private pending = false;

  constructor(private readonly sim: Simulation) {}

  subscribe(process: Process): boolean {
    if (this.pending) {
      this.pending = false;
      return true;
    }
    this.process = process;
    return false;
  }

  unsubscribe(): void {
    this.process = undefined;
  }

  fire(): void {
    const p = this.process;
    if (!p) {
      this.pending = true;
      return;
    }
    this.process = undefined;
    this.sim.wake(p);
  }
}

/**
 * Notifies a gate at a time (a planned start reached, a batch's longest wait over). Only the earliest pending
 * time is kept: when it fires, the woken stations re-arm for the next one. Superseded calendar entries are
 * recognised by their time and ignored, so re-arming needs no cancellation.
 */
export class GateTimer implements Callback {
  private dueAt = NaN;

  constructor(
    private readonly sim: Simulation,
    private readonly gate: Gate,
  ) {}

  arm(t: number): void {
    if (!(t < Infinity) || t === this.dueAt) return;
    const now = this.sim.now;
    if (this.dueAt >= now && this.dueAt < t) return; // an earlier wake-up is pending
    const delay = delayUntil(now, t);
    // The same sum the calendar computes, so `fire` recognises its own entry exactly.
    this.dueAt = now + delay;
    this.sim.scheduleCallback(delay, NORMAL, this);
  }

  fire(sim: Simulation): void {
    if (sim.now !== this.dueAt) return;
    this.dueAt = NaN;
    this.gate.notify();
  }
}
