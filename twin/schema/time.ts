import Type, { type Static } from 'typebox';
import { StringEnum } from './string-enum.js';

/** Seconds of simulated time since the scenario's `start`. */
export type SimTime = number;
/** Milliseconds since the Unix epoch (wall-clock time, as telemetry carries it). */
export type EpochMs = number;

export const DurationS = Type.Number({ minimum: 0, description: 'a duration in seconds (≥ 0)' });
export const PositiveDurationS = Type.Number({
  exclusiveMinimum: 0,
  description: 'a duration in seconds (> 0)',
});
export const EpochMsSchema = Type.Number({
  minimum: 0,
  description: 'milliseconds since 1970-01-01T00:00:00Z',
});

/**
 * A point in time in a file: an ISO 8601 date-time with an offset, or seconds after the scenario start.
 * Planners write dates; imported benchmarks and generated cases write offsets.
 */
export const Instant = Type.Union(
  [
    Type.String({ format: 'date-time' }),
    Type.Number({ minimum: 0, description: 'seconds after the scenario start' }),
  ],
  {
    description:
      'an ISO 8601 date-time with offset (e.g. 2026-11-23T06:00:00+08:00) or a number of seconds after the scenario start (≥ 0)',
  },
);
export type Instant = Static<typeof Instant>;

/** Wall-clock time of day, `HH:MM` (24 h); `24:00` closes a shift at midnight. */
export const ClockTime = Type.String({
  pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$',
  description: 'a time of day HH:MM (00:00 to 24:00)',
});
export type ClockTime = Static<typeof ClockTime>;

export const CalendarDate = Type.String({ format: 'date', description: 'a date YYYY-MM-DD' });

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const Weekday = StringEnum(WEEKDAYS, 'a weekday');
export type Weekday = (typeof WEEKDAYS)[number];

/** Half-open interval [start, end) in file form. */
export const TimeWindow = Type.Object(
  {
    start: Instant,
    end: Instant,
    reason: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type TimeWindow = Static<typeof TimeWindow>;

/** Resolve a file instant to seconds after `startMs`; NaN if the string is not a date-time. */
export function instantToSimTime(instant: Instant, startMs: EpochMs): SimTime {
  if (typeof instant === 'number') return instant;
  return (Date.parse(instant) - startMs) / 1000;
}

/** Minutes after midnight of a `HH:MM` clock time. */
export function clockMinutes(time: ClockTime): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}
