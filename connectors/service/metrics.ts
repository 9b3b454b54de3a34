import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The service's Prometheus metrics, in one registry per service (tests build many). */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly observationsIn = new Counter({
    name: 'twin_observations_in_total',
    help: 'Observations applied to the twin, by source',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });
  /** Read at scrape time from the ingest gate and the history writer (their own counters stay the truth). */
  private sources: { rejected?: () => number; history?: () => Record<string, number> } = {};
  readonly observationsRejected = new Gauge({
    name: 'twin_observations_rejected',
    help: 'Observations rejected at validation since start',
    registers: [this.registry],
    collect: () => {
      const n = this.sources.rejected?.();
      if (n !== undefined) this.observationsRejected.set(n);
    },
  });
  readonly historyPoints = new Gauge({
    name: 'twin_history_points',
    help: 'History writer counters since start (written, retried, spilled, dropped, rejected, buffered)',
    labelNames: ['counter'] as const,
    registers: [this.registry],
    collect: () => {
      for (const [counter, n] of Object.entries(this.sources.history?.() ?? {})) {
        this.historyPoints.set({ counter }, n);
      }
    },
  });
  readonly jobDuration = new Histogram({
    name: 'twin_job_duration_seconds',
    help: 'Duration of finished jobs, by kind and status',
    labelNames: ['kind', 'status'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });
  readonly httpRequests = new Counter({
    name: 'twin_http_requests_total',
    help: 'HTTP requests by route and status code',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });
  readonly streamClients = new Gauge({
    name: 'twin_stream_clients',
    help: 'WebSocket clients connected to /api/stream',
    registers: [this.registry],
  });

  /** Where the scrape-time figures come from (the composition root knows the gate and the writer). */
  bindSources(sources: { rejected?: () => number; history?: () => Record<string, number> }): void {
    this.sources = sources;
  }

  constructor(withProcessMetrics = false) {
    if (withProcessMetrics) collectDefaultMetrics({ register: this.registry });
  }
}
