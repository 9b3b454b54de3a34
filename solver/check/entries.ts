// Matching the plan's entries to the problem's operations: unknown indices, duplicates, missing operations.

import type { ShopProblem, ShopPlan } from '../shop/problem.js';
import { machineName, opName, t } from './names.js';
import { isBefore } from './time.js';
import type { ViolationList } from './violations.js';

/** A plan entry that names an existing job and operation, and is that operation's first entry in the plan. */
export interface Entry {
  job: number;
  op: number;
  /** Dense machine index, or -1 when the plan names a machine that does not exist. */
  machine: number;
  start: number;
  end: number;
  /** Start and end are finite and end is not before start: the entry takes part in the timing checks. */
  timed: boolean;
}

export interface MatchedPlan {
  /** The accepted entries, in plan order. */
  entries: Entry[];
  /** By job, then operation in route order: its entry, or undefined when the plan lacks it. */
  byJob: (Entry | undefined)[][];
}

function isIndex(value: unknown, length: number): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) < length;
}

/**
 * Reports `unknown` (job, operation or machine index out of range), `duplicate` (once per operation, later
 * entries are ignored) and `missing`. An entry with an unknown machine still counts as the operation's entry.
 */
export function matchEntries(problem: ShopProblem, plan: ShopPlan, out: ViolationList): MatchedPlan {
  const { jobs, machines } = problem;
  const byJob: (Entry | undefined)[][] = jobs.map(
    (job) => new Array<Entry | undefined>(job.operations.length),
  );
  const counts: number[][] = jobs.map((job) => new Array<number>(job.operations.length).fill(0));
  const entries: Entry[] = [];

  plan.operations.forEach((s, index) => {
    const ref = [{ job: s.job, op: s.op }];
    const job = isIndex(s.job, jobs.length) ? jobs[s.job] : undefined;
    if (!job) {
      out.add('unknown', ref, () => `plan entry ${index} refers to job index ${s.job}, which does not exist`);
      return;
    }
    if (!isIndex(s.op, job.operations.length)) {
      out.add(
        'unknown',
        ref,
        () =>
          `plan entry ${index} refers to operation index ${s.op} of ${job.id}, which has ` +
          `${job.operations.length} operations`,
      );
      return;
    }
    const jobCounts = counts[s.job]!;
    const seen = (jobCounts[s.op] ?? 0) + 1;
    jobCounts[s.op] = seen;
    if (seen > 1) return;
    const machineKnown = isIndex(s.machine, machines.length);
    if (!machineKnown) {
      out.add(
        'unknown',
        ref,
        () => `${opName(problem, s.job, s.op)} is on machine index ${s.machine}, which does not exist`,
      );
    }
    const timed = Number.isFinite(s.start) && Number.isFinite(s.end) && !isBefore(s.end, s.start);
    const entry: Entry = {
      job: s.job,
      op: s.op,
      machine: machineKnown ? s.machine : -1,
      start: s.start,
      end: s.end,
      timed,
    };
    entries.push(entry);
    byJob[s.job]![s.op] = entry;
  });

  jobs.forEach((job, j) => {
    const jobCounts = counts[j]!;
    job.operations.forEach((_, k) => {
      const n = jobCounts[k] ?? 0;
      const ref = [{ job: j, op: k }];
      if (n === 0) out.add('missing', ref, () => `${opName(problem, j, k)} is not in the plan`);
      else if (n > 1) {
        const first = byJob[j]![k]!;
        const where =
          first.machine >= 0 ? ` (first on ${machineName(problem, first.machine)} at ${t(first.start)})` : '';
        out.add('duplicate', ref, () => `${opName(problem, j, k)} appears ${n} times in the plan${where}`);
      }
    });
  });

  return { entries, byJob };
}
