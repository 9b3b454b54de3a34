import { runReference } from '../des/reference/run.js';
import { simulateFactory } from '../des/factory/run.js';
import { factoryKpis } from '../des/factory/summary.js';
import { FactoryTask, ReplicationTask, type ReplicationOutcome } from '../protocol.js';
import { checkSchema } from '../../twin/validate/schema-check.js';

/** Piscina worker: one replication per call. A malformed task is answered with an error, never a crash. */
export default function runReplication(message: unknown): ReplicationOutcome {
  const isFactory = (message as { model?: unknown } | null)?.model === 'factory';
  const checked = isFactory ? checkSchema(FactoryTask, message) : checkSchema(ReplicationTask, message);
  const id = typeof (message as { id?: unknown })?.id === 'number' ? (message as { id: number }).id : -1;
  if (!checked.ok) {
    const detail = checked.issues.map((i) => `${i.path || 'task'}: ${i.message}`).join('; ');
    return { id, seed: -1, error: { code: 'TWIN_E_SCHEMA', message: `bad replication task: ${detail}` } };
  }
  const task = checked.value;
  try {
    if (task.model === 'factory') {
      const result = simulateFactory({ ...task.input, seed: task.seed, rng: task.rng });
      return {
        id: task.id,
        seed: task.seed,
        result: { seed: task.seed, rng: task.rng, rule: result.rule, ...factoryKpis(result), detail: result },
      };
    }
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
