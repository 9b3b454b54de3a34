// Statistics of observations (flow times, waits): Welford's update, because the naive Σx² − n·mean²
// loses every digit when the values sit far from zero (times late in a long run).

export interface TallyOptions {
  /** Observations stamped with a time before this are ignored (warm-up deletion); the boundary counts. */
  warmup?: number;
}

export class Tally {
  /** Observations with `t < warmup` are ignored; -Infinity when no warm-up was given. */
  readonly warmup: number;
  private n = 0;
  private m = 0; // running mean
  private m2 = 0; // running Σ (x − mean)²
  private lo = Infinity;
  private hi = -Infinity;

  constructor(options: TallyOptions = {}) {
    this.warmup = options.warmup ?? -Infinity;
    if (Number.isNaN(this.warmup)) throw new RangeError('warm-up must be a number');
  }

  /**
   * Records x, observed at time t. With a warm-up, t is required (an unstamped observation cannot be placed
   * inside or outside the window); observations at t < warmup are dropped, those at t ≥ warmup count.
   */
  observe(x: number, t?: number): void {
    if (this.warmup !== -Infinity) {
      if (t === undefined) throw new RangeError('this Tally has a warm-up: observe(x, t) needs the time');
      if (t < this.warmup) return;
    }
    if (!Number.isFinite(x)) throw new RangeError(`observation must be finite, got ${x}`);
    this.n += 1;
    const delta = x - this.m;
    this.m += delta / this.n;
    this.m2 += delta * (x - this.m);
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
  }

  /** Forgets every observation; the warm-up stays (so one Tally can serve successive replications). */
  reset(): void {
    this.n = 0;
    this.m = 0;
    this.m2 = 0;
    this.lo = Infinity;
    this.hi = -Infinity;
  }

  get count(): number {
    return this.n;
  }
  /** NaN when empty. */
  get mean(): number {
    return this.n > 0 ? this.m : NaN;
  }
  /** Sum of the observations (count × mean). */
  get sum(): number {
    return this.n * this.m;
  }
  /** Sample variance (divisor n − 1); NaN below two observations. */
  get variance(): number {
    return this.n > 1 ? this.m2 / (this.n - 1) : NaN;
  }
  /** Sample standard deviation (divisor n − 1); NaN below two observations. */
  get sd(): number {
    return Math.sqrt(this.variance);
  }
  /** Population variance (divisor n); NaN when empty. */
  get populationVariance(): number {
    return this.n > 0 ? this.m2 / this.n : NaN;
  }
  get populationSd(): number {
    return Math.sqrt(this.populationVariance);
  }
  /** NaN when empty. */
  get min(): number {
    return this.n > 0 ? this.lo : NaN;
  }
  /** NaN when empty. */
  get max(): number {
    return this.n > 0 ? this.hi : NaN;
  }
}
