// Dispatching rules as pure priority functions: a smaller key goes first. Ties go to the earlier arrival, then
// to the earlier place in the queue, so every rule is deterministic.

export const DISPATCH_RULES = ['fifo', 'spt', 'edd', 'cr', 'atc'] as const;
export type DispatchRule = (typeof DISPATCH_RULES)[number];

/** What a rule may look at for one waiting lot. */
export interface DispatchItem {
  /** When it joined the queue. */
  readonly arrival: number;
  /** Expected processing time of this operation on this machine. */
  readonly processingS: number;
  /** Due date of its order (Infinity without one). */
  readonly dueS: number;
  /** Expected work left on its order, this operation included. */
  readonly remainingS: number;
  /** Tardiness weight of its order. */
  readonly weight: number;
}

/** ATC look-ahead parameter k (Vepsalainen & Morton): 2 is the usual middle of the 1.5–3 range. */
export const ATC_K = 2;
const TINY = 1e-9;

/** Mean processing time of a queue (ATC scales slack by it). */
export function meanProcessing(items: readonly DispatchItem[]): number {
  let sum = 0;
  for (let i = 0; i < items.length; i++) sum += items[i]!.processingS;
  return items.length > 0 ? sum / items.length : 0;
}

/**
 * - fifo: arrival time.
 * - spt: shortest processing time.
 * - edd: earliest due date.
 * - cr: critical ratio (due − now) / remaining work; below 1 is behind schedule, negative already late.
 * - atc: apparent tardiness cost, index (w/p)·exp(−max(0, d − t − r)/(k·p̄)) with r the remaining work
 *   (d − p − t when this is the last operation), p̄ the queue's mean processing time; the key is −ln(index),
 *   which orders the same without underflow for far-off due dates.
 */
export function priorityKey(rule: DispatchRule, item: DispatchItem, now: number, meanP: number): number {
  switch (rule) {
    case 'fifo':
      return item.arrival;
    case 'spt':
      return item.processingS;
    case 'edd':
      return item.dueS;
    case 'cr':
      return (item.dueS - now) / Math.max(item.remainingS, TINY);
    case 'atc': {
      const slack = Math.max(0, item.dueS - now - item.remainingS);
      const p = Math.max(item.processingS, TINY);
      return slack / (ATC_K * Math.max(meanP, TINY)) - Math.log(item.weight / p);
    }
  }
}

/** Index of the item the rule takes next; −1 for an empty queue. Allocates nothing. */
export function selectNext(rule: DispatchRule, items: readonly DispatchItem[], now: number): number {
  const meanP = rule === 'atc' ? meanProcessing(items) : 0;
  let best = -1;
  let bestKey = Infinity;
  let bestArrival = Infinity;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const key = priorityKey(rule, item, now, meanP);
    if (best < 0 || key < bestKey || (key === bestKey && item.arrival < bestArrival)) {
      best = i;
      bestKey = key;
      bestArrival = item.arrival;
    }
  }
  return best;
}

/** The whole queue in the order the rule would take it at `now` (for tests and reports). */
export function dispatchOrder(rule: DispatchRule, items: readonly DispatchItem[], now: number): number[] {
  const left = items.map((item, index) => ({ item, index }));
  const out: number[] = [];
  while (left.length > 0) {
    const i = selectNext(
      rule,
      left.map((l) => l.item),
      now,
    );
    out.push(left[i]!.index);
    left.splice(i, 1);
  }
  return out;
}
