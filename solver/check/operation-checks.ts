// Checks of each entry on its own: is its machine one of the operation's alternatives, and do its times
// match the duration there.

import type { ShopProblem } from '../shop/problem.js';
import type { Entry } from './entries.js';
import { machineName, opName, t } from './names.js';
import { differs } from './time.js';
import type { ViolationList } from './violations.js';

/** Reports `ineligible` and `duration` for each entry. */
export function checkOperations(problem: ShopProblem, entries: readonly Entry[], out: ViolationList): void {
  for (const e of entries) {
    const ref = [{ job: e.job, op: e.op }];
    const name = () => opName(problem, e.job, e.op);
    const where = () => (e.machine >= 0 ? ` on ${machineName(problem, e.machine)}` : '');
    const machine = e.machine >= 0 ? e.machine : undefined;
    if (!e.timed) {
      const finite = Number.isFinite(e.start) && Number.isFinite(e.end);
      out.add(
        'duration',
        ref,
        () =>
          finite
            ? `${name()}${where()} ends at ${t(e.end)} before it starts at ${t(e.start)}`
            : `${name()}${where()} has start ${t(e.start)} and end ${t(e.end)}: both must be finite`,
        machine,
      );
    }
    if (e.machine < 0) continue;
    const operation = problem.jobs[e.job]!.operations[e.op]!;
    const durations = operation.alternatives.filter((a) => a.machine === e.machine).map((a) => a.duration);
    if (durations.length === 0) {
      out.add(
        'ineligible',
        ref,
        () => {
          const allowed = operation.alternatives.map((a) => machineName(problem, a.machine)).join(', ');
          const machine = machineName(problem, e.machine);
          return `${name()} is on ${machine}, which is not one of its machines (${allowed || 'none'})`;
        },
        e.machine,
      );
      continue;
    }
    if (!e.timed) continue;
    const length = e.end - e.start;
    if (durations.every((d) => differs(length, d))) {
      out.add(
        'duration',
        ref,
        () =>
          `${name()}${where()} lasts ${t(length)} (from ${t(e.start)} to ${t(e.end)}) but takes ` +
          `${durations.map(t).join(' or ')} there`,
        e.machine,
      );
    }
  }
}
