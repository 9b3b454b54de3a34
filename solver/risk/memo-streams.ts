import { mix64, toUint64 } from '../des/random/default-stream.js';
import type { RandomStream } from '../des/random/stream.js';
import { createStream, fnv1a64, StreamFactory, type RngKind } from '../des/random/streams.js';

const MASK64 = (1n << 64n) - 1n;
const GOLDEN = 0x9e3779b97f4a7c15n;

/** FNV-1a hashes of source names, kept across the runs of a plan (the names are the same in every run). */
export type SourceHashes = Map<string, bigint>;

/**
 * StreamFactory with the names' hashes remembered: the same streams (sourceSeed of des/random/streams.ts,
 * computed from a cached fnv1a64), without hashing every operation's name in BigInt again in every run.
 * memo-streams.test.ts holds it to StreamFactory.
 */
export class MemoStreamFactory extends StreamFactory {
  private readonly run: bigint;

  constructor(
    kind: RngKind,
    runSeed: number,
    private readonly hashes: SourceHashes,
  ) {
    super(kind, runSeed);
    this.run = mix64((toUint64(runSeed) + GOLDEN) & MASK64);
  }

  override stream(source: string): RandomStream {
    let h = this.hashes.get(source);
    if (h === undefined) {
      h = fnv1a64(source);
      this.hashes.set(source, h);
    }
    return createStream(this.kind, Number(mix64(h ^ this.run) >> 11n));
  }
}
