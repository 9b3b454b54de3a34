import type { Plan } from '../../../twin/schema/plan.js';
import { validateEvent, type RescheduleEvent } from '../../../scenarios/production/events.js';
import { rescheduleScenario, DEFAULT_FROZEN_HORIZON_S } from '../../../scenarios/production/reschedule.js';
import { scheduleScenario } from '../../../scenarios/production/schedule.js';
import type { CliOutput } from '../output.js';
import { parseDataText, readDataFile, readPlanFile, readScenarioFile } from '../read-input.js';
import { reported, reportTwinError } from '../report-issues.js';
import {
  renderLateOrders,
  renderValues,
  resultJson,
  scheduleJson,
  solveOptions,
  type ProductionCliOptions,
} from './production-output.js';

export interface RescheduleOptions extends ProductionCliOptions {
  event: string;
  plan?: string;
  frozenHorizon?: number;
  json?: boolean;
}

/** `--event` is inline JSON when it starts with `{`, else a JSON or YAML file. */
async function readEvent(text: string, startMs: number, io: CliOutput): Promise<RescheduleEvent | undefined> {
  const inline = text.trim().startsWith('{');
  const where = inline ? '--event' : text;
  const read = reported(where, io, inline ? parseDataText(text) : await readDataFile(text));
  return read && reported(where, io, validateEvent(read.value, startMs))?.value;
}

/**
 * `twin reschedule <scenario> --event <file or JSON> [--plan <plan.json>]`: a new plan version after the
 * event, repaired from the plan in force (scheduled first when none is given), with what changed.
 */
export async function rescheduleCommand(
  file: string,
  options: RescheduleOptions,
  io: CliOutput,
): Promise<number> {
  const loaded = reported(file, io, await readScenarioFile(file, 'scenario'));
  if (!loaded) return 1;
  const scenario = loaded.edited;
  const startMs = Date.parse(scenario.start);
  const event = await readEvent(options.event, startMs, io);
  if (!event) return 1;
  let previous: Plan | undefined;
  if (options.plan !== undefined) {
    previous = reported(options.plan, io, await readPlanFile(options.plan))?.value;
    if (!previous) return 1;
  }
  const frozenHorizonS = options.frozenHorizon ?? DEFAULT_FROZEN_HORIZON_S;
  try {
    const solve = solveOptions(options);
    const base =
      previous ?? (scheduleScenario(scenario, { ...solve, plan: { createdAtMs: Date.now() } }).plan as Plan);
    const r = rescheduleScenario(scenario, base, event, {
      ...solve,
      frozenHorizonS,
      createdAtMs: Date.now(),
    });
    if (options.json) {
      const report = {
        instance: r.problem.name,
        event,
        now: r.now,
        ...resultJson(r.result, options.objective),
        changes: r.changes,
        orders: r.orders,
        schedule: scheduleJson(r.problem, r.result.plan),
        plan: r.plan,
        ...(previous === undefined && { previousPlan: base }),
      };
      io.out(`${JSON.stringify(report)}\n`);
      return 0;
    }
    const c = r.changes;
    const lines = [
      `${r.problem.name}: ${r.plan.trigger.detail} at ${r.now} s → plan ${r.plan.id} version ${r.plan.version} (parent ${base.id})`,
      ...renderValues(r.result.values),
      `  frozen              ${c.frozen} operations (running or starting within ${frozenHorizonS} s)`,
      `  moved               ${c.movedCount} operations (start moved > ${c.toleranceS} s or machine changed), ${c.machineChanges} machine changes, ${c.added} new`,
      `  newly late          ${c.newlyLate.join(', ') || '-'}`,
      `  newly on time       ${c.newlyOnTime.join(', ') || '-'}`,
      `  time                ${(r.result.elapsedMs / 1000).toFixed(2)} s (${r.result.iterations} iterations, seed ${r.result.seed})`,
    ];
    const late = renderLateOrders(r.orders);
    io.out(`${[...lines, ...(late.length ? ['  latest orders:', ...late] : [])].join('\n')}\n`);
    return 0;
  } catch (e) {
    return reportTwinError(file, e, io);
  }
}
