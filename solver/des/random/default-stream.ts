import type { RandomStream } from './stream.js';

// The product's generator: xoshiro256** (Blackman & Vigna 2018), 256 bits of state, period 2^256 − 1, one 64-bit
// output per double. JS has no fast 64-bit integers, so each word is kept as two int32 halves (no BigInt, no
// allocation per draw). Seeding runs once per stream, so it may use BigInt.

const MASK64 = (1n << 64n) - 1n;
const GOLDEN = 0x9e3779b97f4a7c15n;
const TWO_POW_32 = 4294967296;

/** SplitMix64's output function: a bijection on 64-bit words with strong avalanche. */
export function mix64(z: bigint): bigint {
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/** A safe integer as a 64-bit two's-complement word. */
export function toUint64(n: number): bigint {
  if (!Number.isSafeInteger(n)) throw new RangeError(`seed must be a safe integer, got ${n}`);
  return BigInt.asUintN(64, BigInt(n));
}

/**
 * The four state words: SplitMix64 started at `seed ^ mix64(streamIndex · φ)`. Stream 0 is the usual
 * SplitMix64(seed) seeding; other indices start at unrelated points, so (seed, index) pairs give independent streams.
 */
export function xoshiroState(seed: number, streamIndex = 0): bigint[] {
  let x = toUint64(seed) ^ mix64((toUint64(streamIndex) * GOLDEN) & MASK64);
  const words: bigint[] = [];
  for (let i = 0; i < 4; i++) {
    x = (x + GOLDEN) & MASK64;
    words.push(mix64(x));
  }
  return words;
}

export class DefaultStream implements RandomStream {
  readonly seed: number;
  readonly streamIndex: number;
  /** [s0 hi, s0 lo, s1 hi, s1 lo, s2 hi, s2 lo, s3 hi, s3 lo] as int32. */
  private readonly s = new Int32Array(8);

  constructor(seed: number, streamIndex = 0) {
    this.seed = seed;
    this.streamIndex = streamIndex;
    xoshiroState(seed, streamIndex).forEach((w, i) => {
      this.s[2 * i] = Number(w >> 32n) | 0;
      this.s[2 * i + 1] = Number(w & 0xffffffffn) | 0;
    });
  }

  /** The top 53 bits of the next xoshiro256** output, scaled to [0, 1). */
  random(): number {
    const s = this.s;
    const s0h = s[0]!;
    const s0l = s[1]!;
    const s1h = s[2]!;
    const s1l = s[3]!;
    const s2h = s[4]!;
    const s2l = s[5]!;
    const s3h = s[6]!;
    const s3l = s[7]!;

    // Output rotl(s1 * 5, 7) * 9. A 32-bit low half times a small constant is exact in a double; the part above
    // 2^32 is the carry into the high half.
    const m5 = (s1l >>> 0) * 5;
    const x5l = m5 >>> 0;
    const x5h = Math.imul(s1h, 5) + (m5 - x5l) / TWO_POW_32;
    const rh = (x5h << 7) | (x5l >>> 25);
    const rl = (x5l << 7) | (x5h >>> 25);
    const m9 = (rl >>> 0) * 9;
    const oh = (Math.imul(rh, 9) + (m9 - (m9 >>> 0)) / TWO_POW_32) >>> 0;
    const ol = m9 >>> 0;

    // State transition; t = s1 << 17.
    const th = (s1h << 17) | (s1l >>> 15);
    const tl = s1l << 17;
    const n2h = s2h ^ s0h;
    const n2l = s2l ^ s0l;
    const n3h = s3h ^ s1h;
    const n3l = s3l ^ s1l;
    s[2] = s1h ^ n2h;
    s[3] = s1l ^ n2l;
    s[0] = s0h ^ n3h;
    s[1] = s0l ^ n3l;
    s[4] = n2h ^ th;
    s[5] = n2l ^ tl;
    // rotl(s3, 45): swap the halves (32), then rotate by 13.
    s[6] = (n3l << 13) | (n3h >>> 19);
    s[7] = (n3h << 13) | (n3l >>> 19);

    return (oh * 2097152 + (ol >>> 11)) * 1.1102230246251565e-16;
  }
}
