// Batches in a production plan: entries with one `batch` id on one machine run as one cycle. On a batch
// machine they share the station interval (machine, station, setup start, start and end), their batch family
// and setup family, at most `maxUnits` units in all, and the cycle is as long as their longest work (the
// shop view judges that on the group's leader, the member with the longest work). The other members, the
// riders, are left out of the station's sequence: they take no time of their own there.
import type { PlannedOperation, ProductionProblem } from '../../production/problem.js';
import { opName, t } from '../names.js';
import { batchBreaks, batchGroups } from '../batch-rules.js';
import { differs } from '../time.js';
import type { ProductionViolation } from './production-checks.js';

export interface Batches {
  /** Groups of two or more entries, by machine and batch id. */
  groups: PlannedOperation[][];
  /** Members that share the station interval of their group's leader on a batch machine. */
  riders: Set<PlannedOperation>;
  /** Work each member's cycle must hold: the longest work in its group. */
  cycleWork: Map<PlannedOperation, number>;
}

const workOn = (problem: ProductionProblem, e: PlannedOperation) =>
  problem.jobs[e.job]?.operations[e.op]?.alternatives.find((a) => a.machine === e.machine)?.duration ?? 0;

/** Expects entries with valid indices. */
export function batchesOf(problem: ProductionProblem, entries: readonly PlannedOperation[]): Batches {
  const groups = batchGroups(entries, (e) => (e.batch === undefined ? undefined : `${e.machine}#${e.batch}`));
  const riders = new Set<PlannedOperation>();
  const cycleWork = new Map<PlannedOperation, number>();
  for (const g of groups) {
    let leader = g[0]!;
    let longest = workOn(problem, leader);
    for (const e of g) {
      const w = workOn(problem, e);
      if (w > longest) {
        leader = e;
        longest = w;
      }
    }
    for (const e of g) cycleWork.set(e, longest);
    if (!problem.machines[leader.machine]!.batch) continue;
    for (const e of g) if (e !== leader && e.station === leader.station) riders.add(e);
  }
  return { groups, riders, cycleWork };
}

export function checkBatches(problem: ProductionProblem, batches: Batches, out: ProductionViolation[]): void {
  const name = (e: PlannedOperation) => opName(problem, e.job, e.op);
  const operation = (e: PlannedOperation) => problem.jobs[e.job]!.operations[e.op]!;
  for (const g of batches.groups) {
    const first = g[0]!;
    const mc = problem.machines[first.machine]!;
    const refs = g.map((e) => ({ job: e.job, op: e.op }));
    const names = g.map(name).join(' + ');
    const add = (kind: ProductionViolation['kind'], message: string) =>
      out.push({ kind, operations: refs, machine: first.machine, message });
    const { apart, odd, units } = batchBreaks(
      g,
      (e) =>
        e.station === first.station &&
        !differs(e.setupStart, first.setupStart) &&
        !differs(e.start, first.start) &&
        !differs(e.end, first.end),
      (e) => operation(e).batchFamily,
      (e) => operation(e).family,
      (e) => operation(e).units ?? 1,
    );
    if (apart)
      add(
        'batchTimes',
        `batch ${first.batch} on ${mc.id}: ${name(apart)} (station ${apart.station}, setup ${t(apart.setupStart)}, ` +
          `${t(apart.start)} to ${t(apart.end)}) does not share the cycle of ${name(first)} (station ` +
          `${first.station}, setup ${t(first.setupStart)}, ${t(first.start)} to ${t(first.end)})`,
      );
    const family = operation(first).batchFamily;
    const setupFamily = operation(first).family;
    if (odd)
      add(
        'batchFamily',
        `batch ${first.batch} on ${mc.id} mixes ${name(odd)} (batch family ${operation(odd).batchFamily ?? '(none)'}, ` +
          `setup family ${operation(odd).family ?? '(none)'}) with ${name(first)} (batch family ` +
          `${family ?? '(none)'}, setup family ${setupFamily ?? '(none)'})`,
      );
    if (!mc.batch)
      add('batchCapacity', `${names} share batch ${first.batch} on ${mc.id}, which is not a batch machine`);
    else if (units > mc.batch.maxUnits)
      add(
        'batchCapacity',
        `batch ${first.batch} on ${mc.id} (${names}) holds ${units} units; ${mc.id} takes at most ${mc.batch.maxUnits}`,
      );
  }
}
