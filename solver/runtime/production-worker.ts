import { performance } from 'node:perf_hooks';
import { ProductionProblem } from '../production/problem.js';
import { solveProduction, type ProductionSolveOptions } from '../production/solve.js';
import { checkSchema } from '../../twin/validate/schema-check.js';
import { TwinError } from '../../twin/errors.js';

export interface ProductionTask {
  problem: ProductionProblem;
  options: Omit<ProductionSolveOptions, 'clock' | 'onImprove'>;
  /** Set to 1 by the caller to stop early: the search returns its best so far. */
  stop: SharedArrayBuffer;
}

/**
 * Piscina worker: one production search per call. Stopping is cooperative (the search reads the clock every
 * few hundred iterations; a raised stop flag makes the clock jump past the budget), so a stopped search still
 * returns its best plan. A malformed problem is answered with an error naming the field.
 */
export default function solveProductionTask(task: ProductionTask) {
  const checked = checkSchema(ProductionProblem, task.problem);
  if (!checked.ok) {
    const detail = checked.issues.map((i) => `${i.path || 'problem'}: ${i.message}`).join('; ');
    return { error: { code: 'TWIN_E_SCHEMA', message: `bad production problem: ${detail}` } };
  }
  const flag = new Int32Array(task.stop);
  const clock = (): number => (Atomics.load(flag, 0) === 1 ? Number.MAX_SAFE_INTEGER : performance.now());
  try {
    const result = solveProduction(checked.value, { ...task.options, clock });
    return { result };
  } catch (e) {
    const err =
      e instanceof TwinError ? e.toJSON() : { code: 'TWIN_E_INTERNAL', message: (e as Error).message };
    return { error: err };
  }
}
