import type { PowerKw } from './schema/machine.js';
import type { ShopFloorState } from './schema/machine-state.js';

/**
 * Power draw in a state. A state without a figure draws like the nearest one given: setup like running
 * (spindles and heaters on), blocked, starved and down like idle, maintenance like down (else idle), off like
 * nothing.
 */
export function powerDrawKw(power: PowerKw | undefined, state: ShopFloorState): number {
  if (!power) return 0;
  switch (state) {
    case 'running':
      return power.running;
    case 'idle':
      return power.idle;
    case 'setup':
      return power.setup ?? power.running;
    case 'blocked':
      return power.blocked ?? power.idle;
    case 'starved':
      return power.starved ?? power.idle;
    case 'down':
      return power.down ?? power.idle;
    case 'maintenance':
      return power.maintenance ?? power.down ?? power.idle;
    case 'off':
      return power.off ?? 0;
  }
}

/** Energy in kWh for a time spent in a state. */
export function energyKwh(power: PowerKw | undefined, state: ShopFloorState, durationS: number): number {
  return (powerDrawKw(power, state) * durationS) / 3600;
}
