import { describe, expect, it } from 'vitest';
import { compileTopicPattern, type TopicCaptures } from './topic-pattern.js';

const capture = (pattern: string, topic: string): TopicCaptures | null => {
  const out = { asset: '', signal: '' };
  return compileTopicPattern(pattern).match(topic, out) ? out : null;
};

describe('topic patterns', () => {
  it('captures asset and signal from named single-level wildcards', () => {
    expect(compileTopicPattern('plant/+line/+asset/+signal').filter).toBe('plant/+/+/+');
    expect(capture('plant/+line/+asset/+signal', 'plant/L1/Lathe01/spindleLoad')).toEqual({
      asset: 'Lathe01',
      signal: 'spindleLoad',
    });
  });

  it('rejects topics with too few or too many levels, or another literal', () => {
    const pattern = 'plant/+line/+asset/+signal';
    expect(capture(pattern, 'plant/L1/Lathe01')).toBeNull();
    expect(capture(pattern, 'plant/L1/Lathe01/spindleLoad/extra')).toBeNull();
    expect(capture(pattern, 'plan/L1/Lathe01/spindleLoad')).toBeNull();
    expect(capture(pattern, 'plants/L1/Lathe01/spindleLoad')).toBeNull();
    expect(capture(pattern, 'plant/L1/Lathe01/')).toEqual({ asset: 'Lathe01', signal: '' });
  });

  it('captures the rest of the topic with a named #', () => {
    expect(compileTopicPattern('site/+asset/#signal').filter).toBe('site/+/#');
    expect(capture('site/+asset/#signal', 'site/M1/axis/x/load')).toEqual({
      asset: 'M1',
      signal: 'axis/x/load',
    });
    expect(capture('site/+asset/#signal', 'site/M1')).toBeNull();
  });

  it('matches literal-only patterns exactly', () => {
    expect(capture('a/b', 'a/b')).toEqual({ asset: '', signal: '' });
    expect(capture('a/b', 'a/bc')).toBeNull();
  });

  it('says what is wrong with a bad pattern', () => {
    expect(() => compileTopicPattern('a/#x/b')).toThrow(/level 2 .* # must be the last level/);
    expect(() => compileTopicPattern('a/+as-set')).toThrow(/"as-set" is not a capture name/);
    expect(() => compileTopicPattern('a/b+')).toThrow(/may only start a level/);
    expect(compileTopicPattern('a/+line/+asset').capturesSignal).toBe(false);
  });
});
