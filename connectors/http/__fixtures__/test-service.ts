// The service's dependencies for HTTP tests: the real production scheduler and risk analysis on worker threads,
// the real in-memory history, around a scenario file; only the dispatch transport is left to the test.
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

export async function testService(input: {
  file: string;
  options: AppOptions;
  dispatcher: PlanDispatcher;
  now: () => number;
}): Promise<TestService> {
  const scenario = await loadScenario(input.file);
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
    options: input.options,
    history,
    scheduler,
    dispatcher: input.dispatcher,
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
