// Checks along each job's route: release of the first operation, and each operation after the one before.

import type { ShopProblem } from '../shop/problem.js';
import type { Entry } from './entries.js';
import { machineName, opName, t } from './names.js';
import { isBefore } from './time.js';
import type { ViolationList } from './violations.js';

/**
 * Reports `release` (the job's first timed operation starts before the job's release) and `precedence` (an
 * operation starts before the nearest earlier operation of its route in the plan ends). Missing or untimed
 * operations are skipped: they are reported elsewhere, and the route order still binds the ones around them.
 */
export function checkJobs(
  problem: ShopProblem,
  byJob: readonly (Entry | undefined)[][],
  out: ViolationList,
): void {
  problem.jobs.forEach((job, j) => {
    let previous: Entry | undefined;
    for (const e of byJob[j] ?? []) {
      if (!e?.timed) continue;
      const name = () =>
        opName(problem, e.job, e.op) + (e.machine >= 0 ? ` on ${machineName(problem, e.machine)}` : '');
      if (!previous) {
        if (isBefore(e.start, job.release)) {
          out.add(
            'release',
            [{ job: e.job, op: e.op }],
            () => `${name()} starts at ${t(e.start)} before the release of ${job.id} at ${t(job.release)}`,
          );
        }
      } else if (isBefore(e.start, previous.end)) {
        const p = previous;
        out.add(
          'precedence',
          [
            { job: p.job, op: p.op },
            { job: e.job, op: e.op },
          ],
          () =>
            `${name()} starts at ${t(e.start)} before ${opName(problem, p.job, p.op)} ends at ${t(p.end)}`,
        );
      }
      previous = e;
    }
  });
}
