import { randomUUID } from 'node:crypto';
import { TwinError } from '../../twin/errors.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface Job<R, P> {
  readonly id: string;
  readonly kind: string;
  status: JobStatus;
  readonly createdAtMs: number;
  startedAtMs?: number;
  finishedAtMs?: number;
  progress?: P;
  result?: R;
  error?: { code: string; message: string };
  /** Set when the job was asked to stop early (DELETE): it keeps its best result so far. */
  stopRequested: boolean;
}

export interface JobContext<P> {
  signal: AbortSignal;
  report(progress: P): void;
}

export interface JobStoreOptions {
  /** Jobs kept at most (running, queued and finished); the oldest finished go first. */
  maxJobs: number;
  /** Jobs running at once; more wait in a queue. */
  maxRunning: number;
  /** How long a finished job stays readable, ms. */
  ttlMs: number;
  now: () => number;
  onChange?: (job: Job<unknown, unknown>) => void;
}

interface Entry<R, P> {
  job: Job<R, P>;
  run: (ctx: JobContext<P>) => Promise<R>;
  controller: AbortController;
  /** Settles when the job has finished, once it has started. */
  settled?: Promise<void>;
}

/**
 * A bounded job store with a time to live. Jobs run as async functions that honour an AbortSignal (the solver
 * runtime stops its workers on it); a stopped job that returns a result keeps it.
 */
export class JobStore<R, P> {
  private readonly entries = new Map<string, Entry<R, P>>();
  private readonly queue: string[] = [];
  private running = 0;

  constructor(private readonly options: JobStoreOptions) {}

  submit(kind: string, run: (ctx: JobContext<P>) => Promise<R>): Job<R, P> {
    this.expire();
    if (this.entries.size >= this.options.maxJobs && !this.evictOneFinished()) {
      throw new TwinError(
        'TWIN_E_RATE_LIMITED',
        `too many jobs (${this.options.maxJobs} kept at most, none finished): try again when one ends`,
        { maxJobs: this.options.maxJobs },
      );
    }
    const job: Job<R, P> = {
      id: randomUUID(),
      kind,
      status: 'queued',
      createdAtMs: this.options.now(),
      stopRequested: false,
    };
    this.entries.set(job.id, { job, run, controller: new AbortController() });
    this.queue.push(job.id);
    this.changed(job);
    this.pump();
    return job;
  }

  get(id: string): Job<R, P> | undefined {
    this.expire();
    return this.entries.get(id)?.job;
  }

  list(): Job<R, P>[] {
    this.expire();
    return [...this.entries.values()].map((e) => e.job);
  }

  /** Ask a job to stop: a queued job is cancelled, a running one stops early and keeps its best result. */
  stop(id: string): Job<R, P> | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    const { job } = entry;
    if (job.status === 'queued') {
      this.queue.splice(this.queue.indexOf(id), 1);
      job.status = 'cancelled';
      job.finishedAtMs = this.options.now();
      this.changed(job);
    } else if (job.status === 'running') {
      job.stopRequested = true;
      entry.controller.abort();
    }
    return job;
  }

  /** Stop everything (shutdown) and wait for running jobs to settle. */
  async close(): Promise<void> {
    for (const id of [...this.queue]) this.stop(id);
    const running = [...this.entries.values()].filter((e) => e.job.status === 'running');
    for (const e of running) e.controller.abort();
    await Promise.all(running.map((e) => e.settled));
  }

  private pump(): void {
    while (this.running < this.options.maxRunning && this.queue.length > 0) {
      const entry = this.entries.get(this.queue.shift()!);
      if (entry) entry.settled = this.start(entry);
    }
  }

  private async start(entry: Entry<R, P>): Promise<void> {
    const { job } = entry;
    this.running++;
    job.status = 'running';
    job.startedAtMs = this.options.now();
    this.changed(job);
    try {
      job.result = await entry.run({
        signal: entry.controller.signal,
        report: (progress) => {
          job.progress = progress;
          this.changed(job);
        },
      });
      job.status = job.stopRequested && job.result === undefined ? 'cancelled' : 'done';
    } catch (err) {
      job.status = job.stopRequested ? 'cancelled' : 'failed';
      job.error =
        err instanceof TwinError
          ? { code: err.code, message: err.message }
          : { code: 'TWIN_E_INTERNAL', message: err instanceof Error ? err.message : String(err) };
    } finally {
      job.finishedAtMs = this.options.now();
      this.running--;
      this.changed(job);
      this.pump();
    }
  }

  private changed(job: Job<R, P>): void {
    this.options.onChange?.(job as Job<unknown, unknown>);
  }

  private isFinished(job: Job<R, P>): boolean {
    return job.status === 'done' || job.status === 'failed' || job.status === 'cancelled';
  }

  private expire(): void {
    const cutoff = this.options.now() - this.options.ttlMs;
    for (const [id, e] of this.entries) {
      if (this.isFinished(e.job) && (e.job.finishedAtMs ?? 0) < cutoff) this.entries.delete(id);
    }
  }

  private evictOneFinished(): boolean {
    for (const [id, e] of this.entries) {
      if (this.isFinished(e.job)) {
        this.entries.delete(id);
        return true;
      }
    }
    return false;
  }
}
