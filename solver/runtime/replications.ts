import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { ReplicationOutcome, type SolverTask } from '../protocol.js';
import { checkSchema } from '../../twin/validate/schema-check.js';
import { TwinError } from '../../twin/errors.js';
import runReplication from './replication-worker.js';
import { workerFile } from './worker-file.js';

export interface ReplicationOptions {
  /** Worker threads; 1 runs in this thread. Default: the machine's cores. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Run replications, spread over worker threads. Each result depends only on its task (replication r uses
 * its own seed), so results are the same whichever worker ran them; they come back in task order.
 */
export async function runReplications(
  tasks: readonly SolverTask[],
  options: ReplicationOptions = {},
): Promise<ReplicationOutcome[]> {
  const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), tasks.length));
  let done = 0;
  const progress = () => options.onProgress?.(++done, tasks.length);
  if (workers === 1) {
    return tasks.map((task) => {
      const outcome = runReplication(task);
      progress();
      return outcome;
    });
  }
  const pool = new Piscina({
    filename: workerFile('replication-worker'),
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 1000,
  });
  try {
    return await Promise.all(
      tasks.map(async (task) => {
        const outcome = checkedOutcome(await pool.run(task));
        progress();
        return outcome;
      }),
    );
  } finally {
    await pool.destroy();
  }
}

/** A worker's reply as the protocol says, or an error naming what is wrong with it (a bug, never a crash). */
function checkedOutcome(reply: unknown): ReplicationOutcome {
  const checked = checkSchema(ReplicationOutcome, reply);
  if (checked.ok) return checked.value;
  const detail = checked.issues.map((i) => `${i.path || 'reply'}: ${i.message}`).join('; ');
  throw new TwinError('TWIN_E_INTERNAL', `malformed replication reply: ${detail}`);
}
