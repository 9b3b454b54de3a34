// The plant's setup rule along one station's sequence, shared by the production checker
// (production/setup-checks.ts) and the model checker (plan-model-machines.ts), as in the simulation
// (solver/des/factory/README.md): the setup needed is the one from the family the station is set up for; an
// operation without a family needs none and leaves the station as it was; a running operation is set up already.

/**
 * Calls `visit` for each item of `sequence` (one station, in start order) with the family the station is set
 * up for before it (`from`, −1: nothing), the seconds of setup it needs, and the item that set the station up
 * for `from` (undefined: as it was at the start). `familyOf` gives −1 for an item without a family;
 * `time(from, to)` is the setup matrix (from −1: the first setup).
 */
export function forEachSetup<T>(
  sequence: readonly T[],
  initialFamily: number,
  familyOf: (item: T) => number,
  isRunning: (item: T) => boolean,
  time: (from: number, to: number) => number,
  visit: (item: T, from: number, required: number, setBy: T | undefined) => void,
): void {
  let from = initialFamily;
  let setBy: T | undefined;
  for (const item of sequence) {
    const to = familyOf(item);
    const required = to < 0 || isRunning(item) ? 0 : time(from, to);
    visit(item, from, required, setBy);
    if (to >= 0) {
      from = to;
      setBy = item;
    }
  }
}
