// The demo plant end to end: a plan made with mean times, the checker, then the risk analysis on two
// workers, timed. Prints the figures the issue asks for (a validated plan within 1 s).
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../des/factory/__fixtures__/scenario-file.js';
import { checkPlanAgainstModel } from '../check/plan-against-model.js';
import { explainOrders } from '../explain/late-orders.js';
import { eddPlan, withoutOperators } from '../risk/__fixtures__/edd-plan.js';
import { validatePlan } from '../risk/validate-plan.js';
import { PlanRiskPool } from './plan-risk.js';

describe('risk of a plan on the demo plant', () => {
  it('checks and validates an EDD plan made with mean times; 30 replications on 2 workers, timed', async () => {
    const s = loadScenarioFile('demo-plant.yaml');
    const plan = eddPlan(s, 'demo-edd');
    // The simulation's EDD trace names no operators: judged against the plant without them.
    const input = { model: withoutOperators(s.model), orders: s.orders, startMs: s.startMs, plan };

    let t0 = performance.now();
    const checked = checkPlanAgainstModel(input);
    const checkMs = performance.now() - t0;
    expect(checked.violations.slice(0, 3)).toEqual([]);

    const pool = new PlanRiskPool({ workers: 2 });
    try {
      await pool.analyse(input, { replications: 2, seed: 1 }); // threads started, schemas compiled, JIT warm
      const runs: string[] = [];
      let perReplicationMs = Infinity;
      for (const n of [10, 30]) {
        t0 = performance.now();
        const report = await pool.analyse(input, { replications: n, seed: 1 });
        const ms = performance.now() - t0;
        perReplicationMs = Math.min(perReplicationMs, ms / n);
        runs.push(
          `${n} replications: ${ms.toFixed(0)} ms (${report.atRisk.length} orders at risk, ` +
            `${report.eventsSimulated} events)`,
        );
        expect(report.orders).toHaveLength(s.orders.length);
        expect(report.incompleteRuns).toBe(0);
      }
      expect(pool.stats.compilations).toBeLessThanOrEqual(2); // once per worker, then from its cache
      t0 = performance.now();
      const validation = await validatePlan(input, { replications: 30, seed: 1 }, (i, o) =>
        pool.analyse(i, o),
      );
      const validateMs = performance.now() - t0;
      expect(validation.ok).toBe(true);
      expect(validation.plan.status).toBe('validated');
      t0 = performance.now();
      const explanations = explainOrders(input, { risk: validation.risk! });
      const explainMs = performance.now() - t0;
      console.log(
        [
          `demo plant: ${s.orders.length} orders, ${plan.assignments.length} assignments, 2 workers (warm pool)`,
          `checker: ${checkMs.toFixed(0)} ms`,
          ...runs,
          `validatePlan (checker + 30 replications): ${validateMs.toFixed(0)} ms`,
          `explanations of ${explanations.length} late/at-risk orders: ${explainMs.toFixed(0)} ms`,
          `pool: ${JSON.stringify(pool.stats)}`,
          `replications that fit in 1 s after the checker: ~${Math.floor((1000 - checkMs) / perReplicationMs)}`,
          explanations[0]?.summary ?? '',
        ].join('\n'),
      );
    } finally {
      await pool.destroy();
    }
  }, 180_000);
});
