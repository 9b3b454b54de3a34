import { openSecondsPerWeek } from '../twin/calendar-hours.js';
import { distributionMean } from '../twin/distribution-stats.js';
import { instantToSimTime } from '../twin/schema/time.js';
import type { Alternative } from '../twin/schema/product.js';
import type { Machine } from '../twin/schema/machine.js';
import type { Scenario } from './schema.js';

export interface MachineLoad {
  machine: string;
  name?: string;
  line: string;
  /** Expected work in seconds if every operation's work spreads evenly over its alternative machines. */
  loadS: number;
  /** Working seconds between the first release and the last due date, all stations counted. */
  availableS?: number;
  utilisation?: number;
}

export interface InspectReport {
  name: string;
  jobs: number;
  products: number;
  operations: number;
  machines: number;
  lines: number;
  /** Σ over every order's operations of the expected time on its fastest machine (s). */
  totalProcessingTime: number;
  /** The same with the mean over alternative machines, and with the slowest (s). */
  totalProcessingTimeMean: number;
  totalProcessingTimeMax: number;
  horizonS?: number;
  load: MachineLoad[];
  bottleneck?: MachineLoad;
}

const WEEK_S = 7 * 24 * 3600;

/** Expected time of one lot on one alternative: per-unit times scale with quantity, batches share a run. */
export function lotTimeS(alt: Alternative, quantity: number, machine: Machine | undefined): number {
  const mean = distributionMean(alt.time);
  // A batch machine runs lots of one family together: a lot takes its share of a full batch.
  if (alt.per === 'lot') return machine?.batch ? (mean * quantity) / machine.batch.maxUnits : mean;
  return mean * quantity;
}

/** What is in a scenario and where the work piles up: counts, processing time, load per machine. */
export function inspectScenario(scenario: Scenario): InspectReport {
  const machines = new Map(scenario.machines.map((m) => [m.id as string, m]));
  const products = new Map(scenario.products.map((p) => [p.id as string, p]));
  const calendars = new Map((scenario.calendars ?? []).map((c) => [c.id as string, c]));
  const loadS = new Map(scenario.machines.map((m) => [m.id as string, 0]));
  let operations = 0;
  let minTotal = 0;
  let meanTotal = 0;
  let maxTotal = 0;
  for (const order of scenario.orders) {
    const routing = products.get(order.product)?.routing ?? [];
    for (const op of routing) {
      operations++;
      const times = op.alternatives.map((alt) => lotTimeS(alt, order.quantity, machines.get(alt.machine)));
      minTotal += Math.min(...times);
      maxTotal += Math.max(...times);
      meanTotal += times.reduce((s, t) => s + t, 0) / times.length;
      op.alternatives.forEach((alt, i) =>
        loadS.set(alt.machine, (loadS.get(alt.machine) ?? 0) + times[i]! / times.length),
      );
    }
  }
  const horizonS = orderHorizonS(scenario);
  const load = scenario.machines.map((m): MachineLoad => {
    const entry: MachineLoad = {
      machine: m.id,
      line: m.line,
      loadS: loadS.get(m.id) ?? 0,
      ...(m.name && { name: m.name }),
    };
    if (horizonS !== undefined) {
      const calendar = calendars.get(m.calendar ?? scenario.site.calendar ?? '');
      entry.availableS = (horizonS * openSecondsPerWeek(calendar) * (m.capacity ?? 1)) / WEEK_S;
      entry.utilisation = entry.availableS > 0 ? entry.loadS / entry.availableS : Infinity;
    }
    return entry;
  });
  const ranked = [...load].sort(
    (a, b) => (b.utilisation ?? b.loadS) - (a.utilisation ?? a.loadS) || b.loadS - a.loadS,
  );
  return {
    name: scenario.name,
    jobs: scenario.orders.length,
    products: scenario.products.length,
    operations,
    machines: scenario.machines.length,
    lines: scenario.lines.length,
    totalProcessingTime: minTotal,
    totalProcessingTimeMean: meanTotal,
    totalProcessingTimeMax: maxTotal,
    ...(horizonS !== undefined && { horizonS }),
    load: ranked,
    ...(ranked[0] && { bottleneck: ranked[0] }),
  };
}

/** From the earliest release to the latest due date, when orders have due dates. */
function orderHorizonS(scenario: Scenario): number | undefined {
  const startMs = Date.parse(scenario.start);
  const dues = scenario.orders.flatMap((o) =>
    o.due === undefined ? [] : [instantToSimTime(o.due, startMs)],
  );
  if (!dues.length) return undefined;
  const releases = scenario.orders.map((o) =>
    o.release === undefined ? 0 : instantToSimTime(o.release, startMs),
  );
  const horizon = Math.max(...dues) - Math.min(...releases);
  return horizon > 0 ? horizon : undefined;
}
