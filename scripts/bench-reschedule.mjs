#!/usr/bin/env node
// Production scheduling and rescheduling on the demo plant (about 100 orders × 8 operations on 28 machines):
// time to a first feasible plan, the objective over time, then a breakdown: time to the repaired plan and the
// operations it moves against scheduling from scratch; each plan validated (the plan checker, then the risk
// analysis: --replications runs of the plan in the simulation on --risk-workers threads). Runs on dist/
// (npm run build).
//
//   npm run bench:reschedule -- [--budget S] [--machine GR3] [--at 100000] [--repair 14400] [--seed 1]
//                               [--replications 30] [--risk-workers 2] [--precision]
//
// Timings are wall clock in this process after one warm-up run (the service is long-lived); the cold first
// run is printed too. This machine's speed drifts: compare figures taken in one run.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { parseScenario } from '../dist/scenarios/parse.js';
import { scenarioToProductionProblem } from '../dist/scenarios/production/to-problem.js';
import { scheduleScenario } from '../dist/scenarios/production/schedule.js';
import { rescheduleProblem, rescheduleScenario } from '../dist/scenarios/production/reschedule.js';
import { toTwinPlan } from '../dist/scenarios/production/plan.js';
import { solveProduction } from '../dist/solver/production/solve.js';
import { checkProductionPlan } from '../dist/solver/check/production/check-production-plan.js';
import { compileProduction } from '../dist/solver/production/compiled.js';
import { Decoder, Schedule } from '../dist/solver/production/decode.js';
import { evaluate } from '../dist/solver/production/objectives.js';
import { modelOf } from '../dist/scenarios/schema.js';
import { checkPlanAgainstModel } from '../dist/solver/check/plan-against-model.js';
import { validatePlan } from '../dist/solver/risk/validate-plan.js';
import { PlanRiskPool } from '../dist/solver/runtime/plan-risk.js';
import { ProductionSolverPool } from '../dist/solver/runtime/solve-production.js';
import { simulateFactory } from '../dist/solver/des/factory/run.js';
import { planHorizonS } from '../dist/solver/check/plan-model-resolve.js';
import { preparePlanRuns, runPreparedReplications } from '../dist/solver/risk/replicate.js';

const { values: args } = parseArgs({
  options: {
    budget: { type: 'string', default: '3' },
    machine: { type: 'string', default: 'GR3' },
    at: { type: 'string', default: '100000' },
    repair: { type: 'string', default: '14400' },
    seed: { type: 'string', default: '1' },
    scenario: { type: 'string', default: 'scenarios/demo-plant.yaml' },
    replications: { type: 'string', default: '30' },
    'risk-workers': { type: 'string', default: '2' },
    precision: { type: 'boolean', default: false },
  },
});
const budgetMs = Number(args.budget) * 1000;
const seed = Number(args.seed);
const clock = () => performance.now();

// The risk pool starts with the process, as in the service: its threads compile their schemas meanwhile.
const replications = Number(args.replications);
const riskPool = new PlanRiskPool({ workers: Number(args['risk-workers']) });
const riskInput = (scenario, plan) => ({
  model: modelOf(scenario),
  orders: scenario.orders,
  startMs: Date.parse(scenario.start),
  plan,
});

/** validatePlan as the service runs it: the checker, then the risk analysis on the pool. Timed, with counts. */
async function validate(label, scenario, plan, options = { replications, seed: plan.seed }) {
  const input = riskInput(scenario, plan);
  const before = riskPool.stats;
  let t = clock();
  const checked = checkPlanAgainstModel(input);
  const checkMs = clock() - t;
  t = clock();
  const v = await validatePlan(input, options, (i, o) => riskPool.analyse(i, o));
  const ms = clock() - t;
  const after = riskPool.stats;
  const r = v.risk;
  const risk = r
    ? `${r.replications}${r.precision.met === null ? '' : ` of at most ${r.maxReplications}`} replications, ` +
      `${r.eventsSimulated} events, ${after.tasks - before.tasks} tasks, ` +
      `${after.compilations - before.compilations} model compilations; ${r.atRisk.length} of ${r.orders.length} ` +
      `orders at risk, on-time half-width ≤ ${r.precision.onTimeHalfWidth.toFixed(3)}, makespan ` +
      `${(r.makespanS.mean / 3600).toFixed(1)} h ± ${(r.makespanS.halfWidth / 3600).toFixed(2)} h`
    : `${v.violations.length} violations`;
  console.log(
    `  ${label}: ${v.plan.status} in ${ms.toFixed(0)} ms (checker ${checkMs.toFixed(0)} ms${checked.ok ? '' : ', violations'}) — ${risk}` +
      (v.reasons.length ? ` — ${v.reasons.join('; ')}` : ''),
  );
  return ms;
}

/**
 * One replication's cost in this thread, the way the risk analysis used to run it (simulateFactory: the model
 * and the plan compiled for every run) against the way it runs now (compiled once per plan, runs only);
 * interleaved, medians of CPU and wall time.
 */
function compareRiskPaths(input, seed, n = 5, rounds = 5) {
  const horizonS = planHorizonS(input);
  const paths = {
    'compiled every run (simulateFactory)': (r) =>
      simulateFactory({ ...input, seed: seed + r, horizonS }).eventsProcessed,
    'compiled once per plan (runPrepared) ': (r) =>
      runPreparedReplications(preparePlanRuns(input), seed, r, r + n).reduce((e, s) => e + s.events, 0),
  };
  const cpu = {};
  const wall = {};
  const events = {};
  for (let k = -1, r0 = 0; k < rounds; k++, r0 += n)
    for (const [name, run] of Object.entries(paths)) {
      const c = process.cpuUsage();
      const t = clock();
      let e = 0;
      if (name.startsWith('compiled once')) e = run(r0);
      else for (let r = 0; r < n; r++) e += run(r0 + r);
      if (k < 0) continue; // warm-up
      const used = process.cpuUsage(c);
      (wall[name] ??= []).push((clock() - t) / n);
      (cpu[name] ??= []).push((used.user + used.system) / 1000 / n);
      events[name] = (events[name] ?? 0) + e;
    }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  return Object.keys(paths).map(
    (name) =>
      `${name}: ${median(cpu[name]).toFixed(1)} ms CPU, ${median(wall[name]).toFixed(1)} ms wall, ` +
      `${Math.round(events[name] / (n * rounds))} events per replication`,
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
const { problem, open } = scenarioToProductionProblem(scenario);
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
// The same search on a worker thread, alone and with MILP neighbourhoods (glpk.js), side by side.
const productionPool = new ProductionSolverPool(1);
console.log(`  on a worker thread, ${budgetMs / 1000} s each, seed ${seed}:`);
for (const [label, milp] of [
  ['local search                ', undefined],
  ['local search + MILP (glpk.js)', {}],
]) {
  const r = await productionPool.solve(problem, { seed, timeBudgetMs: budgetMs, ...(milp && { milp }) });
  const m = r.milp
    ? ` — ${r.milp.neighbourhoods} neighbourhoods (${r.milp.optimal} optimal, ${r.milp.timeLimited} at the limit), ${r.milp.improvements} improved`
    : '';
  console.log(`    ${label}: ${fmt(r.values)}, ${r.iterations} iterations${m}`);
}
await productionPool.close();

// Validation in a long-lived service: the pool warmed (threads, schemas, JIT) on copies of the plant that differ
// in one order's weight, so the plant itself is not in the workers' compiled-model cache yet.
console.log(`validation (checker + risk, ${replications} replications, ${riskPool.workers} workers):`);
const warmPlan = scheduleScenario(scenario, { seed, maxIterations: 0, clock }).plan;
for (let i = 1; i <= 4; i++) {
  const copy = {
    ...scenario,
    orders: scenario.orders.map((o, k) => (k === 0 ? { ...o, weight: 100 + i } : o)),
  };
  await validate(`warm-up ${i} (a copy of the plant)`, copy, warmPlan);
}
const firstPlan = toTwinPlan(problem, open, run.plan, {
  id: 'first',
  createdAtMs: 0,
  epochMs: Date.parse(scenario.start),
  seed,
  trigger: { kind: 'initial' },
});
await validate('first plan (model compiled in the workers)', scenario, firstPlan);
await validate('first plan again (compiled model cached)', scenario, firstPlan);
if (args.precision)
  await validate('first plan, replications by precision', scenario, firstPlan, {
    replications: Math.max(replications, 100),
    seed,
    precision: { minReplications: 10, step: 10, onTimeHalfWidth: 0.1, makespanRelHalfWidth: 0.01 },
  });

// A breakdown: the plan in force (1 s of search) repaired, against scheduling from scratch.
const base = scheduleScenario(scenario, { seed, timeBudgetMs: 1000, clock }).plan;
const event = {
  kind: 'machineDown',
  at: Number(args.at),
  machine: args.machine,
  repairS: Number(args.repair),
};
await validate('plan in force (another plan of the same plant: cached)', scenario, base);
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
  if (repairBudget === 300) {
    // The plant after the breakdown is another model (progress, downtime): compiled afresh.
    const t0 = clock();
    const again = rescheduleScenario(scenario, base, event, { seed, timeBudgetMs: repairBudget, clock });
    const repairMs = clock() - t0;
    const validateMs = await validate('repaired plan', again.scenario, again.plan);
    const input = riskInput(again.scenario, again.plan);
    const violations = checkPlanAgainstModel(input).violations;
    for (const v of violations.slice(0, 3)) console.log(`    ${v.kind}: ${v.message}`);
    let riskMs = 0;
    if (violations.length > 0) {
      // Refused before the risk analysis: time the analysis on its own, as a validation would run it.
      const t1 = clock();
      const r = await riskPool.analyse(input, { replications, seed });
      riskMs = clock() - t1;
      console.log(
        `    its risk analysis alone: ${riskMs.toFixed(0)} ms, ${r.replications} replications, ${r.eventsSimulated} events`,
      );
    }
    console.log(
      `  repair + validation: ${(repairMs + validateMs + riskMs).toFixed(0)} ms ` +
        `(repair ${repairMs.toFixed(0)}, checker and risk ${(validateMs + riskMs).toFixed(0)})`,
    );
  }
}

console.log(
  'risk cost per replication in this thread (interleaved; CPU time is steadier than wall time here):',
);
for (const line of compareRiskPaths(riskInput(scenario, firstPlan), seed)) console.log(`  ${line}`);
await riskPool.destroy();
