// A solution of the search: the chosen alternative of each operation and the order of operations on each
// machine. Start times follow from it (timetable.ts); plain arrays so it crosses worker threads as is.
import Type, { type Static } from 'typebox';
import type { CompiledShop } from './compiled.js';

const Index = Type.Integer({ minimum: 0 });

export const ShopSolution = Type.Object(
  {
    /** Chosen alternative per global operation index (index into CompiledShop.alt* arrays). */
    alt: Type.Array(Index),
    /** Global operation indices in processing order, one list per machine. */
    sequences: Type.Array(Type.Array(Index)),
  },
  { additionalProperties: false },
);
export type ShopSolution = Static<typeof ShopSolution>;

/** Checks the shape of a solution against the problem; returns the reason it is malformed, or undefined. */
export function solutionShapeError(shop: CompiledShop, solution: ShopSolution): string | undefined {
  if (solution.alt.length !== shop.n) return `alt: expected ${shop.n} entries, found ${solution.alt.length}`;
  if (solution.sequences.length !== shop.m) {
    return `sequences: expected ${shop.m} machines, found ${solution.sequences.length}`;
  }
  const seen = new Uint8Array(shop.n);
  for (let mc = 0; mc < shop.m; mc++) {
    for (const op of solution.sequences[mc]!) {
      if (!Number.isInteger(op) || op < 0 || op >= shop.n) return `sequences[${mc}]: no operation ${op}`;
      if (seen[op]) return `sequences[${mc}]: operation ${op} sequenced twice`;
      seen[op] = 1;
      const a = solution.alt[op]!;
      if (a < shop.altStart[op]! || a >= shop.altStart[op + 1]! || shop.altMachine[a] !== mc) {
        return `sequences[${mc}]: operation ${op} is not assigned to machine ${mc}`;
      }
    }
  }
  const missing = seen.indexOf(0);
  return missing >= 0 ? `operation ${missing} is on no machine` : undefined;
}
