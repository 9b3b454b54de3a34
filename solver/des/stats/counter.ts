// Event counts (arrivals, completions, failures) with warm-up deletion.
//
// The window is half-open, [warmup, ∞), like every interval in the project (DESIGN §3): an event exactly at
// the warm-up instant counts. The reference models (SPEC §1.3) write the window as (W, H); in continuous time
// an event lands exactly on W with probability 0, and events at t ≥ H are never executed, so both agree.

export interface CounterOptions {
  /** Events at t < warmup are left out of `count` (they are still in `total`). */
  warmup?: number;
}

export class Counter {
  /** -Infinity when no warm-up was given. */
  readonly warmup: number;
  private inWindow = 0;
  private all = 0;

  constructor(options: CounterOptions = {}) {
    this.warmup = options.warmup ?? -Infinity;
    if (Number.isNaN(this.warmup)) throw new RangeError('warm-up must be a number');
  }

  /** Records n events (default 1) at time t. */
  record(t: number, n = 1): void {
    if (Number.isNaN(t)) throw new RangeError('event time must be a number');
    this.all += n;
    if (t >= this.warmup) this.inWindow += n;
  }

  /** Events at or after the warm-up instant. */
  get count(): number {
    return this.inWindow;
  }

  /** All events, warm-up included. */
  get total(): number {
    return this.all;
  }

  /** Forgets every event; the warm-up stays. */
  reset(): void {
    this.inWindow = 0;
    this.all = 0;
  }
}
