// Messages between the parallel search's coordinator (solve-shop.ts) and its workers (schedule-worker.ts).
// Every message has a `type` and the id of the run it belongs to. Both sides validate what they receive, so a
// malformed message becomes an error that names the field, never a crash.
import Type, { type Static, type TSchema } from 'typebox';
import { ShopProblem } from '../shop/problem.js';
import { ShopSolution } from '../shop/solution.js';
import { parseByType, type Parsed } from './worker-messages.js';

/** `workerData.mark` of a schedule worker thread. */
export const SCHEDULE_WORKER_MARK = 'shopfloor-twin/schedule-worker';

const RunId = Type.Integer({ minimum: 0, description: 'the id of the run' });
const WorkerIndex = Type.Integer({ minimum: 0, description: 'the index of the worker in its run' });
const Index = Type.Integer({ minimum: 0 });
const Time = Type.Number({ minimum: 0 });

// Coordinator -> worker.

/** Build the search: compileShop(problem), createShopSearch with this seed (already derived) and target. */
export const InitMessage = Type.Object(
  {
    type: Type.Literal('init'),
    run: RunId,
    worker: WorkerIndex,
    seed: Type.Integer({ minimum: 0, maximum: 4294967295 }),
    target: Type.Optional(Type.Number()),
    problem: ShopProblem,
  },
  { additionalProperties: false },
);
/** Run the search for this many iterations, then report. */
export const EpochMessage = Type.Object(
  { type: Type.Literal('epoch'), run: RunId, iterations: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
/** Continue from this solution (the run's best so far). */
export const AdoptMessage = Type.Object(
  { type: Type.Literal('adopt'), run: RunId, solution: ShopSolution },
  { additionalProperties: false },
);

// Worker -> coordinator.

const searchState = {
  run: RunId,
  worker: WorkerIndex,
  /** The search's best makespan (finite once the search has built its first solution). */
  bestMakespan: Time,
  /** Iterations the search has done in total. */
  iterations: Index,
  stagnation: Index,
  finished: Type.Boolean(),
};
/** The search is built; its first solution comes along. */
export const ReadyMessage = Type.Object(
  { type: Type.Literal('ready'), ...searchState, solution: ShopSolution },
  { additionalProperties: false },
);
/** An epoch is done; the best solution comes along only when it improved since the last report. */
export const EpochDoneMessage = Type.Object(
  { type: Type.Literal('epochDone'), ...searchState, solution: Type.Optional(ShopSolution) },
  { additionalProperties: false },
);
/** The worker could not do what it was asked; `error` is `{ code, message }` as in twin/errors.ts. */
export const FailedMessage = Type.Object(
  {
    type: Type.Literal('failed'),
    run: Type.Integer({ minimum: -1 }),
    worker: Type.Integer({ minimum: -1 }),
    error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

export type InitMessage = Static<typeof InitMessage>;
export type EpochMessage = Static<typeof EpochMessage>;
export type AdoptMessage = Static<typeof AdoptMessage>;
export type ScheduleCommand = InitMessage | EpochMessage | AdoptMessage;
export type ReadyMessage = Static<typeof ReadyMessage>;
export type EpochDoneMessage = Static<typeof EpochDoneMessage>;
export type FailedMessage = Static<typeof FailedMessage>;
export type ScheduleReply = ReadyMessage | EpochDoneMessage | FailedMessage;

const COMMANDS: Record<string, TSchema> = { init: InitMessage, epoch: EpochMessage, adopt: AdoptMessage };
const REPLIES: Record<string, TSchema> = {
  ready: ReadyMessage,
  epochDone: EpochDoneMessage,
  failed: FailedMessage,
};

/** Validates a message received by a worker. */
export const parseScheduleCommand = (message: unknown): Parsed<ScheduleCommand> =>
  parseByType(COMMANDS, message);

/** Validates a message received from a worker; on failure, `error` names the field and what was wrong. */
export const parseScheduleReply = (message: unknown): Parsed<ScheduleReply> => parseByType(REPLIES, message);
