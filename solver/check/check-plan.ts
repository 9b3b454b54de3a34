// The independent plan checker: does a plan respect every constraint of its shop problem? It shares only the
// problem types with the solvers (nothing from solver/heuristics/), so a solver bug cannot hide in it.

import type { ShopPlan, ShopProblem } from '../shop/problem.js';
import { matchEntries } from './entries.js';
import { checkJobs } from './job-checks.js';
import { checkMachines } from './machine-checks.js';
import { opName, t } from './names.js';
import { checkOperations } from './operation-checks.js';
import { differs } from './time.js';
import { ViolationList, type CheckResult } from './violations.js';

export type { CheckResult, OperationRef, Violation, ViolationKind } from './violations.js';
export { MAX_VIOLATIONS, VIOLATION_KINDS } from './violations.js';
export { TOLERANCE } from './time.js';

/** Reports `makespan` when `plan.makespan` is not the latest finite end of the plan's entries (0 if none). */
function checkMakespan(problem: ShopProblem, plan: ShopPlan, out: ViolationList): void {
  let latest = -1;
  let end = 0;
  plan.operations.forEach((s, i) => {
    if (Number.isFinite(s.end) && (latest < 0 || s.end > end)) {
      latest = i;
      end = s.end;
    }
  });
  if (!differs(plan.makespan, end)) return;
  const last = plan.operations[latest];
  out.add('makespan', last ? [{ job: last.job, op: last.op }] : [], () =>
    last
      ? `the plan's makespan is ${t(plan.makespan)} but its operations end at ${t(end)} ` +
        `(${opName(problem, last.job, last.op)})`
      : `the plan's makespan is ${t(plan.makespan)} but it has no operation that ends`,
  );
}

/**
 * Checks `plan` against `problem` and returns every violation (up to `MAX_VIOLATIONS`, then a note with the
 * count of the rest). Runs in O(n log n) for n plan entries. Times are compared with a relative tolerance of
 * `TOLERANCE` (absolute for times up to 1).
 */
export function checkPlan(problem: ShopProblem, plan: ShopPlan): CheckResult {
  const out = new ViolationList();
  const { entries, byJob } = matchEntries(problem, plan, out);
  checkOperations(problem, entries, out);
  checkJobs(problem, byJob, out);
  checkMachines(problem, entries, out);
  checkMakespan(problem, plan, out);
  return out.result();
}
