import { describe, expect, it } from 'vitest';
import { closest, editDistance } from './suggest.js';

describe('typo hints', () => {
  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('suggests only close candidates', () => {
    expect(closest('capcity', ['capacity', 'calendar', 'batch'])).toBe('capacity');
    expect(closest('L7', ['L1', 'OV1'])).toBe('L1');
    expect(closest('colour', ['id', 'name', 'kind', 'line'])).toBeUndefined();
    expect(closest('CNC-1', ['cnc-1'])).toBe('cnc-1');
  });
});
