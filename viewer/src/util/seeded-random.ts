/**
 * mulberry32: a small seeded generator in [0, 1), enough for synthetic benchmark plants and plans (the same
 * seed gives the same data on every machine). Not for statistics: the solver has its own streams.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
