import { DefaultStream, mix64, toUint64 } from './default-stream.js';
import { Mt19937Stream } from './mt19937.js';
import type { RandomStream } from './stream.js';

export type RngKind = 'default' | 'mt19937';

/** A stream of the given kind; `mt19937` with seed n is CPython's `random.Random(n)`. */
export function createStream(kind: RngKind, seed: number): RandomStream {
  switch (kind) {
    case 'default':
      return new DefaultStream(seed);
    case 'mt19937':
      return new Mt19937Stream(seed);
    default:
      throw new RangeError(`unknown random generator kind: ${String(kind)}`);
  }
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK64 = (1n << 64n) - 1n;
const GOLDEN = 0x9e3779b97f4a7c15n;
const utf8 = new TextEncoder();

/** FNV-1a 64 over the UTF-8 bytes: stable across runs, platforms and languages. */
export function fnv1a64(text: string): bigint {
  let h = FNV_OFFSET;
  for (const byte of utf8.encode(text)) h = ((h ^ BigInt(byte)) * FNV_PRIME) & MASK64;
  return h;
}

/**
 * The seed of source `source` in run `runSeed`: the top 53 bits of mix64(fnv1a64(source) ^ mix64(runSeed + φ)),
 * where mix64 is SplitMix64's finaliser and φ = 0x9e3779b97f4a7c15. A pure function of its arguments, so a
 * source's draws do not depend on which other sources exist or the order they are created in.
 */
export function sourceSeed(runSeed: number, source: string): number {
  const run = mix64((toUint64(runSeed) + GOLDEN) & MASK64);
  return Number(mix64(fnv1a64(source) ^ run) >> 11n);
}

/**
 * Random streams per source (arrivals, each machine's failures, each processing-time draw), so that scenarios
 * compared under the same run seed use common random numbers (DESIGN.md §3).
 */
export class StreamFactory {
  constructor(
    readonly kind: RngKind,
    readonly runSeed: number,
  ) {
    toUint64(runSeed); // validates: a safe integer
  }

  /** A fresh stream at the start of the source's sequence: ask once per source and keep it. */
  stream(source: string): RandomStream {
    return createStream(this.kind, sourceSeed(this.runSeed, source));
  }

  /** `createStream(kind, index)` as is: the reference models need S(seed·1000 + k) exactly. */
  streamAt(index: number): RandomStream {
    return createStream(this.kind, index);
  }
}
