import { isMainThread } from 'node:worker_threads';
import { TwinError } from '../../twin/errors.js';
import { compiledValidator } from '../../twin/validate/ajv.js';
import { checkSchema } from '../../twin/validate/schema-check.js';
import { CompiledModelCache } from '../risk/compiled-cache.js';
import { preparePlanRuns, runPreparedReplications } from '../risk/replicate.js';
import { PlanRiskTask, type PlanRiskReply } from './plan-risk-protocol.js';

// Compiling the task schema (the whole factory model) takes about a second: a pool thread does it as it
// starts, before its first task arrives, rather than inside the first analysis.
if (!isMainThread) compiledValidator(PlanRiskTask);

/** Compiled models of the plants this thread analysed last: the next plan of the same plant skips compiling. */
const cache = new CompiledModelCache();

/** Models this thread has compiled and cache hits so far (tests). */
export function compiledModelStats(): { compilations: number; hits: number } {
  return { compilations: cache.compilations, hits: cache.hits };
}

/**
 * Piscina worker: replications [from, to) of a plan, the model compiled once (or taken from this thread's
 * cache). A malformed task is answered with an error, never a crash.
 */
export default function runPlanRiskTask(message: unknown): PlanRiskReply {
  const raw = (message as { id?: unknown } | null)?.id;
  const id = typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? raw : -1;
  const checked = checkSchema(PlanRiskTask, message);
  if (!checked.ok) {
    const detail = checked.issues.map((i) => `${i.path || 'task'}: ${i.message}`).join('; ');
    return { id, error: { code: 'TWIN_E_SCHEMA', message: `bad plan-risk task: ${detail}` } };
  }
  const task = checked.value;
  if (task.to <= task.from)
    return {
      id,
      error: { code: 'TWIN_E_SCHEMA', message: `to (${task.to}) must be above from (${task.from})` },
    };
  try {
    const before = cache.compilations;
    const prepared = preparePlanRuns(task.input, cache);
    const samples = runPreparedReplications(prepared, task.seed, task.from, task.to, task.rng);
    return {
      id,
      samples: samples.map((s) => ({
        replication: s.replication,
        seed: s.seed,
        endS: s.endS,
        events: s.events,
        completionS: Array.from(s.completionS, (c) => (Number.isNaN(c) ? null : c)),
      })),
      compiled: cache.compilations > before,
    };
  } catch (e) {
    const code = e instanceof TwinError ? e.code : 'TWIN_E_INTERNAL';
    return { id, error: { code, message: (e as Error).message } };
  }
}
