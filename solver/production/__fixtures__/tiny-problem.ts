// Builders for the tiny production problems the solver's tests state inline: one-station machines, jobs
// released at 0, operations on one machine each.
import type { ProductionJob, ProductionMachine, ProductionOperation, ProductionProblem } from '../problem.js';

export const machine = (id: string, extra: Partial<ProductionMachine> = {}): ProductionMachine => ({
  id,
  stations: 1,
  mayPause: true,
  ...extra,
});

/** Operation `op<m>` on machine m alone, taking `duration`. */
export const on = (
  m: number,
  duration: number,
  extra: Partial<ProductionOperation> = {},
): ProductionOperation => ({
  id: `op${m}`,
  alternatives: [{ machine: m, duration }],
  ...extra,
});

export const job = (
  id: string,
  ops: ProductionOperation[],
  extra: Partial<ProductionJob> = {},
): ProductionJob => ({
  id,
  release: 0,
  weight: 1,
  priority: 5,
  operations: ops,
  ...extra,
});

/** A problem at now = 0 with a horizon of 1000 unless `extra` says otherwise. */
export const tinyProblem = (
  machines: ProductionMachine[],
  jobs: ProductionJob[],
  extra: Partial<ProductionProblem> = {},
): ProductionProblem => ({
  name: 'tiny',
  now: 0,
  horizon: 1000,
  machines,
  jobs,
  ...extra,
});
