// The plan checker for production plans: the shop checker on the plan's shop view (shop-view.ts), then the
// production rules (production-checks.ts). Independent of the production search: it shares only the problem
// types with it and re-derives every rule from the problem.
import { checkPlan, type Violation } from '../check-plan.js';
import type { ProductionPlan, ProductionProblem } from '../../production/problem.js';
import { checkProductionRules, type ProductionViolation } from './production-checks.js';
import { shopViewOf } from './shop-view.js';

export type { ProductionViolation, ProductionViolationKind } from './production-checks.js';

export interface ProductionCheckResult {
  ok: boolean;
  /** Shop violations (kinds of check-plan.ts) and production ones (pin, work, setup, lag, transport, now, horizon). */
  violations: (Violation | ProductionViolation)[];
}

export function checkProductionPlan(problem: ProductionProblem, plan: ProductionPlan): ProductionCheckResult {
  const view = shopViewOf(problem, plan);
  const shop = checkPlan(view.shop, view.plan);
  const production = checkProductionRules(problem, plan);
  const violations = [...shop.violations, ...production];
  return { ok: violations.length === 0, violations };
}
