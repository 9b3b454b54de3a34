// Operators in the frozen horizon: a frozen operation that holds an operator keeps the one the plan in force
// gave it if that one is still skilled, free and on shift over its segment, else takes the first skilled one
// who is (the decoder's order: fewest skills, then index); with none it is not frozen. Running operations
// book their operator first (the one the plan in force gave them, else the decoder's pick for a pin).
import type { OpenIntervals } from '../../twin/calendar-intervals.js';
import { OperatorTimeline } from '../../solver/production/operator-timeline.js';
import {
  compileCrew,
  freeOnShift,
  pinnedOperator,
  type CompiledCrew,
} from '../../solver/production/operators.js';
import type { ProductionOperation, ProductionProblem } from '../../solver/production/problem.js';

export class FrozenCrew {
  private readonly crew: CompiledCrew;
  private readonly timeline: OperatorTimeline;
  private readonly jobStart: number[] = [];
  private readonly index: Map<string, number>;

  constructor(
    private readonly problem: ProductionProblem,
    private readonly open: readonly OpenIntervals[],
  ) {
    let n = 0;
    for (const job of problem.jobs) {
      this.jobStart.push(n);
      n += job.operations.length;
    }
    this.crew = compileCrew(problem, n);
    this.timeline = new OperatorTimeline(this.crew.count);
    this.index = new Map((problem.operators ?? []).map((w, k) => [w.id, k]));
  }

  /** End of the segment `op` holds an operator over from `setupStart`; not after it when it needs none. */
  private holdEnd(op: ProductionOperation, setupStart: number, start: number, end: number): number {
    if (op.skill === undefined) return setupStart;
    return op.operatorFor === 'setup' ? start : end;
  }

  /** Books the operator of a running pin (naming it in the pin when the plan in force did not). */
  bookRunning(job: number, op: number): void {
    const operation = this.problem.jobs[job]!.operations[op]!;
    const pin = operation.pin!;
    const to = this.holdEnd(operation, pin.start, pin.start, pin.end);
    if (!(to > pin.start)) return;
    const o = this.jobStart[job]! + op;
    const w = pinnedOperator(this.crew, this.timeline, o, this.open[pin.machine]!, pin.start, to);
    if (w < 0) return;
    pin.operator = w;
    this.timeline.bookPinned(w, pin.start, to);
  }

  private fits(w: number, machine: number, a: number, b: number): boolean {
    return freeOnShift(this.crew, this.timeline, w, this.open[machine]!, a, b);
  }

  /**
   * The operator a frozen operation keeps over its segment, booked: undefined when it needs none, -1 when no
   * skilled operator is free and on shift for it (then it is not frozen).
   */
  take(
    job: number,
    op: number,
    machine: number,
    previous: string | undefined,
    setupStart: number,
    start: number,
    end: number,
  ): number | undefined {
    const operation = this.problem.jobs[job]!.operations[op]!;
    const to = this.holdEnd(operation, setupStart, start, end);
    if (!(to > setupStart)) return undefined;
    const s = this.crew.opSkill[this.jobStart[job]! + op]!;
    const skills = this.crew.skills.length;
    const before = previous === undefined ? undefined : this.index.get(previous);
    let chosen = -1;
    if (
      before !== undefined &&
      this.crew.has[before * skills + s] &&
      this.fits(before, machine, setupStart, to)
    )
      chosen = before;
    for (let i = this.crew.skillStart[s]!; chosen < 0 && i < this.crew.skillStart[s + 1]!; i++) {
      const w = this.crew.skillOperators[i]!;
      if (this.fits(w, machine, setupStart, to)) chosen = w;
    }
    if (chosen >= 0) this.timeline.bookPinned(chosen, setupStart, to);
    return chosen;
  }
}
