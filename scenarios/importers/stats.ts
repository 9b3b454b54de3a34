// Summary figures of a parsed benchmark instance, for listings and sanity checks.
import type { BenchmarkInstance } from './instance.js';

export interface InstanceStats {
  jobs: number;
  operations: number;
  /** As declared in the header (mk06 declares 15 but uses 10). */
  machines: number;
  machinesUsed: number;
  /** Sum over operations of the shortest alternative: a lower bound on total work. */
  totalProcessingTime: number;
  totalProcessingTimeMean: number;
  totalProcessingTimeMax: number;
  maxOperationsPerJob: number;
  /** Alternatives per operation; 1 for OR-Library instances. */
  averageAlternatives: number;
}

export function instanceStats(inst: BenchmarkInstance): InstanceStats {
  const used = new Set<number>();
  let operations = 0;
  let alternatives = 0;
  let min = 0;
  let mean = 0;
  let max = 0;
  let maxOperationsPerJob = 0;
  for (const job of inst.jobs) {
    maxOperationsPerJob = Math.max(maxOperationsPerJob, job.operations.length);
    for (const op of job.operations) {
      const durations = op.alternatives.map((a) => a.duration);
      for (const a of op.alternatives) used.add(a.machine);
      operations += 1;
      alternatives += durations.length;
      if (durations.length === 0) continue;
      min += Math.min(...durations);
      max += Math.max(...durations);
      mean += durations.reduce((s, d) => s + d, 0) / durations.length;
    }
  }
  return {
    jobs: inst.jobs.length,
    operations,
    machines: inst.machineCount,
    machinesUsed: used.size,
    totalProcessingTime: min,
    totalProcessingTimeMean: mean,
    totalProcessingTimeMax: max,
    maxOperationsPerJob,
    averageAlternatives: operations === 0 ? 0 : alternatives / operations,
  };
}
