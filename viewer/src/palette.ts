import type { ShopFloorState } from '../../twin/schema/machine-state.js';

/** Common shop-floor colours (DESIGN.md §4): green running, grey idle, yellow starved, orange blocked, blue setup, red down. */
export const STATE_COLOURS: Readonly<Record<ShopFloorState, string>> = {
  running: '#2e9e44',
  idle: '#9e9e9e',
  starved: '#f2c40f',
  blocked: '#f28c0f',
  setup: '#2f6fd6',
  down: '#d62f2f',
  maintenance: '#8e44ad',
  off: '#4a4a4a',
};

/**
 * ISA-101 overview: greys for normal states so that only abnormal ones draw the eye (down in red, blocked and
 * starved in amber).
 */
export const ISA101_COLOURS: Readonly<Record<ShopFloorState, string>> = {
  running: '#bcbcbc',
  idle: '#9a9a9a',
  starved: '#d4a017',
  blocked: '#d4a017',
  setup: '#8a8a8a',
  down: '#c62828',
  maintenance: '#6f6f6f',
  off: '#5a5a5a',
};

export type Palette = 'colour' | 'isa101';

export function stateColour(state: ShopFloorState, palette: Palette = 'colour'): string {
  return (palette === 'colour' ? STATE_COLOURS : ISA101_COLOURS)[state];
}
