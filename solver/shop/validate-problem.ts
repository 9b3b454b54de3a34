// A shop problem from outside (an API body, a worker message, a caller of solveShop) checked before any search
// touches it: the schema first, then what a schema cannot say — machine indices in range, setup families
// inside the setup matrices, windows sorted and non-empty. Every issue names the field.
import { checkSchema } from '../../twin/validate/schema-check.js';
import { issue, type Validated, type ValidationIssue } from '../../twin/validate/issue.js';
import { ShopProblem } from './problem.js';

function referenceIssues(problem: ShopProblem): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const m = problem.machines.length;
  problem.machines.forEach((machine, k) => {
    const families = machine.setup?.length ?? 0;
    machine.setup?.forEach((row, f) => {
      if (row.length !== families) {
        issues.push(
          issue(
            'TWIN_E_SCHEMA',
            ['machines', k, 'setup', f],
            `must have ${families} entries (a square matrix), found ${row.length}`,
          ),
        );
      }
    });
    let previousEnd = -Infinity;
    machine.unavailable?.forEach((w, i) => {
      const at = ['machines', k, 'unavailable', i];
      if (!(w.end > w.start))
        issues.push(issue('TWIN_E_SCHEMA', [...at, 'end'], `must be after start ${w.start}, found ${w.end}`));
      if (w.start < previousEnd) {
        issues.push(
          issue(
            'TWIN_E_SCHEMA',
            [...at, 'start'],
            `windows must be sorted and not overlap: starts at ${w.start}, before the previous one ends at ${previousEnd}`,
          ),
        );
      }
      previousEnd = Math.max(previousEnd, w.end);
    });
  });
  problem.jobs.forEach((job, j) => {
    job.operations.forEach((op, o) => {
      op.alternatives.forEach((alt, a) => {
        if (alt.machine >= m) {
          issues.push(
            issue(
              'TWIN_E_SCHEMA',
              ['jobs', j, 'operations', o, 'alternatives', a, 'machine'],
              `no machine ${alt.machine}: the problem has ${m}`,
            ),
          );
          return;
        }
        const machine = problem.machines[alt.machine]!;
        const families = Math.max(machine.setup?.length ?? 0, machine.initialSetup?.length ?? 0);
        if (op.family !== undefined && families > 0 && op.family >= families) {
          issues.push(
            issue(
              'TWIN_E_SCHEMA',
              ['jobs', j, 'operations', o, 'family'],
              `no setup family ${op.family} on machine ${machine.id}: it has ${families}`,
            ),
          );
        }
      });
    });
  });
  return issues;
}

export function validateShopProblem(value: unknown): Validated<ShopProblem> {
  const checked = checkSchema(ShopProblem, value);
  if (!checked.ok) return checked;
  const issues = referenceIssues(checked.value);
  return issues.length > 0 ? { ok: false, issues } : checked;
}
