// What the plan checker reports, and the capped list it collects them in.

export type ViolationKind =
  /** An operation of the problem is not in the plan. */
  | 'missing'
  /** An operation appears more than once. */
  | 'duplicate'
  /** The plan refers to a job, operation or machine index that does not exist. */
  | 'unknown'
  /** The machine is not one of the operation's alternatives. */
  | 'ineligible'
  /** `end - start` is not the chosen alternative's duration, or start/end not finite, or end < start. */
  | 'duration'
  /** Operation k+1 of a job starts before operation k ends. */
  | 'precedence'
  /** Two operations on one machine overlap, or the gap between them is shorter than the setup they need. */
  | 'overlap'
  /** An operation, or the setup right before it, intersects one of its machine's unavailable windows. */
  | 'unavailable'
  /** The first operation of a job starts before the job's release. */
  | 'release'
  /** `plan.makespan` differs from the latest end over the plan's operations. */
  | 'makespan';

export const VIOLATION_KINDS: readonly ViolationKind[] = [
  'missing',
  'duplicate',
  'unknown',
  'ineligible',
  'duration',
  'precedence',
  'overlap',
  'unavailable',
  'release',
  'makespan',
];

/** An operation by dense indices: `job` into `ShopProblem.jobs`, `op` into that job's operations. */
export interface OperationRef {
  job: number;
  op: number;
}

export interface Violation {
  kind: ViolationKind;
  /** Human readable; names the operations by job id / operation id and the machine by id. */
  message: string;
  /** The operations involved (for `unknown`, the indices as the plan gave them). */
  operations: OperationRef[];
  /** Dense machine index, when the violation is about one (existing) machine. */
  machine?: number;
}

export interface CheckResult {
  ok: boolean;
  violations: Violation[];
  /** How many violations were found beyond the listed cap (absent when none were left out). */
  omitted?: number;
}

/** At most this many violations are listed; a final note then says how many more there were. */
export const MAX_VIOLATIONS = 1000;

/** Collects violations up to a cap; messages are only built for the listed ones. */
export class ViolationList {
  private readonly listed: Violation[] = [];
  private omitted = 0;
  private firstOmittedKind: ViolationKind | undefined;

  constructor(private readonly cap = MAX_VIOLATIONS) {}

  add(kind: ViolationKind, operations: OperationRef[], message: () => string, machine?: number): void {
    if (this.listed.length >= this.cap) {
      this.omitted++;
      this.firstOmittedKind ??= kind;
      return;
    }
    const violation: Violation = { kind, message: message(), operations };
    if (machine !== undefined) violation.machine = machine;
    this.listed.push(violation);
  }

  result(): CheckResult {
    const violations = [...this.listed];
    const result: CheckResult = { ok: violations.length === 0, violations };
    if (this.omitted > 0 && this.firstOmittedKind !== undefined) {
      const total = this.cap + this.omitted;
      violations.push({
        kind: this.firstOmittedKind,
        message: `${this.omitted} more violations not listed (${total} in all; the list stops at ${this.cap})`,
        operations: [],
      });
      result.omitted = this.omitted;
    }
    return result;
  }
}
