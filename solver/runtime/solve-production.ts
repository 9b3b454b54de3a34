import { Piscina } from 'piscina';
import type { ProductionProblem } from '../production/problem.js';
import type { ProductionSolveResult } from '../production/solve.js';
import { TwinError } from '../../twin/errors.js';
import {
  PROGRESS_FIELDS,
  parseProductionReply,
  readProgress,
  type ProductionTaskOptions,
  type ProgressSnapshot,
} from './production-worker.js';
import { workerFile } from './worker-file.js';

/**
 * Production searches on a long-lived worker thread pool, so the service's event loop (HTTP, OPC UA, the
 * plant) stays free while a plan is computed. `signal` stops the search early; it then returns its best plan.
 */
export class ProductionSolverPool {
  private readonly pool: Piscina;

  constructor(threads = 1) {
    this.pool = new Piscina({
      filename: workerFile('production-worker'),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
    });
  }

  /** `onProgress` hears the best so far, polled every `progressEveryMs` while the search runs. */
  async solve(
    problem: ProductionProblem,
    options: ProductionTaskOptions,
    signal?: AbortSignal,
    onProgress?: (progress: ProgressSnapshot) => void,
    progressEveryMs = 250,
  ): Promise<ProductionSolveResult> {
    const stop = new SharedArrayBuffer(4);
    const progress = new SharedArrayBuffer(8 * PROGRESS_FIELDS.length);
    let seen = 0;
    const report = (): void => {
      const now = readProgress(progress);
      if (now.improvements === seen) return;
      seen = now.improvements;
      onProgress?.(now);
    };
    const poll = onProgress ? setInterval(report, progressEveryMs) : undefined;
    const raise = (): void => {
      Atomics.store(new Int32Array(stop), 0, 1);
    };
    if (signal?.aborted) raise();
    signal?.addEventListener('abort', raise, { once: true });
    try {
      const parsed = parseProductionReply(await this.pool.run({ problem, options, stop, progress }));
      report(); // the last improvement, even when it came after the last poll
      if (!parsed.ok)
        throw new TwinError('TWIN_E_INTERNAL', `bad reply from the production worker: ${parsed.error}`);
      const reply = parsed.value;
      if ('error' in reply) {
        throw TwinError.fromJSON(reply.error);
      }
      return reply.result;
    } finally {
      if (poll) clearInterval(poll);
      signal?.removeEventListener('abort', raise);
    }
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
