// Makespan: Cmax is at least the end of every job's last operation (the route carries the others).
import { endOf, type BuildContext } from './context.js';
import { LinearExpr } from './lp-model.js';
import { MAKESPAN_VAR } from './names.js';

export function addMakespan(ctx: BuildContext, weight: number): void {
  const { shop, lp, ops } = ctx;
  let lower = 0;
  for (const op of ops) lower = Math.max(lower, op.es + op.minDuration);
  lp.addVariable({ name: MAKESPAN_VAR, kind: 'continuous', lb: lower, ub: ctx.horizon });
  for (let j = 0; j < shop.jobCount; j++) {
    if (shop.jobStart[j] === shop.jobStart[j + 1]) continue;
    const last = shop.jobStart[j + 1]! - 1;
    const slack = new LinearExpr().add(MAKESPAN_VAR, 1).plus(endOf(ctx, last), -1);
    lp.addRow(`cmax_j${j}`, slack, 0, undefined);
  }
  lp.objective.add(MAKESPAN_VAR, weight);
}
