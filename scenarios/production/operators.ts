// The operators of a scenario as the production problem sees them: their skills and, as unavailable
// windows, the closed time of their shift calendar (their own, else the site's), expanded like the machines'
// calendars (twin/operator-availability.ts) and sharing their cache.
import { OpenIntervals } from '../../twin/calendar-intervals.js';
import { operatorShifts } from '../../twin/operator-availability.js';
import type { ProductionOperator } from '../../solver/production/problem.js';
import type { Scenario } from '../schema.js';
import type { OpenTimeOptions } from './machines.js';

export function productionOperators(scenario: Scenario, options: OpenTimeOptions): ProductionOperator[] {
  const operators = scenario.operators ?? [];
  if (operators.length === 0) return [];
  const shifts = operatorShifts(
    operators,
    scenario.site,
    new Map((scenario.calendars ?? []).map((c) => [c.id as string, c])),
    {
      startMs: options.startMs,
      horizonS: options.horizonS,
      timeZone: scenario.site.timezone ?? 'UTC',
      cache: options.calendarCache ?? new Map<string, OpenIntervals>(),
    },
  );
  return operators.map((w, k): ProductionOperator => {
    const closed = OpenIntervals.fromPairs([[0, options.horizonS]])
      .subtract(shifts[k]!)
      .toPairs();
    return {
      id: w.id,
      skills: [...w.skills],
      ...(closed.length > 0 && {
        unavailable: closed.map(([start, end]) => ({ start, end, kind: 'calendar' as const })),
      }),
    };
  });
}
