// `twin schedule <scenario> --milp`: the production search on a worker thread, where glpk.js may be loaded,
// with MILP neighbourhoods between local-search slices. The plan is checked and turned into the twin's plan
// exactly as an in-thread search's.
import { scheduleOfResult, type ScenarioSchedule } from '../../../scenarios/production/schedule.js';
import { scenarioToProductionProblem } from '../../../scenarios/production/to-problem.js';
import type { Scenario } from '../../../scenarios/schema.js';
import type { ProductionSolveOptions } from '../../../solver/production/solve.js';
import { ProductionSolverPool } from '../../../solver/runtime/solve-production.js';

export async function scheduleScenarioWithMilp(
  scenario: Scenario,
  options: ProductionSolveOptions,
): Promise<ScenarioSchedule> {
  const { problem, open } = scenarioToProductionProblem(scenario);
  const pool = new ProductionSolverPool(1);
  try {
    const result = await pool.solve(problem, {
      milp: {}, // the default neighbourhoods
      ...(options.seed !== undefined && { seed: options.seed }),
      ...(options.objective && { objective: options.objective }),
      ...(options.timeBudgetMs !== undefined && { timeBudgetMs: options.timeBudgetMs }),
      ...(options.maxIterations !== undefined && { maxIterations: options.maxIterations }),
    });
    return scheduleOfResult(scenario, problem, open, result);
  } finally {
    await pool.close();
  }
}
