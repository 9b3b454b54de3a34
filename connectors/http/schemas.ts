import Type from 'typebox';
import { Edit } from '../../scenarios/edits/schema.js';
import { PLAN_TRIGGERS } from '../../twin/schema/plan.js';
import { StringEnum } from '../../twin/schema/string-enum.js';

/** Every field has a default: `{}` reschedules the live plant. */
export const ScheduleBody = Type.Object(
  {
    trigger: Type.Optional(StringEnum(PLAN_TRIGGERS, 'what triggered the reschedule (default api)')),
    detail: Type.Optional(Type.String({ maxLength: 500 })),
    objective: Type.Optional(
      StringEnum(['makespan', 'tardiness', 'lateOrders'] as const, 'an objective (default makespan)'),
    ),
    timeBudgetS: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, default: 2, description: 'search time, s' }),
    ),
    frozenHorizonS: Type.Optional(
      Type.Number({
        minimum: 0,
        default: 0,
        description: 'operations starting within this many s do not move',
      }),
    ),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295, default: 1 })),
    milp: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'MILP neighbourhoods (glpk.js) between local-search steps: for budgets of seconds',
      }),
    ),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

export const ScenarioBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    base: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    edits: Type.Array(Edit, { maxItems: 200 }),
  },
  { additionalProperties: false },
);

export const RunBody = Type.Object(
  {
    replications: Type.Optional(Type.Integer({ minimum: 1, default: 10 })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295, default: 1 })),
  },
  { additionalProperties: false },
);

export const HistoryQuery = Type.Object(
  {
    asset: Type.String({ minLength: 1, maxLength: 128 }),
    signal: Type.String({ minLength: 1, maxLength: 128 }),
    from: Type.Optional(Type.Number({ description: 'ms since the epoch (default: an hour ago)' })),
    to: Type.Optional(Type.Number({ description: 'ms since the epoch (default: now)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1000 })),
    token: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
