// Time-weighted statistics of a piecewise-constant level (WIP, queue length, machine busy 0/1).
// The integral is the exact sum of level × duration, accumulated with Neumaier's compensation so a long
// run of small steps does not drift.

export interface TimeWeightedOptions {
  /** Time at which the level is first known (default 0). */
  start?: number;
  /** Level from `start` until the first update (default 0). */
  initial?: number;
  /**
   * Start of the observation window. Levels set before it are carried to it but not counted: the window is
   * [max(start, warmup), tEnd].
   */
  warmup?: number;
}

export class TimeWeighted {
  private readonly warmup: number;
  private windowStart: number;
  private lastT: number;
  private level: number;
  private sum = 0; // ∫ level dt over [windowStart, lastT], Neumaier sum + compensation
  private comp = 0;
  private lo = Infinity; // over levels held for a positive time inside the window
  private hi = -Infinity;

  constructor(options: TimeWeightedOptions = {}) {
    const start = options.start ?? 0;
    this.warmup = options.warmup ?? -Infinity;
    if (!Number.isFinite(start) || Number.isNaN(this.warmup)) {
      throw new RangeError('start must be finite and warm-up a number');
    }
    this.lastT = start;
    this.level = checkLevel(options.initial ?? 0);
    this.windowStart = Math.max(start, this.warmup);
  }

  /** The level holds from t on. Times must not decrease; several updates at one instant keep the last. */
  update(t: number, value: number): void {
    if (!(t >= this.lastT)) throw new RangeError(`time went backwards: ${t} < ${this.lastT}`);
    checkLevel(value);
    const from = this.from();
    if (t > from) {
      this.add(this.level * (t - from));
      if (this.level < this.lo) this.lo = this.level;
      if (this.level > this.hi) this.hi = this.level;
    }
    this.lastT = t;
    this.level = value;
  }

  /** ∫ level dt over the window [start, tEnd]; 0 when tEnd ≤ start. tEnd may not precede the last update. */
  integral(tEnd: number): number {
    this.checkEnd(tEnd);
    const from = this.from();
    return this.sum + this.comp + (tEnd > from ? this.level * (tEnd - from) : 0);
  }

  /** Time average over [start, tEnd]; NaN when the window is empty (tEnd ≤ start). */
  mean(tEnd: number): number {
    const length = tEnd - this.windowStart;
    const area = this.integral(tEnd);
    return length > 0 ? area / length : NaN;
  }

  /**
   * Smallest level held for a positive time in [start, tEnd]; NaN for an empty window. A value replaced at
   * the same instant (e.g. busy 1 → 0 → 1 at one time) was never held and does not count.
   */
  min(tEnd: number): number {
    this.checkEnd(tEnd);
    const lo = tEnd > this.from() ? Math.min(this.lo, this.level) : this.lo;
    return lo === Infinity ? NaN : lo;
  }

  /** Largest level held for a positive time in [start, tEnd]; NaN for an empty window. */
  max(tEnd: number): number {
    this.checkEnd(tEnd);
    const hi = tEnd > this.from() ? Math.max(this.hi, this.level) : this.hi;
    return hi === -Infinity ? NaN : hi;
  }

  /** The current level. */
  get value(): number {
    return this.level;
  }

  /** Start of the observation window. */
  get start(): number {
    return this.windowStart;
  }

  /**
   * Starts a new window at max(t, warmup) with the given level (default: the current one), forgetting the
   * integral, min and max. t may lie before the last update, so one instance can serve successive replications.
   */
  reset(t: number, level: number = this.level): void {
    if (!Number.isFinite(t)) throw new RangeError(`reset time must be finite, got ${t}`);
    this.lastT = t;
    this.level = checkLevel(level);
    this.windowStart = Math.max(t, this.warmup);
    this.sum = 0;
    this.comp = 0;
    this.lo = Infinity;
    this.hi = -Infinity;
  }

  /** Where the current level starts counting: its own start or the window start, whichever is later. */
  private from(): number {
    return this.lastT > this.windowStart ? this.lastT : this.windowStart;
  }

  /** No history is kept, so statistics can only be read at or after the last update. */
  private checkEnd(tEnd: number): void {
    if (!(tEnd >= this.lastT)) throw new RangeError(`tEnd ${tEnd} precedes the last update ${this.lastT}`);
  }

  /** Neumaier's compensated addition. */
  private add(x: number): void {
    const s = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.comp += this.sum - s + x;
    else this.comp += x - s + this.sum;
    this.sum = s;
  }
}

function checkLevel(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`level must be finite, got ${value}`);
  return value;
}
