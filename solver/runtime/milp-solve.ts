// Solving an LpModel in a worker thread, with a time limit and cancellation. glpk.js solves synchronously and
// stops only at its own time limit, so cancelling (or a solver overrunning its limit by far) terminates the
// thread; the next solve starts a fresh one. One MilpSolver keeps its thread between solves (glpk.js's first
// solve in a thread costs 60-90 ms more), which suits the many short solves of the neighbourhood search.
import { Worker } from 'node:worker_threads';
import { TwinError } from '../../twin/errors.js';
import type { LpModel } from '../milp/lp-model.js';
import {
  MILP_WORKER_MARK,
  parseMilpReply,
  type MilpBackend,
  type MilpReply,
  type MilpStatus,
} from './milp-protocol.js';
import { workerFile } from './worker-file.js';

export type { MilpBackend, MilpStatus } from './milp-protocol.js';

export interface MilpSolveOptions {
  /** Default glpk. */
  backend?: MilpBackend;
  timeLimitS: number;
  mipGap?: number;
  /** MIP start by variable name (HiGHS; ignored by glpk.js, which cannot take one). */
  start?: Record<string, number>;
  signal?: AbortSignal;
}

export interface MilpResult {
  status: MilpStatus;
  backend: MilpBackend;
  objective?: number;
  /** Proven lower bound (HiGHS). */
  bound?: number;
  values?: Record<string, number>;
  /** Seconds the solver ran. */
  timeS: number;
  /** Seconds from the call to the result (thread start, transfer and solver). */
  wallS: number;
  startAccepted?: boolean;
}

/** A solver overrunning its own time limit by this much (plus 2 s) is stopped by terminating its thread. */
const OVERRUN = 0.5;

export class MilpSolver {
  private worker: Worker | undefined;
  private nextId = 0;
  private pending: { id: number; resolve: (r: MilpReply) => void; reject: (e: Error) => void } | undefined;
  private busy = false;

  private thread(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker = new Worker(workerFile('milp-worker'), { workerData: { mark: MILP_WORKER_MARK } });
    worker.on('message', (message: unknown) => {
      const parsed = parseMilpReply(message);
      const waiting = this.pending;
      if (waiting === undefined) return;
      if (!parsed.ok)
        return waiting.reject(
          new TwinError('TWIN_E_INTERNAL', `bad message from the MILP worker: ${parsed.error}`),
        );
      if (parsed.message.id !== waiting.id) return; // a late answer to a solve that was given up
      waiting.resolve(parsed.message);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      this.pending?.reject(error);
    };
    worker.on('error', (e) => fail(new TwinError('TWIN_E_INTERNAL', `MILP worker failed: ${e.message}`)));
    worker.on('exit', (code) =>
      fail(new TwinError('TWIN_E_INTERNAL', `MILP worker stopped (exit code ${code})`)),
    );
    this.worker = worker;
    return worker;
  }

  /** Solve `model`; resolves with status `cancelled` when the signal aborts, never rejects for that. */
  async solve(model: LpModel, options: MilpSolveOptions): Promise<MilpResult> {
    if (this.busy) throw new TwinError('TWIN_E_INTERNAL', 'MilpSolver: one solve at a time');
    if (!(options.timeLimitS > 0))
      throw new TwinError('TWIN_E_SCHEMA', `timeLimitS must be > 0, found ${options.timeLimitS}`);
    const backend = options.backend ?? 'glpk';
    const started = performance.now();
    const wall = () => (performance.now() - started) / 1000;
    if (options.signal?.aborted) return { status: 'cancelled', backend, timeS: 0, wallS: 0 };
    this.busy = true;
    const id = this.nextId++;
    let stop: ((status: MilpStatus) => void) | undefined;
    const stopped = new Promise<MilpStatus>((resolve) => (stop = resolve));
    const onAbort = () => stop?.('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const watchdog = setTimeout(() => stop?.('timeLimit'), (options.timeLimitS * (1 + OVERRUN) + 2) * 1000);
    try {
      const worker = this.thread();
      const answer = new Promise<MilpReply>((resolve, reject) => (this.pending = { id, resolve, reject }));
      worker.postMessage({
        type: 'solve',
        id,
        backend,
        model,
        timeLimitS: options.timeLimitS,
        ...(options.mipGap !== undefined && { mipGap: options.mipGap }),
        ...(options.start !== undefined && { start: options.start }),
      });
      const outcome = await Promise.race([answer, stopped]);
      if (typeof outcome === 'string') {
        await this.kill();
        return { status: outcome, backend, timeS: wall(), wallS: wall() };
      }
      if (outcome.type === 'failed') {
        throw TwinError.fromJSON(outcome.error);
      }
      const { type: _t, id: _i, ...rest } = outcome;
      return { ...rest, wallS: wall() };
    } finally {
      clearTimeout(watchdog);
      options.signal?.removeEventListener('abort', onAbort);
      this.pending = undefined;
      this.busy = false;
    }
  }

  private async kill(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.pending = undefined;
    if (worker !== undefined) await worker.terminate().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.kill();
  }
}

/** One solve in its own thread, closed afterwards. */
export async function solveMilp(model: LpModel, options: MilpSolveOptions): Promise<MilpResult> {
  const solver = new MilpSolver();
  try {
    return await solver.solve(model, options);
  } finally {
    await solver.close();
  }
}
