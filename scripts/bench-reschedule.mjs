#!/usr/bin/env node
// Production scheduling and rescheduling on the demo plant (about 100 orders × 8 operations on 28 machines):
// time to a first feasible plan, the objective over time, then a breakdown: time to the repaired plan and the
// operations it moves against scheduling from scratch. Runs on dist/ (npm run build).
//
//   npm run bench:reschedule -- [--budget S] [--machine GR3] [--at 100000] [--repair 14400] [--seed 1]
//                               [--risk ./my-risk.mjs]   (a module exporting validatePlan({scenario, plan}))
//
// Timings are wall clock in this process after one warm-up run (the service is long-lived); the cold first
// run is printed too. This machine's speed drifts: compare figures taken in one run.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { parseScenario } from '../dist/scenarios/parse.js';
import { scenarioToProductionProblem } from '../dist/scenarios/production/to-problem.js';
import { scheduleScenario } from '../dist/scenarios/production/schedule.js';
import { rescheduleProblem, rescheduleScenario } from '../dist/scenarios/production/reschedule.js';
import { solveProduction } from '../dist/solver/production/solve.js';
import { checkProductionPlan } from '../dist/solver/check/production/check-production-plan.js';
import { compileProduction } from '../dist/solver/production/compiled.js';
import { Decoder, Schedule } from '../dist/solver/production/decode.js';
import { evaluate } from '../dist/solver/production/objectives.js';

const { values: args } = parseArgs({
  options: {
    budget: { type: 'string', default: '3' },
    machine: { type: 'string', default: 'GR3' },
    at: { type: 'string', default: '100000' },
    repair: { type: 'string', default: '14400' },
    seed: { type: 'string', default: '1' },
    scenario: { type: 'string', default: 'scenarios/demo-plant.yaml' },
    risk: { type: 'string' },
  },
});
const budgetMs = Number(args.budget) * 1000;
const seed = Number(args.seed);
const clock = () => performance.now();

/** Hook for the risk analysis: a module with `validatePlan({ scenario, problem, plan })` (async allowed). */
const risk = args.risk ? await import(pathToFileURL(resolve(args.risk)).href) : undefined;
async function validate(label, scenario, problem, plan) {
  if (!risk?.validatePlan) return;
  const t = clock();
  const report = await risk.validatePlan({ scenario, problem, plan });
  console.log(
    `  ${label} validated (risk) in ${(clock() - t).toFixed(0)} ms: ${JSON.stringify(report).slice(0, 200)}`,
  );
}

const parsed = parseScenario(readFileSync(args.scenario, 'utf8'));
if (!parsed.ok) throw new Error(`${args.scenario} does not parse`);
const scenario = parsed.edited;

const fmt = (v) =>
  `weighted tardiness ${(v.weightedTardiness / 3600).toFixed(1)} h, late ${v.lateOrders}, makespan ${(v.makespan / 3600).toFixed(1)} h`;

// Cold: the first call of everything in this process (JIT compiling).
let t = clock();
scheduleScenario(scenario, { seed, maxIterations: 0, clock });
console.log(`cold first plan (mapping + dispatching + check): ${(clock() - t).toFixed(0)} ms`);

// Warm: mapping, first feasible (dispatching with every rule), quality over time.
t = clock();
const { problem } = scenarioToProductionProblem(scenario);
const mapMs = clock() - t;
const operations = problem.jobs.reduce((s, j) => s + j.operations.length, 0);
console.log(
  `${problem.name}: ${problem.jobs.length} orders, ${operations} operations, ${problem.machines.length} machines`,
);
console.log(`  scenario → problem          ${mapMs.toFixed(0)} ms`);
const first = solveProduction(problem, { seed, maxIterations: 0, clock });
console.log(
  `  first feasible plan         ${first.firstFeasibleMs.toFixed(0)} ms (best of the rules: ${first.startedFrom}, ${first.elapsedMs.toFixed(0)} ms for all) — ${fmt(first.values)}`,
);
const trace = [];
const run = solveProduction(problem, {
  seed,
  timeBudgetMs: budgetMs,
  clock,
  onImprove: (ms, iterations, values) => trace.push({ ms, iterations, values: { ...values } }),
});
t = clock();
const check = checkProductionPlan(problem, run.plan);
console.log(
  `  checker                     ${(clock() - t).toFixed(0)} ms: ${check.ok ? 'ok' : `${check.violations.length} violations`}`,
);
console.log(`  quality over time (${run.iterations} iterations in ${(run.elapsedMs / 1000).toFixed(2)} s):`);
for (const at of [100, 300, 1000, 3000, 10000].filter((x) => x <= budgetMs)) {
  const last = trace.filter((p) => p.ms <= at).at(-1);
  console.log(`    at ${(at / 1000).toFixed(1)} s: ${last ? fmt(last.values) : fmt(first.values)}`);
}
await validate('first plan', scenario, problem, run.plan);

// A breakdown: the plan in force (1 s of search) repaired, against scheduling from scratch.
const base = scheduleScenario(scenario, { seed, timeBudgetMs: 1000, clock }).plan;
const event = {
  kind: 'machineDown',
  at: Number(args.at),
  machine: args.machine,
  repairS: Number(args.repair),
};
console.log(`breakdown: ${args.machine} down at ${args.at} s for ${args.repair} s`);
for (const repairBudget of [100, 300, 1000]) {
  t = clock();
  const repaired = rescheduleScenario(scenario, base, event, { seed, timeBudgetMs: repairBudget, clock });
  const repairMs = clock() - t;
  const { problem: p, reference } = rescheduleProblem(scenario, base, event);
  t = clock();
  const scratch = solveProduction(p, { seed, timeBudgetMs: repairBudget, clock });
  const scratchMs = clock() - t;
  const cp = compileProduction(p);
  const scratchValues = evaluate(cp, new Decoder(cp).decode(scratch.encoding, new Schedule(cp)), reference);
  console.log(
    `  search ${repairBudget} ms: repair ${repairMs.toFixed(0)} ms in all, moves ${repaired.changes.movedCount} ops ` +
      `(${repaired.changes.machineChanges} machine changes, ${repaired.changes.frozen} frozen) — ${fmt(repaired.result.values)}`,
  );
  console.log(
    `                  from scratch ${scratchMs.toFixed(0)} ms, moves ${scratchValues.moved} ops ` +
      `(${scratchValues.machineChanges} machine changes) — ${fmt(scratchValues)}`,
  );
  if (repairBudget === 300) await validate('repaired plan', scenario, repaired.problem, repaired.result.plan);
}
