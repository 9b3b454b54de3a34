// The scheduling problem in numeric form, shared by the search, the timetabling decoder and the plan
// checker. Jobs, operations and machines are dense indices; ids are kept for reports and for mapping back.

/** One eligible machine for an operation and how long the operation takes there. */
export interface ShopAlternative {
  /** Dense machine index into `ShopProblem.machines`. */
  machine: number;
  duration: number;
}

export interface ShopOperation {
  id: string;
  alternatives: ShopAlternative[];
  /** Setup family (index into the machine's setup matrix); absent means no setups for this operation. */
  family?: number;
}

export interface ShopJob {
  id: string;
  /** Earliest start of the job's first operation. */
  release: number;
  /** In route order: operation k+1 starts after operation k ends. */
  operations: ShopOperation[];
}

/** Half-open `[start, end)` interval in which a machine cannot process (closed shift, maintenance, outage). */
export interface UnavailableWindow {
  start: number;
  end: number;
  kind: 'calendar' | 'maintenance' | 'downtime';
}

export interface ShopMachine {
  id: string;
  /** The machine's number in the source file (benchmark instances), printed in `--json` schedules. */
  number?: number;
  /** Sorted, non-overlapping. */
  unavailable?: UnavailableWindow[];
  /** `setup[from][to]`: time between an operation of family `from` and one of family `to`. */
  setup?: number[][];
  /** Setup before the first operation on the machine, by family. */
  initialSetup?: number[];
}

export interface ShopProblem {
  name: string;
  machines: ShopMachine[];
  jobs: ShopJob[];
}

/** One operation in a plan: `job` and `op` index the problem's jobs and their operations. */
export interface ScheduledOperation {
  job: number;
  op: number;
  machine: number;
  start: number;
  end: number;
}

export interface ShopPlan {
  operations: ScheduledOperation[];
  makespan: number;
}

/** Setup time on `machine` between an operation of family `from` (undefined: machine idle) and one of `to`. */
export function setupTime(machine: ShopMachine, from: number | undefined, to: number | undefined): number {
  if (to === undefined) return 0;
  if (from === undefined) return machine.initialSetup?.[to] ?? 0;
  return machine.setup?.[from]?.[to] ?? 0;
}
