import Type, { type Static } from 'typebox';
import { FactoryModel } from '../../twin/schema/factory.js';
import { Order } from '../../twin/schema/order.js';
import { Plan } from '../../twin/schema/plan.js';
import { StringEnum } from '../../twin/schema/string-enum.js';
import { MAX_SEED } from '../risk/replicate.js';

// Messages of the plan-risk workers (plan-risk-worker.ts): a task asks for replications [from, to) of one
// plan (a batch: the model and plan travel once per task, are compiled once per task, and the compiled model
// is kept per worker for the next tasks on the same plant); the reply carries one sample per replication.
// Both sides are checked against these schemas.

export const PlanRiskTask = Type.Object(
  {
    id: Type.Integer({ minimum: 0 }),
    seed: Type.Integer({ minimum: 0, maximum: MAX_SEED }),
    rng: StringEnum(['default', 'mt19937'] as const, 'a random generator'),
    from: Type.Integer({ minimum: 0, description: 'first replication' }),
    to: Type.Integer({ minimum: 1, description: 'one past the last replication' }),
    input: Type.Object(
      {
        model: FactoryModel,
        orders: Type.Array(Order),
        startMs: Type.Number(),
        plan: Plan,
        horizonS: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
        allowEarly: Type.Optional(Type.Boolean()),
        timezone: Type.Optional(Type.String({ minLength: 1 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type PlanRiskTask = Static<typeof PlanRiskTask>;

export const PlanRiskSample = Type.Object(
  {
    replication: Type.Integer({ minimum: 0 }),
    seed: Type.Integer({ minimum: 0, maximum: MAX_SEED }),
    endS: Type.Number(),
    events: Type.Integer({ minimum: 0, description: 'events the run simulated' }),
    /** Per order in book order; null when the order was unfinished at the horizon. */
    completionS: Type.Array(Type.Union([Type.Number(), Type.Null()])),
  },
  { additionalProperties: false },
);
export type PlanRiskSample = Static<typeof PlanRiskSample>;

export const PlanRiskReply = Type.Union([
  Type.Object(
    {
      id: Type.Integer({ minimum: -1 }),
      samples: Type.Array(PlanRiskSample),
      compiled: Type.Boolean({ description: 'the worker compiled the model for this task (not cached)' }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      id: Type.Integer({ minimum: -1 }),
      error: Type.Object(
        { code: Type.String({ minLength: 1 }), message: Type.String() },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
]);
export type PlanRiskReply = Static<typeof PlanRiskReply>;
