import { EventQueue } from './event-queue.js';

/** Scheduling priorities for simultaneous events: wake-ups of waiting processes before new timeouts. */
export const URGENT = 0;
export const NORMAL = 1;

/**
 * What a process may yield: a number is a timeout of that many time units; a Waitable (a resource request,
 * a store operation, a signal, another process) resumes the process when it completes.
 */
export type Wait = number | Waitable;
/** A process body; `R` is what it returns to a process that waits for it. */
export type ProcessBody<R = void> = Generator<Wait, R, unknown>;
type AnyBody = Generator<Wait, unknown, unknown>;

export interface Waitable {
  /**
   * Register `process` as waiting. Return true when already complete: the process then continues at once
   * with `process.resumeValue` set by the waitable.
   */
  subscribe(process: Process): boolean;
  /** The process stopped waiting (it was interrupted): forget it. */
  unsubscribe?(process: Process): void;
}

/** Thrown into a process by `interrupt(cause)`: a failure preempting a job, a cancelled transport. */
export class Interrupt extends Error {
  constructor(override readonly cause: unknown) {
    super('interrupted');
    this.name = 'Interrupt';
  }
}

/** A callback scheduled on the calendar (used by the kernel's own objects, not by models). */
export interface Callback {
  fire(sim: Simulation): void;
}

type Target = Process | Callback;

/**
 * A process: a generator driven by the simulation. It is itself Waitable, so one process can wait for
 * another to finish.
 */
export class Process implements Waitable {
  /** Bumped whenever a pending wake-up becomes stale (interrupt, resume), so stale calendar entries are skipped. */
  token = 0;
  resumeValue: unknown = undefined;
  waitingOn: Waitable | undefined = undefined;
  alive = true;
  /** What the generator returned. */
  result: unknown = undefined;
  private pendingInterrupts: Interrupt[] | undefined;
  private joiners: Process[] | undefined;

  constructor(
    readonly sim: Simulation,
    private readonly body: AnyBody,
    readonly name = 'process',
  ) {}

  /** Interrupt the process at the current time (after events already due now with urgent priority). */
  interrupt(cause?: unknown): void {
    if (!this.alive) return;
    (this.pendingInterrupts ??= []).push(new Interrupt(cause));
    this.sim.scheduleCallback(0, URGENT, { fire: () => this.deliverInterrupt() });
  }

  private deliverInterrupt(): void {
    const interrupt = this.pendingInterrupts?.shift();
    if (!interrupt || !this.alive) return;
    this.token++; // any wake-up scheduled before the interrupt is now stale
    this.waitingOn?.unsubscribe?.(this);
    this.waitingOn = undefined;
    this.advance(interrupt);
  }

  /** Resume now with a value (called by the kernel for a current wake-up). */
  step(): void {
    this.advance(undefined);
  }

  /** Drive the generator until it waits on something not yet complete, or ends. */
  advance(thrown: Interrupt | undefined): void {
    const previous = this.sim.activeProcess;
    this.sim.activeProcess = this;
    try {
      this.drive(thrown);
    } finally {
      this.sim.activeProcess = previous;
    }
  }

  private drive(thrown: Interrupt | undefined): void {
    let error = thrown;
    for (;;) {
      let next: IteratorResult<Wait, unknown>;
      try {
        if (error) {
          const e = error;
          error = undefined;
          next = this.body.throw(e);
        } else {
          const value = this.resumeValue;
          this.resumeValue = undefined;
          next = this.body.next(value);
        }
      } catch (e) {
        this.alive = false;
        throw e;
      }
      if (next.done) {
        this.finish(next.value);
        return;
      }
      const wait = next.value;
      if (typeof wait === 'number') {
        if (!(wait >= 0)) throw new RangeError(`${this.name}: a timeout must be ≥ 0 (got ${wait})`);
        this.waitingOn = undefined;
        this.sim.scheduleProcess(wait, NORMAL, this);
        return;
      }
      this.waitingOn = wait;
      if (!wait.subscribe(this)) return;
      this.waitingOn = undefined;
    }
  }

  private finish(result: unknown): void {
    this.alive = false;
    this.result = result;
    this.waitingOn = undefined;
    for (const joiner of this.joiners ?? []) {
      joiner.resumeValue = result;
      this.sim.wake(joiner);
    }
    this.joiners = undefined;
  }

  subscribe(process: Process): boolean {
    if (!this.alive) {
      process.resumeValue = this.result;
      return true;
    }
    (this.joiners ??= []).push(process);
    return false;
  }

  unsubscribe(process: Process): void {
    const i = this.joiners?.indexOf(process) ?? -1;
    if (i >= 0) this.joiners!.splice(i, 1);
  }
}

/**
 * The simulation: a clock and the event calendar. Time only moves by popping events; the kernel never reads
 * a wall clock (real-time pacing lives in realtime.ts and is given the time from outside).
 */
export class Simulation {
  now = 0;
  /** Calendar entries processed, stale ones included (engine-specific; models count their own events). */
  eventsProcessed = 0;
  /** The process whose generator is running now (resources record it as a request's owner). */
  activeProcess: Process | undefined = undefined;
  private readonly queue = new EventQueue<Target>();

  constructor(startTime = 0) {
    this.now = startTime;
  }

  /** Start a process now (it runs when the calendar reaches it, after events already due now). */
  process(body: AnyBody, name?: string): Process {
    const p = new Process(this, body, name);
    this.scheduleProcess(0, URGENT, p);
    return p;
  }

  /** Wake a waiting process at the current time (a resource granted it, a signal fired). */
  wake(process: Process): void {
    process.waitingOn = undefined;
    this.scheduleProcess(0, URGENT, process);
  }

  scheduleProcess(delay: number, priority: number, process: Process): void {
    this.queue.push(this.now + delay, priority, process, process.token);
  }

  scheduleCallback(delay: number, priority: number, callback: Callback): void {
    this.queue.push(this.now + delay, priority, callback, 0);
  }

  /** Time of the next event, Infinity when nothing is scheduled. */
  peek(): number {
    return this.queue.peekTime();
  }

  /** Process one calendar entry; false when the calendar is empty. */
  step(): boolean {
    const slot = this.queue.pop();
    if (slot < 0) return false;
    const target = this.queue.target(slot);
    const token = this.queue.token(slot);
    const time = this.queue.time(slot);
    if (target instanceof Process) {
      // A stale wake-up (the process was interrupted or resumed since) neither runs nor moves the clock.
      if (!target.alive || target.token !== token) return true;
      this.now = time;
      this.eventsProcessed++;
      target.token++;
      target.step();
    } else {
      this.now = time;
      this.eventsProcessed++;
      target.fire(this);
    }
    return true;
  }

  /**
   * Run until the calendar is empty or the next event is at or after `until` (events at `until` do not run);
   * the clock then stands at `until`.
   */
  run(until = Infinity): void {
    while (this.queue.size > 0 && this.queue.peekTime() < until) this.step();
    if (until !== Infinity && this.now < until) this.now = until;
  }

  get pending(): number {
    return this.queue.size;
  }
}
