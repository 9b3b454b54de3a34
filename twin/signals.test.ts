import { describe, expect, it } from 'vitest';
import { signalFamily } from './signals.js';

describe('signalFamily', () => {
  it('maps known signals to their family and others to signal_<name>, inherited names included', () => {
    expect(signalFamily('spindleLoad')).toBe('machine_process');
    expect(signalFamily('toString')).toBe('signal_toString');
    expect(signalFamily('constructor')).toBe('signal_constructor');
    expect(signalFamily('a b/c')).toBe('signal_a_b_c');
  });
});
