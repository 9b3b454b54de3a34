import { powerDrawKw } from '../../../twin/energy.js';
import type { PowerKw } from '../../../twin/schema/machine.js';
import { SHOP_FLOOR_STATES, type ShopFloorState } from '../../../twin/schema/machine-state.js';

// Shop-floor states by index (the order of SHOP_FLOOR_STATES), so the hot path compares small integers.
export const RUNNING = SHOP_FLOOR_STATES.indexOf('running');
export const IDLE = SHOP_FLOOR_STATES.indexOf('idle');
export const SETUP = SHOP_FLOOR_STATES.indexOf('setup');
export const DOWN = SHOP_FLOOR_STATES.indexOf('down');
export const MAINTENANCE = SHOP_FLOOR_STATES.indexOf('maintenance');
export const BLOCKED = SHOP_FLOOR_STATES.indexOf('blocked');
export const STARVED = SHOP_FLOOR_STATES.indexOf('starved');
export const OFF = SHOP_FLOOR_STATES.indexOf('off');
export const STATE_COUNT = SHOP_FLOOR_STATES.length;

export const stateName = (index: number): ShopFloorState => SHOP_FLOOR_STATES[index]!;

/** Power draw per state index, resolved once with the fallbacks of twin/energy.ts. */
export function powerVector(power: PowerKw | undefined): Float64Array {
  return Float64Array.from(SHOP_FLOOR_STATES, (s) => powerDrawKw(power, s));
}

/**
 * Seconds spent in each state inside the observation window [warmupS, end]: the time-weighted statistic of
 * each state's indicator, kept as one accumulator per state.
 */
export class StateClock {
  readonly seconds = new Float64Array(STATE_COUNT);
  state = -1;
  private since = 0;

  constructor(private readonly warmupS: number) {}

  /** The state holds from t on. */
  set(t: number, state: number): void {
    if (state === this.state) return;
    this.close(t);
    this.state = state;
  }

  /** Count the current state up to t. */
  close(t: number): void {
    if (this.state >= 0) {
      const from = this.since > this.warmupS ? this.since : this.warmupS;
      if (t > from) this.seconds[this.state]! += t - from;
    }
    this.since = t;
  }
}
