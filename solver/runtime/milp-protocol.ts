// Messages between solveMilp (milp-solve.ts) and its worker thread (milp-worker.ts). Both sides validate
// what they receive; a malformed message becomes an error naming the field, never a crash.
import Type, { type Static } from 'typebox';
import { LpModel } from '../milp/lp-model.js';
import { parseByType, type Parsed } from './worker-messages.js';

export const MILP_WORKER_MARK = 'shopfloor-twin/milp-worker';

export const MilpBackend = Type.Union([Type.Literal('glpk'), Type.Literal('highs')]);
export type MilpBackend = Static<typeof MilpBackend>;

/**
 * optimal: proven. feasible: a solution, not proven optimal (time limit or gap). timeLimit: stopped without a
 * solution. infeasible: proven to have none. cancelled: stopped by the caller (the worker was terminated).
 */
export const MilpStatus = Type.Union([
  Type.Literal('optimal'),
  Type.Literal('feasible'),
  Type.Literal('timeLimit'),
  Type.Literal('infeasible'),
  Type.Literal('cancelled'),
]);
export type MilpStatus = Static<typeof MilpStatus>;

const Id = Type.Integer({ minimum: 0, description: 'the id of the request' });
const Values = Type.Record(Type.String(), Type.Number());

export const MilpSolveRequest = Type.Object(
  {
    type: Type.Literal('solve'),
    id: Id,
    backend: MilpBackend,
    model: LpModel,
    timeLimitS: Type.Number({ exclusiveMinimum: 0 }),
    /** Relative gap at which to stop (default 0: prove optimality). */
    mipGap: Type.Optional(Type.Number({ minimum: 0 })),
    /** A MIP start (HiGHS only; glpk.js cannot take one). */
    start: Type.Optional(Values),
  },
  { additionalProperties: false },
);
export type MilpSolveRequest = Static<typeof MilpSolveRequest>;

export const MilpSolvedMessage = Type.Object(
  {
    type: Type.Literal('solved'),
    id: Id,
    backend: MilpBackend,
    status: MilpStatus,
    /** Objective of the solution (offset included), when there is one. */
    objective: Type.Optional(Type.Number()),
    /** Proven lower bound (HiGHS only). */
    bound: Type.Optional(Type.Number()),
    values: Type.Optional(Values),
    /** Seconds the solver ran (without loading it). */
    timeS: Type.Number({ minimum: 0 }),
    /** HiGHS: whether it accepted the MIP start. */
    startAccepted: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type MilpSolvedMessage = Static<typeof MilpSolvedMessage>;

export const MilpFailedMessage = Type.Object(
  {
    type: Type.Literal('failed'),
    id: Type.Integer({ minimum: -1 }),
    error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type MilpFailedMessage = Static<typeof MilpFailedMessage>;
export type MilpReply = MilpSolvedMessage | MilpFailedMessage;

export const parseMilpRequest = (m: unknown): Parsed<MilpSolveRequest> =>
  parseByType({ solve: MilpSolveRequest }, m);
export const parseMilpReply = (m: unknown): Parsed<MilpReply> =>
  parseByType({ solved: MilpSolvedMessage, failed: MilpFailedMessage }, m);
