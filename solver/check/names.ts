// Names for messages: operations by job id / operation id, machines by id.

import type { ShopProblem } from '../shop/problem.js';

/** Jobs of a shop or a production problem, for names. */
interface NamedJobs {
  jobs: readonly { id: string; operations: readonly { id: string }[] }[];
}

/** `J3/O2`; falls back to indices for what the problem does not have. */
export function opName(problem: NamedJobs, job: number, op: number): string {
  const j = problem.jobs[job];
  if (!j) return `job #${job}/op #${op}`;
  const o = j.operations[op];
  return `${j.id}/${o ? o.id : `op #${op}`}`;
}

export function machineName(problem: ShopProblem, machine: number): string {
  return problem.machines[machine]?.id ?? `machine #${machine}`;
}

/** A time as written in messages: 12 significant digits (more than the checker's tolerance resolves). */
export function t(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(12))) : String(value);
}
