/**
 * FNV-1a of a string: a stable, well-spread 32-bit hash, the same across sessions and browsers (an order keeps
 * its colour between reloads).
 */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
