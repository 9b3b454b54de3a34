import type { SetupMatrix } from '../../../twin/schema/setup.js';

/**
 * A setup matrix as a dense table over the setup families used in the model: O(1) per lookup in the
 * station loop. An explicit change wins, then `sameFamilyS` for no change, else `defaultS`; `initialS` is
 * the first setup of a station (nothing set up yet).
 */
export class SetupTable {
  constructor(
    readonly initialS: number,
    private readonly table: Float64Array,
    private readonly families: number,
  ) {}

  /** Setup seconds from family `from` (−1: nothing set up yet) to `to` (−1: the operation needs none). */
  time(from: number, to: number): number {
    if (to < 0) return 0;
    if (from < 0) return this.initialS;
    return this.table[from * this.families + to]!;
  }
}

/** Compile a matrix against the family indices; changes naming families no operation uses are ignored. */
export function compileSetupMatrix(matrix: SetupMatrix, families: ReadonlyMap<string, number>): SetupTable {
  const n = families.size;
  const table = new Float64Array(n * n).fill(matrix.defaultS);
  const same = matrix.sameFamilyS ?? 0;
  for (let i = 0; i < n; i++) table[i * n + i] = same;
  for (const change of matrix.changes ?? []) {
    const from = families.get(change.from);
    const to = families.get(change.to);
    if (from !== undefined && to !== undefined) table[from * n + to] = change.durationS;
  }
  return new SetupTable(matrix.initialS ?? 0, table, n);
}
