// The batch rule, shared by the production checker (production/batch-checks.ts) and the model checker
// (plan-model-batches.ts), as the simulation following a plan runs batches (solver/des/factory/selection.ts):
// the members of one batch on one machine run one cycle, so they share its times, one batch family and one
// setup family (the batch sets up for its first lot's), and hold at most the machine's maxUnits in all.

/** Items with the same key (machine and batch id; undefined: in no batch), groups of two or more. */
export function batchGroups<T>(items: Iterable<T>, keyOf: (item: T) => string | undefined): T[][] {
  const byKey = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const list = byKey.get(key);
    if (list) list.push(item);
    else byKey.set(key, [item]);
  }
  return [...byKey.values()].filter((g) => g.length > 1);
}

export interface BatchBreaks<T> {
  /** The first member that does not share the first member's cycle. */
  apart: T | undefined;
  /** The first member without a batch family, or of another batch or setup family than the first. */
  odd: T | undefined;
  units: number;
}

/** What breaks the rule in one group (`batchFamily` undefined: none); the caller names it. */
export function batchBreaks<T>(
  group: readonly T[],
  sharesCycle: (item: T, first: T) => boolean,
  batchFamily: (item: T) => number | undefined,
  setupFamily: (item: T) => number | undefined,
  units: (item: T) => number,
): BatchBreaks<T> {
  const first = group[0]!;
  const family = batchFamily(first);
  const setup = setupFamily(first);
  let total = 0;
  for (const item of group) total += units(item);
  return {
    apart: group.find((item) => !sharesCycle(item, first)),
    odd: group.find(
      (item) =>
        batchFamily(item) === undefined || batchFamily(item) !== family || setupFamily(item) !== setup,
    ),
    units: total,
  };
}
