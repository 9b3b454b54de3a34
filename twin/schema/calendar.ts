import Type, { type Static } from 'typebox';
import { CalendarId } from './ids.js';
import { CalendarDate, ClockTime, Weekday } from './time.js';

export const Break = Type.Object(
  { start: ClockTime, end: ClockTime, name: Type.Optional(Type.String()) },
  { additionalProperties: false },
);
export type Break = Static<typeof Break>;

/** A shift repeats on the given weekdays; an end at or before the start runs past midnight. */
export const Shift = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    days: Type.Array(Weekday, { minItems: 1, uniqueItems: true }),
    start: ClockTime,
    end: ClockTime,
    breaks: Type.Optional(Type.Array(Break)),
  },
  { additionalProperties: false },
);
export type Shift = Static<typeof Shift>;

/** Working time of machines or operators. A resource with no calendar is always available. */
export const Calendar = Type.Object(
  {
    id: CalendarId,
    name: Type.Optional(Type.String()),
    shifts: Type.Array(Shift, { minItems: 1 }),
    holidays: Type.Optional(Type.Array(CalendarDate, { uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type Calendar = Static<typeof Calendar>;
