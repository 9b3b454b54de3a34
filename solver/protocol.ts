import Type, { type Static } from 'typebox';
import { StringEnum } from '../twin/schema/string-enum.js';

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

export interface ReplicationOutcome {
  id: number;
  seed: number;
  result?: Record<string, number | number[] | string | boolean>;
  error?: { code: string; message: string };
}
