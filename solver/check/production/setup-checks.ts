// Setups of a production plan, per station in start order, judged on the setup the plan itself records
// ([setupStart, start): the twin plan carries it as `setupS`, and the model checker and the simulation
// following the plan read it there), with the plant's rules (../setup-sequence.ts, shared with the model
// checker; the same family again needs `sameFamilyS`). A frozen operation is judged like a free one: it keeps
// its start, not its setup.
import type { OpenIntervals } from '../../../twin/calendar-intervals.js';
import type { PlannedOperation, ProductionProblem } from '../../production/problem.js';
import { setupTime } from '../../shop/problem.js';
import { opName, t } from '../names.js';
import { forEachSetup } from '../setup-sequence.js';
import { isBefore } from '../time.js';
import type { ProductionViolation } from './production-checks.js';

function byStation(entries: readonly PlannedOperation[]): PlannedOperation[][] {
  const stations = new Map<string, PlannedOperation[]>();
  for (const e of entries) {
    const key = `${e.machine}#${e.station}`;
    const list = stations.get(key);
    if (list) list.push(e);
    else stations.set(key, [e]);
  }
  const order = (a: PlannedOperation, b: PlannedOperation) =>
    a.start - b.start || a.end - b.end || a.job - b.job || a.op - b.op;
  return [...stations.values()].map((list) => list.sort(order));
}

/** Expects entries with valid indices, each operation once; `open` is each machine's open time. */
export function checkSetups(
  problem: ProductionProblem,
  entries: readonly PlannedOperation[],
  open: readonly OpenIntervals[],
  out: ProductionViolation[],
): void {
  const name = (e: PlannedOperation) => opName(problem, e.job, e.op);
  const familyName = (f: number) => (f < 0 ? '(none)' : String(f));
  const operation = (e: PlannedOperation) => problem.jobs[e.job]!.operations[e.op]!;
  for (const list of byStation(entries)) {
    const k = list[0]!.machine;
    const mc = problem.machines[k]!;
    const hours = open[k]!;
    let previous: PlannedOperation | undefined;
    forEachSetup(
      list,
      mc.stationFamily?.[list[0]!.station] ?? -1,
      (e) => operation(e).family ?? -1,
      (e) => operation(e).pin?.reason === 'running',
      (from, to) => setupTime(mc, from < 0 ? undefined : from, to),
      (e, family, required, setBy) => {
        const op = operation(e);
        const ref = [{ job: e.job, op: e.op }];
        const fail = (message: string, others: PlannedOperation | undefined = undefined) =>
          out.push({
            kind: 'setup',
            operations: others ? [{ job: others.job, op: others.op }, ...ref] : ref,
            machine: k,
            message,
          });
        if (!Number.isFinite(e.setupStart) || isBefore(e.start, e.setupStart)) {
          fail(
            `${name(e)} on ${mc.id} has its setup start at ${t(e.setupStart)}, after its start ${t(e.start)}`,
          );
        } else {
          const planned = hours.openTimeBetween(e.setupStart, e.start);
          if (isBefore(planned, required)) {
            const after = setBy ? `after ${name(setBy)}` : 'as the first operation of its station';
            fail(
              `${name(e)} on ${mc.id} has a setup of ${t(planned)} s ${after} but needs ${t(required)} s ` +
                `(families ${familyName(family)} → ${familyName(op.family ?? -1)})`,
              setBy,
            );
          }
          if (!mc.mayPause && isBefore(planned, e.start - e.setupStart))
            fail(
              `the setup of ${name(e)} on ${mc.id} from ${t(e.setupStart)} to ${t(e.start)} is not all in open ` +
                `time, and ${mc.id} does not pause`,
            );
          // The work overlapping the previous operation is the shop checker's overlap; here only the setup.
          if (previous && isBefore(e.setupStart, previous.end) && !isBefore(e.start, previous.end))
            fail(
              `${name(e)} on ${mc.id} starts its setup at ${t(e.setupStart)}, before ${name(previous)} ends at ${t(previous.end)}`,
              previous,
            );
        }
        previous = e;
      },
    );
  }
}
