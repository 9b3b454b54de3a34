// The constraints a shop problem cannot state, re-derived from the production problem: pinned operations
// where the pin says; on pausing machines, work measured in open time (and the setup before it); minimum lags
// and transport between a job's operations; free operations not before `now`; nothing past the horizon.
import { OpenIntervals } from '../../../twin/calendar-intervals.js';
import type { PlannedOperation, ProductionPlan, ProductionProblem } from '../../production/problem.js';
import { setupTime } from '../../shop/problem.js';
import { t } from '../names.js';
import { differs, isBefore } from '../time.js';

export const PRODUCTION_VIOLATION_KINDS = ['pin', 'work', 'lag', 'transport', 'now', 'horizon'] as const;
export type ProductionViolationKind = (typeof PRODUCTION_VIOLATION_KINDS)[number];

export interface ProductionViolation {
  kind: ProductionViolationKind;
  message: string;
  operations: { job: number; op: number }[];
  machine?: number;
}

function openTimes(problem: ProductionProblem): OpenIntervals[] {
  return problem.machines.map((mc) => {
    const all = OpenIntervals.fromPairs([[0, problem.horizon]]);
    const w = mc.unavailable ?? [];
    return w.length ? all.subtract(OpenIntervals.fromPairs(w.map((x) => [x.start, x.end]))) : all;
  });
}

/** Checks what the shop view cannot; expects entries with valid indices (the shop checker reports others). */
export function checkProductionRules(
  problem: ProductionProblem,
  plan: ProductionPlan,
): ProductionViolation[] {
  const out: ProductionViolation[] = [];
  const open = openTimes(problem);
  const name = (e: PlannedOperation) => {
    const job = problem.jobs[e.job]!;
    return `${job.id}/${job.operations[e.op]!.id}`;
  };
  const byJob = new Map<string, PlannedOperation>();
  const valid = plan.operations.filter((e) => {
    const op = problem.jobs[e.job]?.operations[e.op];
    const ok =
      op !== undefined && problem.machines[e.machine] !== undefined && !byJob.has(`${e.job}/${e.op}`);
    if (ok) byJob.set(`${e.job}/${e.op}`, e);
    return ok;
  });
  for (const e of valid) {
    const op = problem.jobs[e.job]!.operations[e.op]!;
    const ref = [{ job: e.job, op: e.op }];
    const mc = problem.machines[e.machine]!;
    if (op.pin) {
      const p = op.pin;
      if (
        p.machine !== e.machine ||
        p.station !== e.station ||
        differs(p.start, e.start) ||
        differs(p.end, e.end)
      )
        out.push({
          kind: 'pin',
          operations: ref,
          machine: e.machine,
          message:
            `${name(e)} is pinned (${p.reason}) on ${problem.machines[p.machine]?.id ?? p.machine} station ${p.station} ` +
            `from ${t(p.start)} to ${t(p.end)}, but the plan has it on ${mc.id} station ${e.station} from ${t(e.start)} to ${t(e.end)}`,
        });
      continue;
    }
    if (isBefore(e.start, problem.now))
      out.push({
        kind: 'now',
        operations: ref,
        message: `${name(e)} starts at ${t(e.start)}, before now (${t(problem.now)})`,
      });
    if (isBefore(problem.horizon, e.end))
      out.push({
        kind: 'horizon',
        operations: ref,
        message: `${name(e)} ends at ${t(e.end)}, after the horizon ${t(problem.horizon)}`,
      });
    const work = op.alternatives.find((a) => a.machine === e.machine)?.duration;
    if (mc.mayPause && work !== undefined) {
      const got = open[e.machine]!.openTimeBetween(e.start, e.end);
      const startsClosed = work > 0 && !open[e.machine]!.isOpen(e.start);
      if (differs(got, work) || startsClosed)
        out.push({
          kind: 'work',
          operations: ref,
          machine: e.machine,
          message: startsClosed
            ? `${name(e)} starts at ${t(e.start)} while ${mc.id} is closed`
            : `${name(e)} on ${mc.id} gets ${t(got)} s of open time between ${t(e.start)} and ${t(e.end)} but needs ${t(work)} s`,
        });
    }
    if (e.op > 0) {
      const prev = byJob.get(`${e.job}/${e.op - 1}`);
      if (prev) {
        const lag = op.minLag ?? 0;
        const move = problem.transport?.[prev.machine]?.[e.machine] ?? 0;
        if (isBefore(e.start, prev.end + lag))
          out.push({
            kind: 'lag',
            operations: [{ job: prev.job, op: prev.op }, ...ref],
            message: `${name(e)} starts at ${t(e.start)}, less than its minimum lag of ${t(lag)} s after ${name(prev)} ends at ${t(prev.end)}`,
          });
        else if (isBefore(e.start, prev.end + move))
          out.push({
            kind: 'transport',
            operations: [{ job: prev.job, op: prev.op }, ...ref],
            message:
              `${name(e)} starts at ${t(e.start)} on ${mc.id}, but the move from ${problem.machines[prev.machine]!.id} ` +
              `takes ${t(move)} s after ${name(prev)} ends at ${t(prev.end)}`,
          });
      }
    }
  }
  // Setup in open time on pausing machines, per station in start order.
  const stations = new Map<string, PlannedOperation[]>();
  for (const e of valid) {
    const key = `${e.machine}#${e.station}`;
    const list = stations.get(key);
    if (list) list.push(e);
    else stations.set(key, [e]);
  }
  for (const list of stations.values()) {
    const k = list[0]!.machine;
    const mc = problem.machines[k]!;
    if (!mc.mayPause) continue;
    list.sort((a, b) => a.start - b.start || a.end - b.end);
    let previous: PlannedOperation | undefined;
    for (const e of list) {
      const fam = problem.jobs[e.job]!.operations[e.op]!.family;
      const prevFam = previous
        ? problem.jobs[previous.job]!.operations[previous.op]!.family
        : (mc.stationFamily?.[e.station] ?? -1);
      const setup = setupTime(mc, prevFam === undefined || prevFam < 0 ? undefined : prevFam, fam);
      const from = previous ? previous.end : problem.now;
      const pinned = problem.jobs[e.job]!.operations[e.op]!.pin !== undefined;
      if (!pinned && setup > 0 && isBefore(open[k]!.openTimeBetween(from, e.start), setup))
        out.push({
          kind: 'work',
          operations: [{ job: e.job, op: e.op }],
          machine: k,
          message: `${name(e)} on ${mc.id} starts at ${t(e.start)}: the setup of ${t(setup)} s needs that much open time after ${t(from)}`,
        });
      previous = e;
    }
  }
  return out;
}
