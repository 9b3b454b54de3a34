import { describe, expect, it } from 'vitest';
import { energyKwh, powerDrawKw } from './energy.js';
import type { PowerKw } from './schema/machine.js';
import { SHOP_FLOOR_STATES, type ShopFloorState } from './schema/machine-state.js';

// A figure for every state, each different, so a state that reads the wrong figure shows.
const full: Required<PowerKw> = {
  running: 20,
  idle: 5,
  setup: 8,
  down: 1.5,
  maintenance: 2.5,
  blocked: 4,
  starved: 3,
  off: 0.25,
};
const minimal: PowerKw = { running: 18, idle: 4 };

// The fallbacks documented in twin/energy.ts: setup like running; blocked, starved, down, maintenance like
// idle (maintenance like down when down is given: the nearest figure given); off draws nothing.
const minimalExpected: Record<ShopFloorState, number> = {
  running: 18,
  idle: 4,
  setup: 18,
  down: 4,
  maintenance: 4,
  blocked: 4,
  starved: 4,
  off: 0,
};

describe('powerDrawKw', () => {
  it.each(SHOP_FLOOR_STATES)('uses the figure given for %s', (state) => {
    expect(powerDrawKw(full, state)).toBe(full[state]);
  });

  it.each(SHOP_FLOOR_STATES)('falls back for %s when only running and idle are given', (state) => {
    expect(powerDrawKw(minimal, state)).toBe(minimalExpected[state]);
  });

  it.each(SHOP_FLOOR_STATES)('draws nothing in %s without a power record', (state) => {
    expect(powerDrawKw(undefined, state)).toBe(0);
  });

  it('draws like down in maintenance when down is given but maintenance is not', () => {
    expect(powerDrawKw({ running: 18, idle: 4, down: 1 }, 'maintenance')).toBe(1);
    expect(powerDrawKw({ running: 18, idle: 4, down: 1, maintenance: 6 }, 'maintenance')).toBe(6);
  });

  it('keeps an explicit zero instead of falling back', () => {
    const zeros: PowerKw = { running: 10, idle: 3, setup: 0, blocked: 0, starved: 0, down: 0, off: 0 };
    for (const state of ['setup', 'blocked', 'starved', 'down', 'maintenance', 'off'] as const) {
      expect(powerDrawKw(zeros, state)).toBe(0);
    }
  });
});

describe('energyKwh', () => {
  it.each(SHOP_FLOOR_STATES)('is kW × hours in %s', (state) => {
    // Half an hour (1800 s) at each figure of `full` and of `minimal`.
    expect(energyKwh(full, state, 1800)).toBeCloseTo(full[state] / 2, 12);
    expect(energyKwh(minimal, state, 1800)).toBeCloseTo(minimalExpected[state] / 2, 12);
  });

  it('scales with the duration and is 0 for no time or no power record', () => {
    expect(energyKwh(full, 'running', 3600 * 8)).toBeCloseTo(160, 12);
    expect(energyKwh(full, 'running', 90)).toBeCloseTo(0.5, 12);
    expect(energyKwh(full, 'running', 0)).toBe(0);
    expect(energyKwh(undefined, 'running', 3600)).toBe(0);
  });
});
