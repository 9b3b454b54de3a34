import type { Simulation } from './simulation.js';

export type PacingMode = 'strict' | 'catch-up';

export interface PacerOptions {
  /** Simulated seconds per wall second. */
  speed: number;
  /** strict: falling behind by more than `toleranceMs` is an error; catch-up: run late events as fast as possible. */
  mode: PacingMode;
  toleranceMs?: number;
  /** Events per `advance` at most, so a catching-up run still yields to the caller's event loop. */
  maxEventsPerAdvance?: number;
}

export interface AdvanceResult {
  simTime: number;
  /** Wall time (ms) when the next event is due; Infinity when nothing is scheduled. */
  nextWallMs: number;
  /** How far the simulation trails the wall clock, in wall milliseconds (0 when on time). */
  lagMs: number;
  eventsRun: number;
}

export class RealTimeLagError extends Error {
  constructor(readonly lagMs: number) {
    super(`the simulation is ${lagMs.toFixed(0)} ms behind the wall clock (strict pacing)`);
    this.name = 'RealTimeLagError';
  }
}

/**
 * Wall-clock pacing of a simulation. The pacer never reads a clock: its caller (a timer in connectors/) passes
 * the wall time in, runs `advance`, and sets its next timer to `nextWallMs`.
 */
export class RealTimePacer {
  private anchorWallMs = 0;
  private anchorSim = 0;
  private speed: number;

  constructor(
    private readonly sim: Simulation,
    private readonly options: PacerOptions,
  ) {
    if (!(options.speed > 0)) throw new RangeError('speed must be > 0');
    this.speed = options.speed;
  }

  /** Tie simulated `sim.now` to `wallMs`. */
  start(wallMs: number): void {
    this.anchorWallMs = wallMs;
    this.anchorSim = this.sim.now;
  }

  /** Change speed from `wallMs` on without a jump in simulated time. */
  setSpeed(speed: number, wallMs: number): void {
    if (!(speed > 0)) throw new RangeError('speed must be > 0');
    this.anchorSim = this.simTimeAt(wallMs);
    this.anchorWallMs = wallMs;
    this.speed = speed;
  }

  simTimeAt(wallMs: number): number {
    return this.anchorSim + ((wallMs - this.anchorWallMs) / 1000) * this.speed;
  }

  wallMsAt(simTime: number): number {
    return this.anchorWallMs + ((simTime - this.anchorSim) / this.speed) * 1000;
  }

  /** Run every event due by `wallMs` (up to the per-call limit) and move the clock to the wall's time. */
  advance(wallMs: number): AdvanceResult {
    const target = this.simTimeAt(wallMs);
    const limit = this.options.maxEventsPerAdvance ?? Infinity;
    let eventsRun = 0;
    while (this.sim.peek() <= target && eventsRun < limit) {
      this.sim.step();
      eventsRun++;
    }
    const behind = this.sim.peek() <= target;
    const lagMs = behind ? wallMs - this.wallMsAt(this.sim.peek()) : 0;
    if (!behind && this.sim.now < target) this.sim.now = target;
    if (behind && this.options.mode === 'strict' && lagMs > (this.options.toleranceMs ?? 100)) {
      throw new RealTimeLagError(lagMs);
    }
    const next = this.sim.peek();
    return {
      simTime: this.sim.now,
      nextWallMs: next === Infinity ? Infinity : this.wallMsAt(next),
      lagMs,
      eventsRun,
    };
  }
}
