// A small, fast 32-bit generator (SFC32) for the search's inner loops, where the 64-bit BigInt streams of the
// simulation would dominate the cost. Seeded through SplitMix32 so nearby seeds give unrelated streams.

function splitMix32(state: { x: number }): number {
  state.x = (state.x + 0x9e3779b9) | 0;
  let z = state.x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class FastRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    const s = { x: (seed ^ Math.imul(stream + 1, 0x27d4eb2d)) | 0 };
    this.a = splitMix32(s);
    this.b = splitMix32(s);
    this.c = splitMix32(s);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
}

/** Seed of worker/stream `index` of a run with seed `seed`: deterministic and well spread. */
export function derivedSeed(seed: number, index: number): number {
  return new FastRandom(seed, index).nextUint32();
}
