// A benchmark instance as the scheduler's numeric problem, without the detour through a scenario: jobs,
// operations and machines keep the file's order, machines keep the file's numbers for reports.
import type { ShopProblem } from '../../solver/shop/problem.js';
import type { BenchmarkInstance } from './instance.js';
import { benchmarkJobId, benchmarkMachineId, benchmarkOperationId } from './to-scenario.js';

/**
 * One job per job line (`J0`, `J1`, … released at 0), operations `O0`, `O1`, … in route order. Machine index k
 * is the file's machine `k + firstMachine`: `id` `M<number>` and `number` as in the file (OR-Library from 0,
 * `.fjs` from 1), so plans map back to the file.
 */
export function benchmarkToShopProblem(instance: BenchmarkInstance, name: string): ShopProblem {
  const { firstMachine } = instance;
  const machines = Array.from({ length: instance.machineCount }, (_, k) => ({
    id: benchmarkMachineId(k + firstMachine),
    number: k + firstMachine,
  }));
  const jobs = instance.jobs.map((job, j) => ({
    id: benchmarkJobId(j),
    release: 0,
    operations: job.operations.map((op, k) => ({
      id: benchmarkOperationId(k),
      alternatives: op.alternatives.map((alt) => ({
        machine: alt.machine - firstMachine,
        duration: alt.duration,
      })),
    })),
  }));
  return { name, machines, jobs };
}
