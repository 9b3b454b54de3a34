// A plan for a scenario file without a scheduler (solver/ may not import scenarios/): the EDD run of the model
// with every time at its mean and no breakdowns, its trace read back as a draft plan.
import { distributionMean } from '../../../twin/distribution-stats.js';
import type { FactoryModel } from '../../../twin/schema/factory.js';
import type { Plan } from '../../../twin/schema/plan.js';
import { loadScenarioFile, type ScenarioFile } from '../../des/factory/__fixtures__/scenario-file.js';
import { simulateFactory } from '../../des/factory/run.js';
import { operationRows } from '../../des/factory/trace.js';
import type { PlanRiskInput } from '../replicate.js';

/** The model with every time at its mean and no breakdowns: what a scheduler plans with. */
export function meanModel(model: FactoryModel): FactoryModel {
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

/**
 * The model without operators or skills: the simulation does not model operators, so its EDD trace names
 * none and does not keep to their shifts; the plan is judged against the plant it was made for.
 */
export function withoutOperators(model: FactoryModel): FactoryModel {
  const copy = structuredClone(model);
  delete copy.operators;
  for (const p of copy.products)
    for (const op of p.routing) {
      delete op.skill;
      delete op.operatorFor;
    }
  return copy;
}

export function eddPlan(s: ScenarioFile, id = 'edd'): Plan {
  const ruled = simulateFactory({
    model: meanModel(s.model),
    orders: s.orders,
    startMs: s.startMs,
    seed: 42,
    trace: true,
  });
  return {
    ...{ id, version: 1, status: 'draft', trigger: { kind: 'initial' }, frozen: [] },
    ...{ createdAtMs: s.startMs, epochMs: s.startMs, seed: 42, inputHash: 'test', engine: 'edd-trace' },
    assignments: operationRows(ruled.trace!).map((o) => ({
      ...{ order: o.order, operation: o.operation, machine: o.machine },
      ...{ startS: o.start, endS: o.end, setupS: o.setupS },
    })),
  } as unknown as Plan;
}

/** A scenario file with its EDD plan, ready for the risk analysis. */
export function eddInput(file: string): PlanRiskInput {
  const s = loadScenarioFile(file);
  return { model: withoutOperators(s.model), orders: s.orders, startMs: s.startMs, plan: eddPlan(s) };
}
