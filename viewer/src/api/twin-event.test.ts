import { describe, expect, it } from 'vitest';
import { parseTransition } from './twin-event.js';

describe('parseTransition', () => {
  it('reads the two states of a state event', () => {
    expect(parseTransition('idle → running')).toEqual({ from: 'idle', to: 'running' });
  });

  it('rejects details that are not transitions between known states', () => {
    expect(parseTransition('order SO-1')).toBeUndefined();
    expect(parseTransition('idle → flying')).toBeUndefined();
    expect(parseTransition('idle -> running')).toBeUndefined();
    expect(parseTransition('constructor → idle')).toBeUndefined();
  });
});
