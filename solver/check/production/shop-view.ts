// A production plan seen as a shop plan, so the shop checker (check-plan.ts) judges what the two share: each
// operation once on an eligible machine, route order and releases, no overlap per station, windows on
// machines where work may not pause. Each station becomes a machine of its own. Two facts are taken from the
// plan rather than re-derived: on a pausing machine an operation lasts its elapsed time (its work in open time
// is checked in production-checks.ts), and a pinned operation lasts as pinned, its own interval taken out of
// the windows (it is where the shop floor says it is). Setups are left out of the view: a shop problem counts
// the setup after an operation without a family from nothing set up, while the plant (and the production
// problem) keeps the station set up for the last family; setup-checks.ts checks them on the plan's own setups.
// The members of a batch other than its leader (batch-checks.ts) share the leader's station interval: each
// gets a machine of its own in the view (its station's windows), so the shop checker still judges its route
// order and windows but not an overlap with its own batch.
import { batchesOf } from './batch-checks.js';
import type { ProductionPlan, ProductionProblem } from '../../production/problem.js';
import type {
  ScheduledOperation,
  ShopJob,
  ShopMachine,
  ShopPlan,
  ShopProblem,
  UnavailableWindow,
} from '../../shop/problem.js';

export interface ShopView {
  shop: ShopProblem;
  plan: ShopPlan;
  /** Shop machine index of (machine, station), -1 when out of range. */
  stationIndex: (machine: number, station: number) => number;
}

function cut(windows: readonly UnavailableWindow[], start: number, end: number): UnavailableWindow[] {
  if (!(end > start)) return [...windows];
  const out: UnavailableWindow[] = [];
  for (const w of windows) {
    if (w.end <= start || w.start >= end) out.push(w);
    else {
      if (w.start < start) out.push({ ...w, end: start });
      if (w.end > end) out.push({ ...w, start: end });
    }
  }
  return out;
}

export function shopViewOf(problem: ProductionProblem, plan: ProductionPlan): ShopView {
  const first: number[] = [];
  let count = 0;
  for (const mc of problem.machines) {
    first.push(count);
    count += mc.stations;
  }
  const stationIndex = (machine: number, station: number): number => {
    const mc = problem.machines[machine];
    return mc && Number.isInteger(station) && station >= 0 && station < mc.stations
      ? first[machine]! + station
      : -1;
  };
  const entry = new Map<string, ProductionPlan['operations'][number]>();
  for (const e of plan.operations) if (!entry.has(`${e.job}/${e.op}`)) entry.set(`${e.job}/${e.op}`, e);
  const valid = [...entry.values()].filter(
    (e) => problem.jobs[e.job]?.operations[e.op] !== undefined && stationIndex(e.machine, e.station) >= 0,
  );
  const { riders } = batchesOf(problem, valid);
  const machines: ShopMachine[] = [];
  problem.machines.forEach((mc, k) => {
    for (let s = 0; s < mc.stations; s++) {
      let windows = mc.mayPause ? [] : (mc.unavailable ?? []);
      for (const job of problem.jobs)
        for (const op of job.operations)
          if (op.pin && op.pin.machine === k && op.pin.station === s)
            windows = cut(windows, op.pin.start, op.pin.end);
      machines.push({ id: mc.stations > 1 ? `${mc.id}#${s + 1}` : mc.id, unavailable: windows });
    }
  });
  const riderMachine = new Map<ProductionPlan['operations'][number], number>();
  for (const e of riders) {
    riderMachine.set(e, machines.length);
    const station = machines[stationIndex(e.machine, e.station)]!;
    machines.push({ id: `${station.id} (batch)`, unavailable: station.unavailable ?? [] });
  }
  const jobs: ShopJob[] = problem.jobs.map((job, j) => {
    const pinnedFirst = job.operations[0]?.pin;
    const release = Math.max(job.release, problem.now);
    return {
      id: job.id,
      release: pinnedFirst ? Math.min(release, pinnedFirst.start) : release,
      operations: job.operations.map((op, k) => {
        const planned = entry.get(`${j}/${k}`);
        const elapsed = planned ? planned.end - planned.start : NaN;
        const alternatives = op.pin
          ? Array.from({ length: problem.machines[op.pin.machine]?.stations ?? 0 }, (_, s) => ({
              machine: stationIndex(op.pin!.machine, s),
              duration: op.pin!.end - op.pin!.start,
            }))
          : op.alternatives.flatMap((alt) => {
              const mc = problem.machines[alt.machine]!;
              const duration = mc.mayPause && planned?.machine === alt.machine ? elapsed : alt.duration;
              return Array.from({ length: mc.stations }, (_, s) => ({
                machine: stationIndex(alt.machine, s),
                duration: Number.isFinite(duration) && duration >= 0 ? duration : alt.duration,
              }));
            });
        const rider = planned && riderMachine.get(planned);
        if (rider !== undefined) alternatives.push({ machine: rider, duration: elapsed });
        return { id: op.id, alternatives };
      }),
    };
  });
  const operations: ScheduledOperation[] = plan.operations.map((e) => ({
    job: e.job,
    op: e.op,
    machine: riderMachine.get(e) ?? stationIndex(e.machine, e.station),
    start: e.start,
    end: e.end,
  }));
  return {
    shop: { name: problem.name, machines, jobs },
    plan: { operations, makespan: plan.makespan },
    stationIndex,
  };
}
