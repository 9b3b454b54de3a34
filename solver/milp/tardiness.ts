// Tardiness: T_j >= end of job j's last operation - due_j, T_j >= 0; the objective weighs it by the job's
// weight times the objective's tardiness factor.
import { endOf, type BuildContext } from './context.js';
import { LinearExpr } from './lp-model.js';
import { tardinessVar } from './names.js';

export function addTardiness(ctx: BuildContext, factor: number): void {
  const { shop, lp, ops } = ctx;
  for (const d of ctx.problem.dueDates ?? []) {
    if (shop.jobStart[d.job] === shop.jobStart[d.job + 1]) continue;
    const last = shop.jobStart[d.job + 1]! - 1;
    const latest = ctx.horizon - ops[last]!.tail;
    const earliest = ops[last]!.es + ops[last]!.minDuration;
    const t = lp.addVariable({
      name: tardinessVar(d.job),
      kind: 'continuous',
      lb: Math.max(0, earliest - d.due),
      ub: Math.max(0, latest - d.due),
    });
    lp.addRow(`tard_j${d.job}`, new LinearExpr().add(t, 1).plus(endOf(ctx, last), -1), -d.due, undefined);
    lp.objective.add(t, factor * (d.weight ?? 1));
  }
}
