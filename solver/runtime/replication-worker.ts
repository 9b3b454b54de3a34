import { runReference } from '../des/reference/run.js';
import { ReplicationTask, type ReplicationOutcome } from '../protocol.js';
import { checkSchema } from '../../twin/validate/schema-check.js';

/** Piscina worker: one replication per call. A malformed task is answered with an error, never a crash. */
export default function runReplication(message: unknown): ReplicationOutcome {
  const checked = checkSchema(ReplicationTask, message);
  const id = typeof (message as { id?: unknown })?.id === 'number' ? (message as { id: number }).id : -1;
  if (!checked.ok) {
    const detail = checked.issues.map((i) => `${i.path || 'task'}: ${i.message}`).join('; ');
    return { id, seed: -1, error: { code: 'TWIN_E_SCHEMA', message: `bad replication task: ${detail}` } };
  }
  const task = checked.value;
  try {
    return {
      id: task.id,
      seed: task.seed,
      result: runReference(task.model, task.params, task.seed, task.rng),
    };
  } catch (e) {
    return {
      id: task.id,
      seed: task.seed,
      error: { code: 'TWIN_E_INTERNAL', message: (e as Error).message },
    };
  }
}
