// A cheap lower bound on the makespan, valid for job shops and flexible job shops with release dates. Setups
// and unavailable windows only lengthen schedules, so ignoring them keeps the bound valid (never above the
// optimum). Three arguments, each provable in a line:
//  - job bound: a job cannot end before its release plus the shortest durations of all its operations;
//  - one-machine bound: the operations that can run on machine M only (their single alternative) run one after
//    another; the first of them cannot start before min(head), the last one is followed by min(tail) of job
//    work, so the makespan is at least min(head) + their total duration + min(tail), where
//    head = release + shortest durations of the job predecessors, tail = shortest durations of the successors;
//  - work bound: the shortest total work is shared by at most all machines, so the makespan is at least
//    Σ min duration / machine count. A real number; it is not rounded up, since that is only valid for
//    integer data.
import type { ShopProblem } from './problem.js';

export function lowerBound(problem: ShopProblem): number {
  const m = problem.machines.length;
  let bound = 0;
  let totalWork = 0;
  // Per machine: min head, total work and min tail of the operations that must run there.
  const minHead = new Array<number>(m).fill(Infinity);
  const load = new Array<number>(m).fill(0);
  const minTail = new Array<number>(m).fill(Infinity);
  for (const job of problem.jobs) {
    const p = job.operations.map((op) =>
      op.alternatives.length === 0 ? 0 : Math.min(...op.alternatives.map((alt) => alt.duration)),
    );
    const jobWork = p.reduce((sum, d) => sum + d, 0);
    totalWork += jobWork;
    bound = Math.max(bound, job.release + jobWork);
    let before = 0;
    job.operations.forEach((op, k) => {
      const only = op.alternatives.length === 1 ? op.alternatives[0] : undefined;
      if (only !== undefined && only.machine >= 0 && only.machine < m) {
        const tail = jobWork - before - p[k]!;
        minHead[only.machine] = Math.min(minHead[only.machine]!, job.release + before);
        load[only.machine]! += only.duration;
        minTail[only.machine] = Math.min(minTail[only.machine]!, tail);
      }
      before += p[k]!;
    });
  }
  for (let mc = 0; mc < m; mc++) {
    if (minHead[mc] !== Infinity) bound = Math.max(bound, minHead[mc]! + load[mc]! + minTail[mc]!);
  }
  if (m > 0) bound = Math.max(bound, totalWork / m);
  return bound;
}
