import { availableParallelism } from 'node:os';
import { modelOf } from '../../../scenarios/schema.js';
import type { InputFormat } from '../../../scenarios/load.js';
import { findConflicts } from '../../../solver/explain/infeasibility.js';
import { explainOrders, type OrderExplanation } from '../../../solver/explain/late-orders.js';
import { validatePlan, type PlanValidation } from '../../../solver/risk/validate-plan.js';
import { PlanRiskPool } from '../../../solver/runtime/plan-risk.js';
import type { CliOutput } from '../output.js';
import { readPlanFile, readScenarioFile } from '../read-input.js';
import { reported } from '../report-issues.js';

export interface ValidatePlanCommandOptions {
  plan: string;
  format?: InputFormat;
  replications?: number;
  seed?: number;
  workers?: number;
  threshold?: number;
  maxAtRisk?: number;
  json?: boolean;
}

export const DEFAULT_REPLICATIONS = 30;

const h = (s: number) => `${(s / 3600).toFixed(2)} h`;

function render(file: string, v: PlanValidation, explanations: OrderExplanation[]): string {
  const lines = [`${file}: plan ${v.plan.id} v${v.plan.version} ${v.ok ? 'validated' : 'refused'}`];
  for (const reason of v.reasons) lines.push(`  refused: ${reason}`);
  for (const x of v.violations) lines.push(`  ${x.kind}: ${x.message}`);
  const r = v.risk;
  if (r) {
    const m = r.makespanS;
    lines.push(
      `  risk: ${r.replications} replications (seeds ${r.seed}..${r.seed + r.replications - 1}), ` +
        `${r.atRisk.length} of ${r.orders.length} orders below ${Math.round(r.threshold * 100)} % on time`,
      `  makespan ${h(m.mean)} (${Math.round(r.level * 100)} % CI ${h(m.low)}..${h(m.high)}), ` +
        `p50 ${h(m.p50)}, p90 ${h(m.p90)}, p95 ${h(m.p95)}, min ${h(m.min)}, max ${h(m.max)}`,
    );
    for (const id of r.atRisk) {
      const o = r.orders.find((x) => x.order === id)!;
      lines.push(
        `  ${id.padEnd(16)} on time ${(o.onTimeProbability * 100).toFixed(0).padStart(3)} % ` +
          `(Wilson ${(o.interval.low * 100).toFixed(0)}..${(o.interval.high * 100).toFixed(0)} %), ` +
          `lateness p50 ${h(o.latenessS!.p50)}, p90 ${h(o.latenessS!.p90)}`,
      );
    }
  }
  for (const e of explanations) lines.push(`  why ${e.summary}`);
  return `${lines.join('\n')}\n`;
}

/** `twin validate-plan <scenario> --plan <file>`: the plan checker, then the risk analysis; why orders are late. */
export async function validatePlanCommand(
  file: string,
  options: ValidatePlanCommandOptions,
  io: CliOutput,
): Promise<number> {
  const loaded = reported(file, io, await readScenarioFile(file, options.format));
  if (!loaded) return 1;
  const scenario = loaded.edited;
  const request = { model: modelOf(scenario), orders: scenario.orders, startMs: Date.parse(scenario.start) };
  const conflicts = findConflicts(request);
  if (!conflicts.feasible) {
    if (options.json) io.out(`${JSON.stringify({ file, ok: false, conflicts: conflicts.conflicts })}\n`);
    else for (const c of conflicts.conflicts) io.err(`${file}: ${c.severity}: ${c.message}\n`);
    return 1;
  }
  const plan = reported(options.plan, io, await readPlanFile(options.plan))?.value;
  if (!plan) return 1;
  const replications = options.replications ?? scenario.experiment?.replications ?? DEFAULT_REPLICATIONS;
  const input = { ...request, plan };
  const pool = new PlanRiskPool({
    workers: Math.min(options.workers ?? availableParallelism(), replications),
  });
  let validation: PlanValidation;
  try {
    validation = await validatePlan(
      input,
      {
        replications,
        seed: options.seed ?? plan.seed,
        ...(options.threshold !== undefined && { threshold: options.threshold }),
        ...(options.maxAtRisk !== undefined && { maxOrdersAtRisk: options.maxAtRisk }),
      },
      (i, o) => pool.analyse(i, o),
    );
  } finally {
    await pool.destroy();
  }
  const explanations = validation.violations.length
    ? []
    : explainOrders(input, validation.risk ? { risk: validation.risk } : {});
  if (options.json) {
    const { plan: checked, ...rest } = validation;
    const late = conflicts.conflicts;
    io.out(`${JSON.stringify({ file, status: checked.status, ...rest, explanations, conflicts: late })}\n`);
  } else io.out(render(file, validation, explanations));
  return validation.ok ? 0 : 1;
}
