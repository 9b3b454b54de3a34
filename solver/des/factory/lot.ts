import type { Request } from '../resource.js';
import type { Simulation } from '../simulation.js';
import type { CAlternative, COperation, COrder } from './compiled.js';
import type { DispatchItem } from './dispatch.js';
import { Wakeup } from './gate.js';

/**
 * An order on the floor: one lot of its units travelling the routing. One object per order for the whole
 * run; its fields describe the current operation (the dispatch fields are what the rules look at).
 */
export class Lot implements DispatchItem {
  // DispatchItem for the current operation, set when the lot joins a machine's queue.
  arrival = 0;
  processingS = 0;
  remainingS = 0;
  readonly dueS: number;
  readonly weight: number;

  /** Current operation (routing index) and the machine chosen for it. */
  op: number;
  alt: CAlternative | undefined = undefined;
  /** The machine chosen for the next operation, decided when the current one ends. */
  nextAlt: CAlternative | undefined = undefined;
  /** The machine whose queue it is in, −1 when in none. */
  queuedAt = -1;
  /** Expected work this lot added to its machine's queue estimate (taken back when it starts). */
  expectedWorkS = 0;

  /** Good units now. */
  units: number;
  scrapped = 0;
  /** Where it sits (location index; −1 before it reaches the floor) and the buffer slot it holds. */
  at = -1;
  slot: Request | undefined = undefined;
  slotBuffer = -1;

  /** End of the previous operation (lags count from it); −Infinity before the first one here. */
  prevEnd = -Infinity;
  /** > 0 while the current operation is one already running at second 0: the share of work left. */
  resumeShare = 0;
  releasedAt = NaN;
  completedAt = NaN;
  lagViolations = 0;
  /** Fired by the station once the operation is done and the lot has left the machine. */
  readonly wake: Wakeup;

  constructor(
    readonly order: COrder,
    sim: Simulation,
  ) {
    this.dueS = order.dueS;
    this.weight = order.weight;
    this.op = order.firstOp;
    this.units = order.units;
    this.wake = new Wakeup(sim);
    if (order.resume) {
      this.alt = order.resume.alternative;
      this.resumeShare = order.resume.share;
    }
  }

  get operation(): COperation {
    return this.order.product.routing[this.op]!;
  }

  get isLastOperation(): boolean {
    return this.op + 1 >= this.order.product.routing.length;
  }

  /** Expected time of the current operation on its machine. */
  expectedProcessingS(alt: CAlternative = this.alt!): number {
    return alt.meanS * (alt.perUnit ? this.units : 1);
  }
}
