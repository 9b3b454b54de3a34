// Builds the app's dependencies from real parts (twin store, schedulers on worker threads, job stores) around a
// scenario file, for tests and for the service's own composition root to share.
import { readFile } from 'node:fs/promises';
import { parseScenario } from '../../scenarios/parse.js';
import type { Scenario } from '../../scenarios/schema.js';
import { scenarioToShopProblem } from '../../scenarios/to-shop-problem.js';
import { machinesFromModel } from '../../twin/store/machines-from-model.js';
import { TwinStore } from '../../twin/store/twin-store.js';
import { JobStore } from '../jobs/job-store.js';
import type { PlanDispatcher, PlanValidator, Scheduler } from './contracts.js';
import { ServiceMetrics } from './metrics.js';
import { PlanService } from './plan-service.js';
import { ScenarioService, type RunProgress, type RunResult } from './scenario-service.js';
import { ShopScheduler } from './shop-scheduler.js';
import { StreamHub } from './stream-hub.js';
import { TwinService } from './twin-service.js';
import type { AppDeps, AppOptions, HistoryReader } from '../http/deps.js';

export async function loadScenarioFile(file: string): Promise<Scenario> {
  const parsed = parseScenario(await readFile(file, 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.issues.map((i) => i.message).join('; ')}`);
  return parsed.edited;
}

export interface HarnessParts {
  scenario: Scenario;
  options: AppOptions;
  history: HistoryReader;
  dispatcher: PlanDispatcher;
  now?: () => number;
  workers?: number;
  maxOperations?: number;
  /** Default: the makespan tabu search on the scenario's orders (tests); the service passes the production one. */
  scheduler?: Scheduler & PlanValidator;
}

export function buildDeps(parts: HarnessParts): AppDeps {
  const now = parts.now ?? Date.now;
  const { scenario } = parts;
  const stream = new StreamHub(10_000, now);
  const metrics = new ServiceMetrics();
  const store = new TwinStore(machinesFromModel(scenario), { startMs: now() });
  const twin = new TwinService(store, stream, metrics);
  let planCounter = 0;
  const scheduler: Scheduler & PlanValidator =
    parts.scheduler ??
    new ShopScheduler({
      problem: () => ({ problem: scenarioToShopProblem(scenario), epochMs: now() }),
      workers: parts.workers ?? 1,
      maxOperations: parts.maxOperations ?? 20_000,
      now,
      newPlanId: () => `P${String(++planCounter).padStart(4, '0')}`,
    });
  const jobOptions = {
    maxJobs: 100,
    maxRunning: 1,
    ttlMs: 3_600_000,
    now,
    onChange: (job: { id: string; kind: string; status: string; progress?: unknown }) =>
      stream.publish('job', { id: job.id, kind: job.kind, status: job.status, progress: job.progress }),
  };
  const runs = new JobStore<RunResult, RunProgress>(jobOptions);
  return {
    options: parts.options,
    twin,
    stream,
    metrics,
    history: parts.history,
    scheduler,
    schedules: new JobStore(jobOptions),
    plans: new PlanService({
      maxPlans: 50,
      validator: scheduler,
      dispatcher: parts.dispatcher,
      onEvent: (type, data) => stream.publish(type, data),
    }),
    scenarios: new ScenarioService(scenario, runs, { maxScenarios: 100, workers: parts.workers ?? 1 }),
    runs,
    ready: () => ({ ready: true, checks: {} }),
    now,
  };
}
