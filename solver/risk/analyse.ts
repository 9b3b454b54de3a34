import { aggregateRisk, checkRiskOptions, type PlanRiskReport, type RiskOptions } from './report.js';
import { runPlanReplications, type PlanRiskInput } from './replicate.js';

/** The risk analysis of a plan in this thread (solver/runtime/plan-risk.ts spreads it over workers). */
export function analysePlanRisk(input: PlanRiskInput, options: RiskOptions): PlanRiskReport {
  checkRiskOptions(options);
  const samples = runPlanReplications(input, options.seed, 0, options.replications, options.rng);
  return aggregateRisk(input.plan, input.orders, input.startMs, samples, options);
}
