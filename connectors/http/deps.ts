import type { LayoutView, OrderView } from '../../twin/schema/layout-view.js';
import type { HistoryReader } from '../history/history-reader.js';
import type { JobStore } from '../jobs/job-store.js';
import type { RunProgress, RunResult, ScenarioService } from '../service/scenario-service.js';
import type { PlanService } from '../service/plan-service.js';
import type { ScheduleOutcome, ScheduleProgress, Scheduler } from '../service/contracts.js';
import type { ServiceMetrics } from '../service/metrics.js';
import type { StreamHub } from '../service/stream-hub.js';
import type { TwinService } from '../service/twin-service.js';
import type { TokenEntry } from './auth.js';

export interface HttpLimits {
  maxTimeBudgetS: number;
  maxReplications: number;
  bodyLimitBytes: number;
}

export interface AppOptions {
  tokens: readonly TokenEntry[];
  cors?: { origins: string[] };
  rateLimit?: { max: number; windowMs: number };
  limits: HttpLimits;
  /** Serve the viewer's built files from here (optional). */
  viewerDir?: string;
  logger?: boolean | object;
  /** Serve HTTPS with this key and certificate (PEM). */
  https?: { key: Buffer; cert: Buffer };
}

/** Everything the HTTP layer talks to; built by connectors/main.ts, or by tests with real parts. */
export interface AppDeps {
  options: AppOptions;
  twin: TwinService;
  stream: StreamHub;
  metrics: ServiceMetrics;
  history: HistoryReader;
  scheduler: Scheduler;
  schedules: JobStore<ScheduleOutcome & { planId: string }, ScheduleProgress>;
  plans: PlanService;
  scenarios: ScenarioService;
  runs: JobStore<RunResult, RunProgress>;
  /** Readiness: the plant connected, the history reachable. */
  /** The floor plan (from the model) and the live order book, for the viewer. */
  layout: LayoutView;
  orders: () => OrderView[];
  ready: () => { ready: boolean; checks: Record<string, boolean> };
  now: () => number;
}
