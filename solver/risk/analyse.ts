import type { CompiledModelCache } from './compiled-cache.js';
import { checkRiskOptions, type PlanRiskReport, type RiskOptions } from './report.js';
import { preparePlanRuns, runPreparedReplications, type PlanRiskInput } from './replicate.js';
import { riskRounds, runRoundsSync } from './rounds.js';

/**
 * The risk analysis of a plan in this thread (solver/runtime/plan-risk.ts spreads it over workers): the
 * model compiled once (through `cache` when given), then the replications round by round.
 */
export function analysePlanRisk(
  input: PlanRiskInput,
  options: RiskOptions,
  cache?: CompiledModelCache,
): PlanRiskReport {
  checkRiskOptions(options);
  const prepared = preparePlanRuns(input, cache);
  const rounds = riskRounds(input.plan, input.orders, input.startMs, options);
  return runRoundsSync(rounds, (from, to) =>
    runPreparedReplications(prepared, options.seed, from, to, options.rng),
  );
}
