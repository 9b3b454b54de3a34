// Precedence inside jobs with time lags: operation k starts at least `min` (default 0) and at most `max`
// after operation k-1 of its job ends.
import { endOf, type BuildContext } from './context.js';
import { LinearExpr } from './lp-model.js';
import { startVar } from './names.js';

export function addPrecedence(ctx: BuildContext): void {
  const { shop, ops, lp, lagMin, lagMax } = ctx;
  for (let o = 0; o < shop.n; o++) {
    const prev = shop.jobPrev[o]!;
    if (prev < 0) continue;
    const { job, op } = ops[o]!.ref;
    // start(o) - end(prev)
    const gap = new LinearExpr().add(startVar(ops[o]!.ref), 1).plus(endOf(ctx, prev), -1);
    lp.addRow(`prec_j${job}_o${op}`, gap, lagMin[o]!, undefined);
    if (Number.isFinite(lagMax[o]!)) lp.addRow(`maxlag_j${job}_o${op}`, gap, undefined, lagMax[o]!);
  }
}
