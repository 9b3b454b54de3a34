// Assignment: an operation with several eligible machines runs on exactly one of them.
import type { BuildContext } from './context.js';
import { LinearExpr } from './lp-model.js';
import { assignVar } from './names.js';

export function addAssignment(ctx: BuildContext): void {
  for (const op of ctx.ops) {
    if (op.alts.length < 2) continue;
    const sum = new LinearExpr();
    for (const a of op.alts)
      sum.add(ctx.lp.addVariable({ name: assignVar(op.ref, a.machine), kind: 'binary' }), 1);
    ctx.lp.addRow(`assign_j${op.ref.job}_o${op.ref.op}`, sum, 1, 1);
  }
}
