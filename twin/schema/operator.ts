import Type, { type Static } from 'typebox';
import { CalendarId, Label, OperatorId } from './ids.js';

export const Operator = Type.Object(
  {
    id: OperatorId,
    name: Type.Optional(Type.String()),
    skills: Type.Array(Label, { minItems: 1, uniqueItems: true }),
    calendar: Type.Optional(CalendarId),
  },
  { additionalProperties: false },
);
export type Operator = Static<typeof Operator>;
