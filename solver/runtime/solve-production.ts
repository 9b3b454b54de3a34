import { Piscina } from 'piscina';
import type { ProductionProblem } from '../production/problem.js';
import type { ProductionSolveResult } from '../production/solve.js';
import { TwinError } from '../../twin/errors.js';
import { parseProductionReply, type ProductionTaskOptions } from './production-worker.js';
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

  async solve(
    problem: ProductionProblem,
    options: ProductionTaskOptions,
    signal?: AbortSignal,
  ): Promise<ProductionSolveResult> {
    const stop = new SharedArrayBuffer(4);
    const raise = (): void => {
      Atomics.store(new Int32Array(stop), 0, 1);
    };
    if (signal?.aborted) raise();
    signal?.addEventListener('abort', raise, { once: true });
    try {
      const parsed = parseProductionReply(await this.pool.run({ problem, options, stop }));
      if (!parsed.ok)
        throw new TwinError('TWIN_E_INTERNAL', `bad reply from the production worker: ${parsed.error}`);
      const reply = parsed.value;
      if ('error' in reply) {
        throw TwinError.fromJSON(reply.error);
      }
      return reply.result;
    } finally {
      signal?.removeEventListener('abort', raise);
    }
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
