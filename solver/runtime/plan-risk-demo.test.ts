// The demo plant end to end: a plan made with mean times, the checker, then the risk analysis on two
// workers, timed. Prints the figures the issue asks for (a validated plan within 1 s).
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { FactoryModel } from '../../twin/schema/factory.js';
import type { Plan } from '../../twin/schema/plan.js';
import { distributionMean } from '../../twin/distribution-stats.js';
import { loadScenarioFile } from '../des/factory/__fixtures__/scenario-file.js';
import { simulateFactory } from '../des/factory/run.js';
import { operationRows } from '../des/factory/trace.js';
import { checkPlanAgainstModel } from '../check/plan-against-model.js';
import { explainOrders } from '../explain/late-orders.js';
import { validatePlan } from '../risk/validate-plan.js';
import { PlanRiskPool } from './plan-risk.js';

/** The model with every time at its mean and no breakdowns: what a scheduler plans with. */
function meanModel(model: FactoryModel): FactoryModel {
  const copy = structuredClone(model);
  for (const m of copy.machines) {
    delete m.ttf;
    delete m.ttr;
  }
  for (const p of copy.products)
    for (const op of p.routing) {
      delete op.scrapRate;
      delete op.reworkRate;
      for (const a of op.alternatives) a.time = { kind: 'fixed', value: distributionMean(a.time) };
    }
  return copy;
}

describe('risk of a plan on the demo plant', () => {
  it('checks and validates an EDD plan made with mean times; 30 replications on 2 workers, timed', async () => {
    const s = loadScenarioFile('demo-plant.yaml');
    const ruled = simulateFactory({
      model: meanModel(s.model),
      orders: s.orders,
      startMs: s.startMs,
      seed: 42,
      trace: true,
    });
    const plan = {
      ...{ id: 'demo-edd', version: 1, status: 'draft', trigger: { kind: 'initial' }, frozen: [] },
      ...{ createdAtMs: s.startMs, epochMs: s.startMs, seed: 42, inputHash: 'test', engine: 'edd-trace' },
      assignments: operationRows(ruled.trace!).map((o) => ({
        ...{ order: o.order, operation: o.operation, machine: o.machine },
        ...{ startS: o.start, endS: o.end, setupS: o.setupS },
      })),
    } as unknown as Plan;
    const input = { model: s.model, orders: s.orders, startMs: s.startMs, plan };

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
        runs.push(`${n} replications: ${ms.toFixed(0)} ms (${report.atRisk.length} orders at risk)`);
        expect(report.orders).toHaveLength(s.orders.length);
        expect(report.incompleteRuns).toBe(0);
      }
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
          `replications that fit in 1 s after the checker: ~${Math.floor((1000 - checkMs) / perReplicationMs)}`,
          explanations[0]?.summary ?? '',
        ].join('\n'),
      );
    } finally {
      await pool.destroy();
    }
  }, 180_000);
});
