// Variable values of a plan in a scheduling model: a MIP start for solvers that take one (HiGHS). The plan
// must give every operation's machine and start; the values follow the model's names and meanings.
import type { ShopPlan } from '../shop/problem.js';
import type { SchedulingModel } from './build-model.js';
import { assignVar, MAKESPAN_VAR, startVar, tardinessVar } from './names.js';

export function startValues(model: SchedulingModel, plan: ShopPlan): Record<string, number> {
  const at = new Map<string, { machine: number; start: number; end: number }>();
  for (const s of plan.operations) at.set(`${s.job}/${s.op}`, s);
  const entry = (o: number) => {
    const { job, op } = model.ops[o]!.ref;
    const s = at.get(`${job}/${op}`);
    if (s === undefined) throw new Error(`the plan has no operation ${job}/${op}`);
    return s;
  };
  const values: Record<string, number> = {};
  const completion = new Map<number, number>();
  model.ops.forEach((op, o) => {
    const s = entry(o);
    values[startVar(op.ref)] = s.start;
    if (op.alts.length > 1)
      for (const a of op.alts) values[assignVar(op.ref, a.machine)] = a.machine === s.machine ? 1 : 0;
    completion.set(op.ref.job, Math.max(completion.get(op.ref.job) ?? 0, s.end));
  });
  for (const p of model.pairs) {
    const a = entry(p.first);
    const b = entry(p.second);
    // Only meaningful when both run on the pair's machine; otherwise either value satisfies the rows.
    values[p.name] = a.start < b.start || (a.start === b.start && a.end <= b.end) ? 1 : 0;
  }
  for (const w of model.windows) {
    const window = model.problem.shop.machines[w.machine]!.unavailable![w.window]!;
    values[w.name] = entry(w.op).end > window.start ? 1 : 0; // not before it, so after it
  }
  const names = new Set(model.lp.variables.map((v) => v.name));
  if (names.has(MAKESPAN_VAR)) values[MAKESPAN_VAR] = plan.makespan;
  for (const d of model.problem.dueDates ?? []) {
    if (names.has(tardinessVar(d.job)))
      values[tardinessVar(d.job)] = Math.max(0, (completion.get(d.job) ?? 0) - d.due);
  }
  return values;
}
