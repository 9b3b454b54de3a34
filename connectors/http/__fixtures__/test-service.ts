// The service's dependencies for HTTP tests: the real production scheduler and risk analysis on worker threads,
// the real in-memory history, around a scenario file; only the dispatch transport is left to the test.
import path from 'node:path';
import { MemoryHistory } from '../../history/memory-history.js';
import { loadScenario } from '../../plant/embedded-plant.js';
import type { PlanDispatcher } from '../../service/contracts.js';
import { buildDeps } from '../../service/compose.js';
import { ProductionScheduler } from '../../service/production-scheduler.js';
import { PlanRiskPool } from '../../../solver/runtime/plan-risk.js';
import { ProductionSolverPool } from '../../../solver/runtime/solve-production.js';
import type { AppDeps, AppOptions } from '../deps.js';

export interface TestService {
  deps: AppDeps;
  history: MemoryHistory;
  close(): Promise<void>;
}

/** Room for every route test's request; the limits themselves are tested in app.test.ts. */
const LIMITS: AppOptions['limits'] = { maxTimeBudgetS: 30, maxReplications: 50, bodyLimitBytes: 100_000 };

/** Around scenarios/small-plant.yaml, with a dispatcher that reaches no machine, unless told otherwise. */
export async function testService(input: {
  file?: string;
  options: Omit<AppOptions, 'limits'> & Partial<Pick<AppOptions, 'limits'>>;
  dispatcher?: PlanDispatcher;
  now: () => number;
}): Promise<TestService> {
  const scenario = await loadScenario(input.file ?? path.resolve('scenarios/small-plant.yaml'));
  const solver = new ProductionSolverPool(1);
  const risk = new PlanRiskPool({ workers: 1 });
  const scheduler = new ProductionScheduler({
    live: () => ({ scenario, nowS: 0 }),
    solver,
    risk,
    riskReplications: 3,
    maxOperations: 20_000,
    now: input.now,
  });
  const history = new MemoryHistory();
  const deps = buildDeps({
    scenario,
    options: { limits: LIMITS, ...input.options },
    history,
    scheduler,
    dispatcher: input.dispatcher ?? { dispatch: async () => [] },
    now: input.now,
  });
  return {
    deps,
    history,
    async close() {
      await deps.schedules.close();
      await deps.runs.close();
      await solver.close();
      await risk.destroy();
    },
  };
}
