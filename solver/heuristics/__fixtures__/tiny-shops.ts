// Small random shops and a brute-force optimum for them, to check that the search reaches the optimum.
import type { ShopProblem } from '../../shop/problem.js';
import { FastRandom } from '../fast-random.js';

/** A random (flexible) job shop: `alternatives` eligible machines per operation, durations 1..9. */
export function randomShop(
  seed: number,
  jobs: number,
  opsPerJob: number,
  machines: number,
  alternatives = 1,
  releases = false,
): ShopProblem {
  const rng = new FastRandom(seed);
  return {
    name: `random-${seed}`,
    machines: Array.from({ length: machines }, (_, k) => ({ id: `M${k}`, number: k })),
    jobs: Array.from({ length: jobs }, (_, j) => ({
      id: `J${j}`,
      release: releases ? rng.int(10) : 0,
      operations: Array.from({ length: opsPerJob }, (_, k) => {
        const first = rng.int(machines);
        const count = Math.min(machines, 1 + rng.int(alternatives));
        return {
          id: `O${k}`,
          alternatives: Array.from({ length: count }, (_, a) => ({
            machine: (first + a) % machines,
            duration: 1 + rng.int(9),
          })),
        };
      }),
    })),
  };
}

/**
 * Optimal makespan by exhaustive list scheduling: every order of dispatching operations (each job's next one)
 * and every machine choice, each operation appended to its machine at the earliest time. Every semi-active
 * schedule, hence an optimal one, arises this way. Branch and bound on the best so far keeps it small.
 */
export function bruteForceMakespan(problem: ShopProblem): number {
  const jobs = problem.jobs;
  const next = jobs.map(() => 0);
  const jobReady = jobs.map((j) => j.release);
  const machineReady = problem.machines.map(() => 0);
  const total = jobs.reduce((s, j) => s + j.operations.length, 0);
  let best = Infinity;
  const search = (placed: number, makespan: number): void => {
    if (makespan >= best) return;
    if (placed === total) {
      best = makespan;
      return;
    }
    jobs.forEach((job, j) => {
      const op = job.operations[next[j]!];
      if (op === undefined) return;
      for (const alt of op.alternatives) {
        const start = Math.max(jobReady[j]!, machineReady[alt.machine]!);
        const end = start + alt.duration;
        const savedJob = jobReady[j]!;
        const savedMachine = machineReady[alt.machine]!;
        jobReady[j] = end;
        machineReady[alt.machine] = end;
        next[j]! += 1;
        search(placed + 1, Math.max(makespan, end));
        next[j]! -= 1;
        jobReady[j] = savedJob;
        machineReady[alt.machine] = savedMachine;
      }
    });
  };
  search(0, 0);
  return best;
}
