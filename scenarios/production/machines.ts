// The machines of a scenario as the production problem sees them: stations, open time (calendar minus
// maintenance minus known downtime, expanded in the site's time zone) as unavailable windows, setup matrices
// by setup family, whether work may pause over closed time, and transport times between machines.
import { OpenIntervals } from '../../twin/calendar-intervals.js';
import { machineAvailability } from '../../twin/machine-availability.js';
import { travelTimeS } from '../../twin/distances.js';
import { TwinError } from '../../twin/errors.js';
import type { Machine } from '../../twin/schema/machine.js';
import type { Position } from '../../twin/schema/layout.js';
import type { ProductionMachine } from '../../solver/production/problem.js';
import type { UnavailableWindow } from '../../solver/shop/problem.js';
import type { Scenario } from '../schema.js';

/** Default policy: work pauses over closed time as in the simulation, except on batch machines (furnaces),
 * whose cycle must run in one open interval. */
export function defaultMayPause(machine: Machine): boolean {
  return machine.batch === undefined;
}

/** Closed pieces of [0, horizon), labelled by what closes them (downtime > maintenance > calendar). */
function unavailable(
  available: OpenIntervals,
  maintenance: OpenIntervals,
  downtime: OpenIntervals,
  horizonS: number,
): UnavailableWindow[] {
  const closed = OpenIntervals.fromPairs([[0, horizonS]]).subtract(available);
  return closed.toPairs().map(([start, end]) => {
    const kind =
      downtime.openTimeBetween(start, end) > 0
        ? 'downtime'
        : maintenance.openTimeBetween(start, end) > 0
          ? 'maintenance'
          : 'calendar';
    return { start, end, kind };
  });
}

/** Setup matrix of a machine over the family indices: `[setup, initialSetup]`, or undefined without one. */
function setups(scenario: Scenario, machine: Machine, families: ReadonlyMap<string, number>) {
  if (machine.setupMatrix === undefined) return undefined;
  const matrix = (scenario.setupMatrices ?? []).find((s) => s.id === machine.setupMatrix);
  if (!matrix)
    throw new TwinError(
      'TWIN_E_UNKNOWN_REFERENCE',
      `machine "${machine.id}": unknown setup matrix "${machine.setupMatrix}"`,
    );
  const n = families.size;
  const table = Array.from({ length: n }, (_, f) =>
    Array.from({ length: n }, (_, g) => (f === g ? (matrix.sameFamilyS ?? 0) : matrix.defaultS)),
  );
  for (const change of matrix.changes ?? []) {
    const from = families.get(change.from);
    const to = families.get(change.to);
    if (from !== undefined && to !== undefined) table[from]![to] = change.durationS;
  }
  return { setup: table, initialSetup: new Array<number>(n).fill(matrix.initialS ?? 0) };
}

export interface OpenTimeOptions {
  startMs: number;
  horizonS: number;
  /** Expanded calendars by calendar id, start and horizon: a reschedule reuses the ones it expanded before. */
  calendarCache?: Map<string, OpenIntervals> | undefined;
}

export interface MachineOpenTime {
  /** Calendar minus maintenance minus downtime. */
  available: OpenIntervals;
  maintenance: OpenIntervals;
  downtime: OpenIntervals;
}

/** Per machine of the scenario, in its order: its open time over [0, horizonS) and what closes it. */
export function machineOpenTimes(scenario: Scenario, options: OpenTimeOptions): MachineOpenTime[] {
  const timeZone = scenario.site.timezone ?? 'UTC';
  const calendars = new Map((scenario.calendars ?? []).map((c) => [c.id as string, c]));
  const expanded = options.calendarCache ?? new Map<string, OpenIntervals>();
  return scenario.machines.map((m) => {
    const { available, maintenance, downtime } = machineAvailability(m, scenario.site, calendars, {
      startMs: options.startMs,
      horizonS: options.horizonS,
      timeZone,
      cache: expanded,
    });
    return { available, maintenance, downtime };
  });
}

export interface MachineOptions extends OpenTimeOptions {
  mayPause: (machine: Machine) => boolean;
}

export function productionMachines(
  scenario: Scenario,
  families: ReadonlyMap<string, number>,
  options: MachineOptions,
): { machines: ProductionMachine[]; open: OpenIntervals[] } {
  const times = machineOpenTimes(scenario, options);
  const machines = scenario.machines.map((m, k): ProductionMachine => {
    const { available, maintenance, downtime } = times[k]!;
    const setup = setups(scenario, m, families);
    return {
      id: m.id,
      stations: m.capacity ?? 1,
      mayPause: options.mayPause(m),
      unavailable: unavailable(available, maintenance, downtime, options.horizonS),
      ...(setup && setup),
      ...(m.batch && { batch: { maxUnits: m.batch.maxUnits } }),
    };
  });
  return { machines, open: times.map((t) => t.available) };
}

/**
 * `transport[from][to]`: a lot leaves a machine from its output buffer (else the machine) for the next one's
 * input buffer (else the machine); one rack is no move. As the simulation picks: a conveyor linking exactly
 * those ends, else the first vehicle serving both lines, else the first vehicle; load + travel + unload.
 * The empty drive to the pickup and waiting for a free vehicle are not counted (a lower bound).
 */
export function transportMatrix(scenario: Scenario): number[][] | undefined {
  const transporters = scenario.transporters ?? [];
  if (transporters.length === 0) return undefined;
  const places = new Map<string, { position: Position; line: string | undefined }>();
  for (const m of scenario.machines) places.set(m.id, { position: m.placement.position, line: m.line });
  for (const b of scenario.buffers ?? []) places.set(b.id, { position: b.placement.position, line: b.line });
  const serves = (lines: readonly string[] | undefined, at: string) => {
    const line = places.get(at)?.line;
    return !lines || line === undefined || lines.includes(line);
  };
  return scenario.machines.map((a) =>
    scenario.machines.map((b) => {
      if (a.id === b.id) return 0;
      const from: string = a.outputBuffer ?? a.id;
      const to: string = b.inputBuffer ?? b.id;
      if (from === to) return 0;
      const vehicle =
        transporters.find((t) => t.kind === 'conveyor' && t.from === from && t.to === to) ??
        transporters.find((t) => t.kind !== 'conveyor' && serves(t.lines, from) && serves(t.lines, to)) ??
        transporters.find((t) => t.kind !== 'conveyor');
      const p = places.get(from)?.position;
      const q = places.get(to)?.position;
      return vehicle && p && q ? travelTimeS(vehicle, p, q) : 0;
    }),
  );
}
