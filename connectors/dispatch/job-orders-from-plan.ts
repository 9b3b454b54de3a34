import type { Plan } from '../../twin/schema/plan.js';
import { jobOrderId, type JobOrder, type JobOrderOperation } from './job-order.js';

/**
 * One job order per machine of a plan version: the machine's assignments in start order (ties by order and
 * operation id, so the same plan always gives the same job orders, byte for byte). Machines in id order.
 */
export function jobOrdersFromPlan(plan: Plan): JobOrder[] {
  const byMachine = new Map<string, Plan['assignments']>();
  for (const assignment of plan.assignments) {
    const list = byMachine.get(assignment.machine);
    if (list) list.push(assignment);
    else byMachine.set(assignment.machine, [assignment]);
  }
  return [...byMachine.keys()].sort().map((machine) => {
    const assignments = [...(byMachine.get(machine) ?? [])].sort(
      (a, b) => a.startS - b.startS || compare(a.order, b.order) || compare(a.operation, b.operation),
    );
    const operations = assignments.map((a): JobOrderOperation => {
      const operation: JobOrderOperation = {
        order: a.order,
        operation: a.operation,
        startS: a.startS,
        endS: a.endS,
      };
      if (a.setupS) operation.setupS = a.setupS;
      return operation;
    });
    const first = assignments[0];
    if (!first) throw new Error(`machine ${machine} has no assignment`);
    return {
      jobOrderId: jobOrderId(plan.id, plan.version, machine),
      planId: plan.id,
      planVersion: plan.version,
      machine: first.machine,
      epochMs: plan.epochMs,
      operations,
    };
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
