// Builds the app's dependencies from real parts (twin store, job stores, plan service, scenario library)
// around a scenario, for the service's composition root (connectors/main.ts) and for tests to share.
import type { Scenario } from '../../scenarios/schema.js';
import { layoutView, orderView } from '../../twin/layout-view.js';
import type { Order } from '../../twin/schema/order.js';
import { modelOf } from '../../scenarios/schema.js';
import { machinesFromModel } from '../../twin/store/machines-from-model.js';
import { TwinStore } from '../../twin/store/twin-store.js';
import type { HistoryReader } from '../history/history-reader.js';
import type { AppDeps, AppOptions } from '../http/deps.js';
import { JobStore, type Job } from '../jobs/job-store.js';
import type { PlanDispatcher, PlanValidator, Scheduler } from './contracts.js';
import { ServiceMetrics } from './metrics.js';
import { DEFAULT_MAX_PLANS, PlanService, type AutoDispatchPolicy } from './plan-service.js';
import { ScenarioService, type RunProgress, type RunResult } from './scenario-service.js';
import { StreamHub } from './stream-hub.js';
import { TwinService } from './twin-service.js';

export interface ServiceParts {
  scenario: Scenario;
  options: AppOptions;
  history: HistoryReader;
  scheduler: Scheduler & PlanValidator;
  dispatcher: PlanDispatcher;
  now?: () => number;
  /** Worker threads of what-if runs. */
  workers?: number;
  jobs?: { maxJobs: number; ttlMs: number };
  ready?: AppDeps['ready'];
  /** Wall-clock time for job expiry and durations (default Date.now); `now` is the plant's clock. */
  wallClock?: () => number;
  /** The live order book (default: the scenario's). */
  orders?: () => readonly Order[];
  /** Dispatch validated plans without a planner (connectors/config.ts `dispatch.auto`). */
  autoDispatch?: AutoDispatchPolicy;
  onAutoDispatchError?: (id: string, error: unknown) => void;
}

export function buildDeps(parts: ServiceParts): AppDeps {
  const now = parts.now ?? Date.now;
  const { scenario } = parts;
  const startMs = Date.parse(scenario.start);
  const stream = new StreamHub(10_000, now);
  const metrics = new ServiceMetrics();
  const store = new TwinStore(machinesFromModel(scenario), { startMs: now() });
  const twin = new TwinService(store, stream, metrics);
  const jobOptions = {
    maxJobs: parts.jobs?.maxJobs ?? 100,
    maxRunning: 1,
    ttlMs: parts.jobs?.ttlMs ?? 3_600_000,
    // Jobs live and are timed by the wall clock: the plant's clock may run 60× or faster.
    now: parts.wallClock ?? Date.now,
    onChange: (job: Job<unknown, unknown>) => {
      stream.publish('job', { id: job.id, kind: job.kind, status: job.status, progress: job.progress });
      if (job.finishedAtMs !== undefined && job.startedAtMs !== undefined) {
        const seconds = (job.finishedAtMs - job.startedAtMs) / 1000;
        metrics.jobDuration.observe({ kind: job.kind, status: job.status }, seconds);
      }
    },
  };
  const runs = new JobStore<RunResult, RunProgress>(jobOptions);
  return {
    options: parts.options,
    twin,
    stream,
    metrics,
    history: parts.history,
    scheduler: parts.scheduler,
    schedules: new JobStore(jobOptions),
    plans: new PlanService({
      maxPlans: DEFAULT_MAX_PLANS,
      validator: parts.scheduler,
      dispatcher: parts.dispatcher,
      onEvent: (type, data) => stream.publish(type, data),
      ...(parts.autoDispatch && { autoDispatch: parts.autoDispatch }),
      ...(parts.onAutoDispatchError && { onAutoDispatchError: parts.onAutoDispatchError }),
    }),
    scenarios: new ScenarioService(scenario, runs, { maxScenarios: 100, workers: parts.workers ?? 1 }),
    runs,
    layout: layoutView(modelOf(scenario), startMs),
    orders: () => (parts.orders?.() ?? scenario.orders).map((o) => orderView(o, startMs)),
    ready: parts.ready ?? (() => ({ ready: true, checks: {} })),
    now,
  };
}
