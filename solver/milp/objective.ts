// The objective of a plan as the MILP measures it, and the constraints of a MilpProblem that the shop plan
// checker does not know (lags, pins, kept sequences, horizon): both judged from the plan alone.
import { checkPlan } from '../check/check-plan.js';
import type { ShopPlan } from '../shop/problem.js';
import type { MilpProblem } from './problem.js';

const TOL = 1e-6;

/** `makespan * Cmax + tardiness * sum(weight * max(0, C_j - due_j))`. */
export function planObjective(problem: MilpProblem, plan: ShopPlan): number {
  const objective = problem.objective ?? { makespan: 1 };
  let z = (objective.makespan ?? 0) * plan.makespan;
  if ((objective.tardiness ?? 0) > 0) z += (objective.tardiness ?? 0) * weightedTardiness(problem, plan);
  return z;
}

export function weightedTardiness(problem: MilpProblem, plan: ShopPlan): number {
  const completion = new Map<number, number>();
  for (const s of plan.operations) completion.set(s.job, Math.max(completion.get(s.job) ?? 0, s.end));
  let sum = 0;
  for (const d of problem.dueDates ?? [])
    sum += (d.weight ?? 1) * Math.max(0, (completion.get(d.job) ?? 0) - d.due);
  return sum;
}

/**
 * Every violation of a plan as messages (empty when there are none): the shop plan checker's (solver/check),
 * then lags, pins, kept sequences and the horizon.
 */
export function milpPlanViolations(problem: MilpProblem, plan: ShopPlan): string[] {
  return [
    ...checkPlan(problem.shop, plan).violations.map((v) => `${v.kind}: ${v.message}`),
    ...checkMilpExtras(problem, plan),
  ];
}

/** Violations of lags, pins, kept sequences and the horizon, as messages (empty when there are none). */
function checkMilpExtras(problem: MilpProblem, plan: ShopPlan): string[] {
  const at = new Map<string, { machine: number; start: number; end: number }>();
  for (const s of plan.operations) at.set(`${s.job}/${s.op}`, s);
  const out: string[] = [];
  for (const l of problem.lags ?? []) {
    const prev = at.get(`${l.job}/${l.op - 1}`);
    const cur = at.get(`${l.job}/${l.op}`);
    if (!prev || !cur) continue;
    const gap = cur.start - prev.end;
    if (l.min !== undefined && gap < l.min - TOL)
      out.push(`lag before ${l.job}/${l.op} is ${gap} < min ${l.min}`);
    if (l.max !== undefined && gap > l.max + TOL)
      out.push(`lag before ${l.job}/${l.op} is ${gap} > max ${l.max}`);
  }
  for (const p of problem.pinned ?? []) {
    const s = at.get(`${p.job}/${p.op}`);
    if (s && (s.machine !== p.machine || Math.abs(s.start - p.start) > TOL)) {
      out.push(
        `pinned ${p.job}/${p.op} runs on ${s.machine} at ${s.start}, not on ${p.machine} at ${p.start}`,
      );
    }
  }
  for (const k of problem.kept ?? []) {
    let last = -Infinity;
    for (const r of k.operations) {
      const s = at.get(`${r.job}/${r.op}`);
      if (!s) continue;
      if (s.machine !== k.machine) out.push(`kept ${r.job}/${r.op} moved to machine ${s.machine}`);
      if (s.start < last - TOL) out.push(`kept ${r.job}/${r.op} moved before its kept predecessor`);
      last = s.start;
    }
  }
  if (problem.horizon !== undefined && plan.makespan > problem.horizon + TOL) {
    out.push(`the plan ends at ${plan.makespan}, after the horizon ${problem.horizon}`);
  }
  return out;
}
