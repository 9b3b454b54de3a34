import type { Assignment } from '../../twin/schema/plan.js';
import type { ShopPlan, ShopProblem } from '../../solver/shop/problem.js';

/** A shop plan (indices, seconds after the problem's time 0) as plan assignments (ids). */
export function assignmentsOf(problem: ShopProblem, plan: ShopPlan, offsetS = 0): Assignment[] {
  return plan.operations
    .map((s) => {
      const job = problem.jobs[s.job]!;
      return {
        order: job.id,
        operation: job.operations[s.op]!.id,
        machine: problem.machines[s.machine]!.id,
        startS: Math.max(0, s.start - offsetS),
        endS: Math.max(0, s.end - offsetS),
      } as Assignment;
    })
    .sort((a, b) => a.startS - b.startS || a.machine.localeCompare(b.machine));
}

/**
 * Plan assignments back as a shop plan, for the independent checker. Ids the problem does not know keep index
 * -1, which the checker reports as unknown operations or machines.
 */
export function shopPlanOf(problem: ShopProblem, assignments: readonly Assignment[], offsetS = 0): ShopPlan {
  const jobIndex = new Map(problem.jobs.map((j, k) => [j.id, k]));
  const machineIndex = new Map(problem.machines.map((m, k) => [m.id, k]));
  let makespan = 0;
  const operations = assignments.map((a) => {
    const job = jobIndex.get(a.order) ?? -1;
    const op = job < 0 ? -1 : problem.jobs[job]!.operations.findIndex((o) => o.id === a.operation);
    const end = a.endS + offsetS;
    if (end > makespan) makespan = end;
    return { job, op, machine: machineIndex.get(a.machine) ?? -1, start: a.startS + offsetS, end };
  });
  return { operations, makespan };
}
