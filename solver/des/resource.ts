import type { Process, Simulation, Waitable } from './simulation.js';

/** What a preempted user's process receives as the interrupt's cause. */
export interface Preempted {
  kind: 'preempted';
  by: Process | undefined;
  usageSince: number;
  resource: Resource;
}

/**
 * A claim on a resource. Yield it to wait until it is granted; pass it to `release` when done. Queued by
 * (priority, request time, preempting first, sequence): lower priority values go first, then FIFO.
 */
export class Request implements Waitable {
  /** The process waiting for the grant. */
  process: Process | undefined = undefined;
  /** The process that asked: it is the one interrupted when the claim is preempted. */
  readonly owner: Process | undefined;
  granted = false;
  /** When the claim was granted (valid while `granted`). */
  usageSince = 0;
  queueIndex = -1;

  constructor(
    readonly resource: Resource,
    readonly priority: number,
    readonly preempt: boolean,
    readonly time: number,
    readonly sequence: number,
  ) {
    this.owner = resource.sim.activeProcess;
  }

  subscribe(process: Process): boolean {
    if (this.granted) {
      process.resumeValue = this;
      return true;
    }
    this.process = process;
    return false;
  }

  unsubscribe(process: Process): void {
    if (this.process === process) this.process = undefined;
  }

  /** Withdraw a request still waiting (a no-op once granted: release it instead). */
  cancel(): void {
    if (!this.granted) this.resource.withdraw(this);
  }
}

/** Queue order: true when a goes before b. */
function before(a: Request, b: Request): boolean {
  if (a.priority !== b.priority) return a.priority < b.priority;
  if (a.time !== b.time) return a.time < b.time;
  if (a.preempt !== b.preempt) return a.preempt;
  return a.sequence < b.sequence;
}

/**
 * A resource with `capacity` identical slots, a priority queue and optional preemption (preempt-resume:
 * the preempted process is interrupted with a `Preempted` cause and decides how to continue).
 */
export class Resource {
  readonly users: Request[] = [];
  private readonly queue: Request[] = [];
  private sequence = 0;

  constructor(
    readonly sim: Simulation,
    readonly capacity = 1,
    readonly name = 'resource',
  ) {
    if (!(capacity >= 1)) throw new RangeError(`${name}: capacity must be ≥ 1`);
  }

  get queueLength(): number {
    return this.queue.length;
  }

  get count(): number {
    return this.users.length;
  }

  /** Ask for a slot; with `preempt`, a lower-priority user (higher value) may be pushed out. */
  request(priority = 0, preempt = false): Request {
    const req = new Request(this, priority, preempt, this.sim.now, this.sequence++);
    if (this.users.length < this.capacity && this.queue.length === 0) {
      this.grant(req);
    } else if (preempt && this.users.length >= this.capacity && this.tryPreempt(req)) {
      this.grant(req);
    } else {
      this.enqueue(req);
    }
    return req;
  }

  /** Give a slot back; the next in the queue gets it at once. */
  release(req: Request): void {
    const i = this.users.indexOf(req);
    if (i < 0) return; // already preempted or never granted
    this.users.splice(i, 1);
    req.granted = false;
    this.serveQueue();
  }

  withdraw(req: Request): void {
    const i = this.queue.indexOf(req);
    if (i >= 0) this.queue.splice(i, 1);
    req.process = undefined;
  }

  private serveQueue(): void {
    while (this.users.length < this.capacity && this.queue.length > 0) {
      const next = this.queue.shift()!;
      this.grant(next);
    }
  }

  private grant(req: Request): void {
    req.granted = true;
    req.usageSince = this.sim.now;
    this.users.push(req);
    if (req.process) {
      const p = req.process;
      req.process = undefined;
      p.resumeValue = req;
      this.sim.wake(p);
    }
  }

  /** Push out the user that would queue last, if the newcomer goes before it. */
  private tryPreempt(req: Request): boolean {
    let victim: Request | undefined;
    for (const user of this.users) if (!victim || before(victim, user)) victim = user;
    if (!victim || !before(req, victim)) return false;
    this.users.splice(this.users.indexOf(victim), 1);
    victim.granted = false;
    const cause: Preempted = {
      kind: 'preempted',
      by: req.owner,
      usageSince: victim.usageSince,
      resource: this,
    };
    victim.owner?.interrupt(cause);
    return true;
  }

  private enqueue(req: Request): void {
    // Insertion from the back: most requests arrive last in order, so this is O(1) in the common case.
    let i = this.queue.length;
    while (i > 0 && before(req, this.queue[i - 1]!)) i--;
    this.queue.splice(i, 0, req);
  }
}
