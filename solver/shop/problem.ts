// The scheduling problem in numeric form, shared by the search, the timetabling decoder and the plan
// checker. Jobs, operations and machines are dense indices; ids are kept for reports and for mapping back.
import Type, { type Static } from 'typebox';

const Index = Type.Integer({ minimum: 0 });
const Time = Type.Number({ minimum: 0 });

/** One eligible machine for an operation and how long the operation takes there. */
export const ShopAlternative = Type.Object(
  { machine: Type.Integer({ minimum: 0, description: 'dense index into the machines' }), duration: Time },
  { additionalProperties: false },
);
export type ShopAlternative = Static<typeof ShopAlternative>;

export const ShopOperation = Type.Object(
  {
    id: Type.String(),
    alternatives: Type.Array(ShopAlternative, { minItems: 1 }),
    /** Setup family (index into the machine's setup matrix); absent means no setups for this operation. */
    family: Type.Optional(Index),
  },
  { additionalProperties: false },
);
export type ShopOperation = Static<typeof ShopOperation>;

export const ShopJob = Type.Object(
  {
    id: Type.String(),
    /** Earliest start of the job's first operation. */
    release: Time,
    /** In route order: operation k+1 starts after operation k ends. */
    operations: Type.Array(ShopOperation),
  },
  { additionalProperties: false },
);
export type ShopJob = Static<typeof ShopJob>;

/** Half-open `[start, end)` interval in which a machine cannot process (closed shift, maintenance, outage). */
export const UnavailableWindow = Type.Object(
  {
    start: Type.Number(),
    end: Type.Number(),
    kind: Type.Union([Type.Literal('calendar'), Type.Literal('maintenance'), Type.Literal('downtime')]),
  },
  { additionalProperties: false },
);
export type UnavailableWindow = Static<typeof UnavailableWindow>;

export const ShopMachine = Type.Object(
  {
    id: Type.String(),
    /** The machine's number in the source file (benchmark instances), printed in `--json` schedules. */
    number: Type.Optional(Type.Number()),
    /** Sorted, non-overlapping. */
    unavailable: Type.Optional(Type.Array(UnavailableWindow)),
    /** `setup[from][to]`: time between an operation of family `from` and one of family `to`. */
    setup: Type.Optional(Type.Array(Type.Array(Time))),
    /** Setup before the first operation on the machine, by family. */
    initialSetup: Type.Optional(Type.Array(Time)),
  },
  { additionalProperties: false },
);
export type ShopMachine = Static<typeof ShopMachine>;

/** The one definition of a shop problem: its TS type, the worker protocol and input validation use it. */
export const ShopProblem = Type.Object(
  { name: Type.String(), machines: Type.Array(ShopMachine), jobs: Type.Array(ShopJob) },
  { additionalProperties: false },
);
export type ShopProblem = Static<typeof ShopProblem>;

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
