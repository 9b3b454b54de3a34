import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PlanRiskPool } from '../../solver/runtime/plan-risk.js';
import { ProductionSolverPool } from '../../solver/runtime/solve-production.js';
import { loadScenario } from '../plant/embedded-plant.js';
import { ProductionScheduler } from './production-scheduler.js';

// Workers run the compiled JavaScript (`npm run build` first, as `npm test` does).
describe('ProductionScheduler.warmUp', () => {
  const solver = new ProductionSolverPool(1);
  const risk = new PlanRiskPool({ workers: 1 });
  afterAll(async () => {
    await solver.close();
    await risk.destroy();
  });

  it('compiles the live plant into the risk worker, so the first real validation finds it cached', async () => {
    const scenario = await loadScenario(path.resolve('scenarios/small-plant.yaml'));
    const scheduler = new ProductionScheduler({
      live: () => ({ scenario, nowS: 0 }),
      solver,
      risk,
      riskReplications: 3,
      maxOperations: 20_000,
      now: () => Date.UTC(2026, 10, 23),
    });
    await scheduler.warmUp();
    const warm = { ...risk.stats };
    expect(warm.analyses).toBe(2);
    expect(warm.compilations).toBe(1);

    const controller = new AbortController();
    const outcome = await scheduler.schedule(
      {
        trigger: 'api',
        objective: 'makespan',
        timeBudgetS: 0.2,
        frozenHorizonS: 0,
        seed: 1,
        milp: false,
      },
      undefined,
      { signal: controller.signal, report: () => {} },
    );
    expect(outcome.plan.id).toBe('P0001'); // the warm-up plan took no plan id
    const validation = await scheduler.validate(outcome.plan);
    expect(validation.ok).toBe(true);
    expect(risk.stats.compilations).toBe(1); // the model compiled at warm-up served the real plan
    expect(outcome.kpis.milpNeighbourhoods).toBeUndefined();

    // With MILP neighbourhoods asked for, the worker solves some and the plan still validates.
    const withMilp = await scheduler.schedule(
      {
        trigger: 'api',
        objective: 'tardiness',
        timeBudgetS: 1.5,
        frozenHorizonS: 0,
        seed: 1,
        milp: true,
      },
      outcome.plan,
      { signal: controller.signal, report: () => {} },
    );
    expect(withMilp.kpis.milpNeighbourhoods).toBeGreaterThanOrEqual(1);
    expect((await scheduler.validate(withMilp.plan)).ok).toBe(true);
  });
});
