import { describe, expect, it } from 'vitest';
import { SHOP_FLOOR_STATES } from '../../twin/schema/machine-state.js';
import { ISA101_COLOURS, STATE_COLOURS, stateColour } from './palette.js';

describe('state palettes', () => {
  it('colour every shop-floor state in both palettes with a hex colour', () => {
    for (const state of SHOP_FLOOR_STATES) {
      expect(stateColour(state)).toMatch(/^#[0-9a-f]{6}$/);
      expect(stateColour(state, 'isa101')).toMatch(/^#[0-9a-f]{6}$/);
    }
    expect(Object.keys(STATE_COLOURS).sort()).toEqual([...SHOP_FLOOR_STATES].sort());
  });

  it('keeps normal states grey in the ISA-101 overview and abnormal ones distinct', () => {
    const isGrey = (hex: string) =>
      hex.slice(1, 3) === hex.slice(3, 5) && hex.slice(3, 5) === hex.slice(5, 7);
    for (const state of ['running', 'idle', 'setup'] as const)
      expect(isGrey(ISA101_COLOURS[state])).toBe(true);
    expect(isGrey(ISA101_COLOURS.down)).toBe(false);
    expect(new Set(Object.values(STATE_COLOURS)).size).toBe(SHOP_FLOOR_STATES.length);
  });
});
