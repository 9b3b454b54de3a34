import { describe, expect, it } from 'vitest';
import { StreamFactory } from '../des/random/streams.js';
import { MemoStreamFactory, type SourceHashes } from './memo-streams.js';

describe('streams with remembered name hashes', () => {
  it('draw what StreamFactory draws, for any seed, kind and source, before and after the memo fills', () => {
    const hashes: SourceHashes = new Map();
    const sources = ['op:SO-1:turn', 'failures:L1', 'op:SO-2:hob', 'arrivals', 'op:订单:检验'];
    for (const kind of ['default', 'mt19937'] as const)
      for (const seed of [-1, 0, 1, 42, 4_294_967_295, Number.MAX_SAFE_INTEGER])
        for (let pass = 0; pass < 2; pass++) {
          const memo = new MemoStreamFactory(kind, seed, hashes);
          const plain = new StreamFactory(kind, seed);
          for (const source of sources) {
            const a = memo.stream(source);
            const b = plain.stream(source);
            for (let i = 0; i < 3; i++) expect(a.random()).toBe(b.random());
          }
        }
    expect(hashes.size).toBe(sources.length);
    expect(() => new MemoStreamFactory('default', 1.5, hashes)).toThrow('safe integer');
  });
});
