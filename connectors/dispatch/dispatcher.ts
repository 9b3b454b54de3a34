import type { Plan } from '../../twin/schema/plan.js';
import type { EpochMs } from '../../twin/schema/time.js';
import type { JobOrder } from './job-order.js';
import { jobOrdersFromPlan } from './job-orders-from-plan.js';
import type { JobOrderTransport } from './transport.js';

export type MachineDispatchStatus = 'pending' | 'acknowledged' | 'rejected' | 'timedOut';

export interface MachineDispatchState {
  machine: string;
  jobOrderId: string;
  status: MachineDispatchStatus;
  /** The receiver's ReturnStatus, when it answered. */
  returnStatus?: number;
  /** Why it was rejected or timed out. */
  reason?: string;
  /** Deliveries tried (a failed delivery is tried again until the deadline). */
  attempts: number;
  updatedAtMs: EpochMs;
}

export interface DispatchResult {
  planId: string;
  planVersion: number;
  /** True when every machine acknowledged its job order. */
  acknowledged: boolean;
  counts: Record<MachineDispatchStatus, number>;
  machines: MachineDispatchState[];
}

export interface DispatchOptions {
  transport: JobOrderTransport;
  /** How long each machine has to acknowledge (default 10 s). */
  timeoutMs?: number;
  /** Wait before trying a failed delivery again (doubles up to 2 s; default 100 ms). */
  retryDelayMs?: number;
  /** Called with a copy of a machine's state each time it changes (first as pending). */
  onChange?: (state: MachineDispatchState) => void;
  clock?: () => EpochMs;
}

/**
 * Send a plan version to its machines, one job order each, all at once, and wait for every machine's answer
 * or deadline. Job order ids are `<plan>/v<version>/<machine>`, so dispatching the same version again (after a
 * timeout, or twice) asks the receivers for what they already have: they answer OK without a second effect.
 */
export async function dispatchPlan(plan: Plan, options: DispatchOptions): Promise<DispatchResult> {
  const orders = jobOrdersFromPlan(plan);
  const machines = await Promise.all(orders.map((order) => dispatchOne(order, options)));
  const counts: Record<MachineDispatchStatus, number> = {
    pending: 0,
    acknowledged: 0,
    rejected: 0,
    timedOut: 0,
  };
  for (const machine of machines) counts[machine.status]++;
  return {
    planId: plan.id,
    planVersion: plan.version,
    acknowledged: counts.acknowledged === machines.length,
    counts,
    machines,
  };
}

async function dispatchOne(order: JobOrder, options: DispatchOptions): Promise<MachineDispatchState> {
  const clock = options.clock ?? Date.now;
  const state: MachineDispatchState = {
    machine: order.machine,
    jobOrderId: order.jobOrderId,
    status: 'pending',
    attempts: 0,
    updatedAtMs: clock(),
  };
  const report = (change: Partial<MachineDispatchState>): MachineDispatchState => {
    Object.assign(state, change, { updatedAtMs: clock() });
    options.onChange?.({ ...state });
    return state;
  };
  report({});

  const timeoutMs = options.timeoutMs ?? 10_000;
  const abort = new AbortController();
  const deadline = setTimeout(() => abort.abort(), timeoutMs);
  let delayMs = options.retryDelayMs ?? 100;
  let lastError = '';
  try {
    while (!abort.signal.aborted) {
      state.attempts++;
      try {
        const outcome = await raceAbort(options.transport.send(order, abort.signal), abort.signal);
        if (outcome === undefined) break;
        if (outcome.status === 'acknowledged')
          return report({ status: 'acknowledged', returnStatus: outcome.returnStatus });
        return report({ status: 'rejected', returnStatus: outcome.returnStatus, reason: outcome.reason });
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
        await sleep(delayMs, abort.signal);
        delayMs = Math.min(delayMs * 2, 2_000);
      }
    }
    const reason = `no answer within ${timeoutMs} ms${lastError ? ` (last error: ${lastError})` : ''}`;
    return report({ status: 'timedOut', reason });
  } finally {
    clearTimeout(deadline);
  }
}

/** The promise's value, or undefined as soon as `signal` aborts (the promise is left to settle unobserved). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise<T | undefined>((resolve, reject) => {
    const onAbort = (): void => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
