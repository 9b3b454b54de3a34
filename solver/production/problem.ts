// The production scheduling problem in numeric form: the shop problem of solver/shop/ (jobs, operations with
// alternative machines, setup families, unavailable windows, releases) plus what a real shop adds — stations
// (capacity above one), work that pauses over closed time, due dates and weights, minimum lags, transport
// times between machines, and operations pinned where they are (running, or inside a frozen horizon).
// Times are seconds after the scenario start. scenarios/production/ builds it from the twin.
import Type, { type Static } from 'typebox';
import { ShopAlternative, UnavailableWindow } from '../shop/problem.js';

const Index = Type.Integer({ minimum: 0 });
const Time = Type.Number({ minimum: 0 });

/** Where a pinned operation stays: a fact (running) or a decision kept (inside the frozen horizon). */
export const ProductionPin = Type.Object(
  {
    machine: Index,
    station: Index,
    start: Time,
    end: Time,
    reason: Type.Union([Type.Literal('running'), Type.Literal('frozen')]),
    /** The operator it keeps (index into the problem's operators), when the plan in force names one. */
    operator: Type.Optional(Index),
  },
  { additionalProperties: false },
);
export type ProductionPin = Static<typeof ProductionPin>;

export const ProductionOperation = Type.Object(
  {
    id: Type.String(),
    /** One eligible machine each, with the work the operation needs there (open seconds, pauses not
     * counted). May be empty: findInfeasibilities names such an operation instead of failing in the search. */
    alternatives: Type.Array(ShopAlternative),
    /** Setup family (index into the machines' setup matrices); absent: no setup. */
    family: Type.Optional(Index),
    /** Minimum time from the end of the previous operation of the job to this one's start (cooling). */
    minLag: Type.Optional(Time),
    /** Skill an operator must have (a label in the problem's operators' skills); absent: no operator. */
    skill: Type.Optional(Type.String()),
    /** When the operator is held: from the setup's start to the work's start, or to the end (default). */
    operatorFor: Type.Optional(Type.Union([Type.Literal('setup'), Type.Literal('whole')])),
    /** The operator the plan in force gave it: tried first, and kept when it allows the earliest end. */
    preferOperator: Type.Optional(Index),
    /** Maximum time from the end of the previous operation of the job to this one's start (after its setup):
     * tempering within hours of the quench; 0 = no-wait. A hard constraint (lag-chain.ts). */
    maxLag: Type.Optional(Time),
    /** Batch family: on a batch machine, lots of one family (and one setup family) may share a cycle
     * (batching.ts). Absent: the operation runs alone there. */
    batchFamily: Type.Optional(Index),
    /** Units in the lot, counted against a batch machine's `maxUnits` (default 1). */
    units: Type.Optional(Type.Number({ minimum: 0 })),
    pin: Type.Optional(ProductionPin),
  },
  { additionalProperties: false },
);
export type ProductionOperation = Static<typeof ProductionOperation>;

export const ProductionJob = Type.Object(
  {
    id: Type.String(),
    /** Earliest start of the job's first free operation (already at least the problem's `now`). */
    release: Time,
    due: Type.Optional(Type.Number()),
    weight: Type.Number({ exclusiveMinimum: 0 }),
    /** 0 lowest … 9 highest; breaks ties in dispatching. */
    priority: Type.Integer({ minimum: 0, maximum: 9 }),
    /** Machine where the lot is now (its last operation done), for the transport to the first operation. */
    from: Type.Optional(Index),
    /** Remaining operations in route order (done ones are left out). */
    operations: Type.Array(ProductionOperation),
  },
  { additionalProperties: false },
);
export type ProductionJob = Static<typeof ProductionJob>;

export const ProductionMachine = Type.Object(
  {
    id: Type.String(),
    /** Parallel stations, each a unit resource with its own setup state. */
    stations: Type.Integer({ minimum: 1 }),
    /** True: setup and processing pause over unavailable time (as the simulation does). False: an
     * operation and its setup must fit in one open interval (a furnace cycle is not interrupted). */
    mayPause: Type.Boolean(),
    /** Sorted, non-overlapping; beyond the problem's horizon the machine counts as closed. */
    unavailable: Type.Optional(Type.Array(UnavailableWindow)),
    /** `setup[from][to]` between families; `initialSetup[to]` for a station set up for nothing known. */
    setup: Type.Optional(Type.Array(Type.Array(Time))),
    initialSetup: Type.Optional(Type.Array(Time)),
    /** Family each station is set up for at `now` (-1: unknown, the initial setup applies). */
    stationFamily: Type.Optional(Type.Array(Type.Integer({ minimum: -1 }))),
    /** A batch machine: each station runs one group of lots of one batch family per cycle, as long as the
     * longest member's work, up to `maxUnits` units (a larger lot runs alone). */
    batch: Type.Optional(
      Type.Object({ maxUnits: Type.Number({ exclusiveMinimum: 0 }) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type ProductionMachine = Static<typeof ProductionMachine>;

/** A person who sets up or runs operations needing one of their skills, in their shifts. */
export const ProductionOperator = Type.Object(
  {
    id: Type.String(),
    skills: Type.Array(Type.String()),
    /** Closed time of the operator's calendar, sorted, non-overlapping; beyond the horizon: off. */
    unavailable: Type.Optional(Type.Array(UnavailableWindow)),
  },
  { additionalProperties: false },
);
export type ProductionOperator = Static<typeof ProductionOperator>;

export const ProductionProblem = Type.Object(
  {
    name: Type.String(),
    /** Free operations start at or after `now`; pinned ones may have started before. */
    now: Time,
    /** End of the expanded calendars: nothing may end after it. */
    horizon: Type.Number({ exclusiveMinimum: 0 }),
    machines: Type.Array(ProductionMachine),
    jobs: Type.Array(ProductionJob),
    /** `transport[from][to]`: seconds to move a lot between machines (absent: instantaneous). */
    transport: Type.Optional(Type.Array(Type.Array(Time))),
    /** Operators: a second resource for operations with a `skill`. */
    operators: Type.Optional(Type.Array(ProductionOperator)),
  },
  { additionalProperties: false },
);
export type ProductionProblem = Static<typeof ProductionProblem>;

/** One operation of a production plan; `job` and `op` index the problem's jobs and remaining operations. */
/** One operation of a plan (also the shape the production worker sends back, checked against it). */
export const PlannedOperation = Type.Object(
  {
    job: Index,
    op: Index,
    machine: Index,
    station: Index,
    /** Start of the setup (equals `start` without one); work pauses over closed time on pausing machines. */
    setupStart: Type.Number(),
    start: Type.Number(),
    end: Type.Number(),
    /** Operator index, for an operation that holds one (see README: operators). */
    operator: Type.Optional(Index),
    /** On a batch machine: the group it runs in (the global index of the group's first operation), shared
     * by every member; absent elsewhere. */
    batch: Type.Optional(Index),
    /** Position in the priority list it was decoded from (free operations): a repair decodes in this order. */
    rank: Type.Optional(Index),
  },
  { additionalProperties: false },
);
export type PlannedOperation = Static<typeof PlannedOperation>;

export const ProductionPlan = Type.Object(
  { operations: Type.Array(PlannedOperation), makespan: Type.Number() },
  { additionalProperties: false },
);
export type ProductionPlan = Static<typeof ProductionPlan>;
