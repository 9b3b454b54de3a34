import Type, { type Static } from 'typebox';
import { Label, SetupMatrixId } from './ids.js';

/**
 * Sequence-dependent setup times between setup families on a machine: an explicit change wins, then
 * `sameFamilyS` when the family does not change, else `defaultS`. `initialS` applies to the first job.
 */
export const SetupMatrix = Type.Object(
  {
    id: SetupMatrixId,
    name: Type.Optional(Type.String()),
    defaultS: Type.Number({ minimum: 0 }),
    sameFamilyS: Type.Optional(Type.Number({ minimum: 0, default: 0 })),
    initialS: Type.Optional(Type.Number({ minimum: 0, default: 0 })),
    changes: Type.Optional(
      Type.Array(
        Type.Object(
          { from: Label, to: Label, durationS: Type.Number({ minimum: 0 }) },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);
export type SetupMatrix = Static<typeof SetupMatrix>;
