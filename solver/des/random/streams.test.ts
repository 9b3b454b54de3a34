import { describe, expect, it } from 'vitest';
import { DefaultStream } from './default-stream.js';
import { Mt19937Stream } from './mt19937.js';
import type { RandomStream } from './stream.js';
import { createStream, fnv1a64, sourceSeed, StreamFactory, type RngKind } from './streams.js';

const draw = (s: RandomStream, n = 50) => Array.from({ length: n }, () => s.random());

describe('createStream', () => {
  it('builds each kind, and rejects an unknown one', () => {
    expect(createStream('default', 3)).toBeInstanceOf(DefaultStream);
    expect(createStream('mt19937', 3)).toBeInstanceOf(Mt19937Stream);
    expect(createStream('mt19937', 42000).random()).toBe(0.4335141904473966);
    expect(() => createStream('lcg' as RngKind, 1)).toThrow(RangeError);
  });
});

describe('sourceSeed', () => {
  // Computed by an independent Python implementation of the documented formula.
  it.each([
    ['arrivals', 0xb10bc22ca203cc53n, 598831066825757],
    ['machine:M1:failures', 0x3c1716192e4e3387n, 3692766470047663],
    ['', 0xcbf29ce484222325n, 1848088724334932],
    ['Säge-1', 0xa051195d746cf407n, 2416548864274471],
  ])('is stable: %j', (source, hash, seed) => {
    expect(fnv1a64(source)).toBe(hash);
    expect(sourceSeed(42, source)).toBe(seed);
  });

  it('is a 53-bit seed that depends on the run seed', () => {
    expect(Number.isSafeInteger(sourceSeed(2 ** 53 - 1, 'x'))).toBe(true);
    expect(sourceSeed(1, 'arrivals')).not.toBe(sourceSeed(2, 'arrivals'));
  });
});

describe.each<RngKind>(['default', 'mt19937'])('StreamFactory (%s)', (kind) => {
  it('gives the same sequence for the same run seed and source, in any creation order', () => {
    const a = new StreamFactory(kind, 42);
    const b = new StreamFactory(kind, 42);
    b.stream('machine:M2:failures');
    expect(draw(a.stream('arrivals'))).toEqual(draw(b.stream('arrivals')));
    expect(a.stream('arrivals').seed).toBe(sourceSeed(42, 'arrivals'));
  });

  it('gives different sequences for different sources and different run seeds', () => {
    const f = new StreamFactory(kind, 42);
    const arrivals = draw(f.stream('arrivals'));
    expect(draw(f.stream('machine:M1:failures'))).not.toEqual(arrivals);
    expect(draw(f.stream('arrivals '))).not.toEqual(arrivals);
    expect(draw(new StreamFactory(kind, 43).stream('arrivals'))).not.toEqual(arrivals);
  });

  it('streamAt(k) is createStream(kind, k) itself', () => {
    const f = new StreamFactory(kind, 42);
    expect(draw(f.streamAt(42 * 1000 + 1))).toEqual(draw(createStream(kind, 42001)));
    expect(f.streamAt(7).seed).toBe(7);
  });

  it('rejects a run seed that is not a safe integer', () => {
    expect(() => new StreamFactory(kind, 0.5)).toThrow(RangeError);
  });
});
