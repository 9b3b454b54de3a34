import { TwinError } from '../../twin/errors.js';
import { advancePlan } from '../../twin/plan-lifecycle.js';
import type { Plan } from '../../twin/schema/plan.js';
import { checkPlanAgainstModel, type PlanViolation } from '../check/plan-against-model.js';
import { analysePlanRisk } from './analyse.js';
import type { PlanRiskReport, RiskOptions } from './report.js';
import type { PlanRiskInput } from './replicate.js';

export interface ValidatePlanOptions extends RiskOptions {
  /** Refuse the plan when more orders than this are at risk (default: no limit; the risk is reported). */
  maxOrdersAtRisk?: number;
}

/** Runs the risk analysis: in this thread by default, or on a worker pool (solver/runtime/plan-risk.ts). */
export type RiskRunner = (
  input: PlanRiskInput,
  options: RiskOptions,
) => PlanRiskReport | Promise<PlanRiskReport>;

export interface PlanValidation {
  ok: boolean;
  /** The validated plan when ok, else the draft as it came. */
  plan: Readonly<Plan>;
  /** Hard-constraint violations; the risk analysis runs only when there are none. */
  violations: PlanViolation[];
  risk: PlanRiskReport | undefined;
  /** Why the plan was refused (empty when ok). */
  reasons: string[];
}

/**
 * The validation of a draft plan: the plan checker against the model's hard constraints, then the risk
 * analysis (replications of the plan in the simulation). It becomes `validated` only when both pass: no
 * violation, every replication carried the plan out to the last order, and no more orders at risk than
 * `maxOrdersAtRisk` allows.
 */
export async function validatePlan(
  input: PlanRiskInput,
  options: ValidatePlanOptions,
  runRisk: RiskRunner = analysePlanRisk,
): Promise<PlanValidation> {
  const { plan } = input;
  if (plan.status !== 'draft')
    throw new TwinError(
      'TWIN_E_PLAN_TRANSITION',
      `plan ${plan.id} is ${plan.status}: only a draft can be validated`,
      {
        plan: plan.id,
        from: plan.status,
        to: 'validated',
      },
    );
  const checked = checkPlanAgainstModel(input);
  if (!checked.ok) {
    const n = checked.violations.length;
    return {
      ok: false,
      plan,
      violations: checked.violations,
      risk: undefined,
      reasons: [`the plan breaks ${n} hard constraint${n === 1 ? '' : 's'}`],
    };
  }
  const risk = await runRisk(input, options);
  const reasons: string[] = [];
  if (risk.incompleteRuns > 0)
    reasons.push(
      `in ${risk.incompleteRuns} of ${risk.replications} replications some order was unfinished at the horizon`,
    );
  const limit = options.maxOrdersAtRisk ?? Infinity;
  if (risk.atRisk.length > limit)
    reasons.push(
      `${risk.atRisk.length} orders are at risk (on-time probability below ${risk.threshold}), more than the ${limit} allowed`,
    );
  const ok = reasons.length === 0;
  return { ok, plan: ok ? advancePlan(plan, 'validated') : plan, violations: [], risk, reasons };
}
