import { describe, expect, it } from 'vitest';
import { STATE_COLOURS } from '../palette.js';
import { textOn } from './chip-colours.js';

describe('textOn', () => {
  it('picks black on light colours and white on dark ones', () => {
    expect(textOn('#ffffff')).toBe('#000');
    expect(textOn('#000000')).toBe('#fff');
    expect(textOn(STATE_COLOURS.starved)).toBe('#000');
    expect(textOn(STATE_COLOURS.down)).toBe('#fff');
    expect(textOn(STATE_COLOURS.setup)).toBe('#fff');
  });

  it('falls back to black for what is not a hex colour', () => {
    expect(textOn('red')).toBe('#000');
  });
});
