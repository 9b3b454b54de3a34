import Type, { type Static } from 'typebox';
import { StringEnum } from '../twin/schema/string-enum.js';
import { FactoryModel } from '../twin/schema/factory.js';
import { Order } from '../twin/schema/order.js';
import { DISPATCH_RULES } from './des/factory/dispatch.js';

/**
 * Messages to and from solver workers. Every task carries an id; results and errors come back with it.
 * Errors cross the thread boundary as `{ code, message }` (twin/errors.ts).
 */
export const ReplicationTask = Type.Object(
  {
    id: Type.Integer({ minimum: 0 }),
    model: StringEnum(['mm1', 'jobshop'] as const, 'a reference model'),
    params: Type.Record(
      Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]*$' }),
      Type.Union([Type.Number(), Type.Boolean()]),
    ),
    seed: Type.Integer({ minimum: 0, maximum: 4294967295 }),
    rng: StringEnum(['default', 'mt19937'] as const, 'a random generator'),
  },
  { additionalProperties: false },
);
export type ReplicationTask = Static<typeof ReplicationTask>;

/** One replication of a plant: the model (what-if edits already applied) and its order book. */
export const FactoryTask = Type.Object(
  {
    id: Type.Integer({ minimum: 0 }),
    model: Type.Literal('factory'),
    seed: Type.Integer({ minimum: 0, maximum: 4294967295 }),
    rng: StringEnum(['default', 'mt19937'] as const, 'a random generator'),
    input: Type.Object(
      {
        model: FactoryModel,
        orders: Type.Array(Order),
        startMs: Type.Number(),
        rule: Type.Optional(StringEnum(DISPATCH_RULES, 'a dispatching rule')),
        horizonS: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
        warmupS: Type.Optional(Type.Number({ minimum: 0 })),
        trace: Type.Optional(Type.Boolean()),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type FactoryTask = Static<typeof FactoryTask>;
export type SolverTask = ReplicationTask | FactoryTask;

/** A worker's answer to one replication task: its result, or an error serialised as `{ code, message }`. */
export const ReplicationOutcome = Type.Object(
  {
    id: Type.Integer({ minimum: -1 }),
    seed: Type.Integer({ minimum: -1 }),
    result: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
  },
  { additionalProperties: false },
);
export type ReplicationOutcome = Static<typeof ReplicationOutcome>;
