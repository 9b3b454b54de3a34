import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { TwinError } from '../../twin/errors.js';
import { checkSchema } from '../../twin/validate/schema-check.js';
import { checkRiskOptions, type PlanRiskReport, type RiskOptions } from '../risk/report.js';
import type { PlanRiskInput, ReplicationSample } from '../risk/replicate.js';
import { riskRounds, runRounds } from '../risk/rounds.js';
import { PlanRiskReply, type PlanRiskTask } from './plan-risk-protocol.js';
import runPlanRiskTask from './plan-risk-worker.js';
import { workerFile } from './worker-file.js';

export interface PlanRiskPoolOptions {
  /** Worker threads; 1 runs in this thread. Default: the machine's cores. */
  workers?: number;
}

/** Tasks per worker: a few chunks each so a slow chunk does not leave the other workers idle at the end. */
const CHUNKS_PER_WORKER = 2;

/** Split replications 0..n−1 into contiguous chunks [from, to). */
export function chunkReplications(n: number, workers: number): [number, number][] {
  const size = Math.max(1, Math.ceil(n / (workers * CHUNKS_PER_WORKER)));
  const out: [number, number][] = [];
  for (let from = 0; from < n; from += size) out.push([from, Math.min(n, from + size)]);
  return out;
}

function toError(id: number, error: { code: string; message: string }): TwinError {
  return TwinError.fromJSON(error, `plan-risk task ${id}: `);
}

/** What a pool has done so far: machine-independent counts for benchmarks and tests. */
export interface PlanRiskPoolStats {
  analyses: number;
  rounds: number;
  tasks: number;
  /** Tasks whose worker had to compile the model (not in its cache). */
  compilations: number;
  replications: number;
  events: number;
}

interface ReadReply {
  samples: ReplicationSample[];
  compiled: boolean;
}

/** Check a worker's reply against the protocol and the task it answers; samples in replication order. */
function readReply(task: PlanRiskTask, reply: unknown, orders: number): ReadReply {
  const checked = checkSchema(PlanRiskReply, reply);
  if (!checked.ok) {
    const detail = checked.issues.map((i) => `${i.path || 'reply'}: ${i.message}`).join('; ');
    throw new TwinError('TWIN_E_INTERNAL', `plan-risk task ${task.id}: malformed reply: ${detail}`);
  }
  const value = checked.value;
  if ('error' in value) throw toError(task.id, value.error);
  if (value.id !== task.id || value.samples.length !== task.to - task.from)
    throw new TwinError('TWIN_E_INTERNAL', `plan-risk task ${task.id}: the reply answers another task`);
  const samples = value.samples.map((s, k): ReplicationSample => {
    if (s.replication !== task.from + k || s.completionS.length !== orders)
      throw new TwinError(
        'TWIN_E_INTERNAL',
        `plan-risk task ${task.id}: sample ${k} does not match the task`,
      );
    return {
      replication: s.replication,
      seed: s.seed,
      endS: s.endS,
      events: s.events,
      completionS: Float64Array.from(s.completionS, (c) => c ?? NaN),
    };
  });
  return { samples, compiled: value.compiled };
}

/**
 * Long-lived workers for risk analyses of plans. Replication r runs with seed + r whichever worker runs it,
 * and the report folds them in replication order, so the report does not depend on the worker count.
 */
export class PlanRiskPool {
  readonly workers: number;
  private readonly pool: Piscina | undefined;
  private nextId = 0;
  private readonly counts: PlanRiskPoolStats = {
    analyses: 0,
    rounds: 0,
    tasks: 0,
    compilations: 0,
    replications: 0,
    events: 0,
  };

  constructor(options: PlanRiskPoolOptions = {}) {
    this.workers = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
    this.pool =
      this.workers > 1
        ? new Piscina({
            filename: workerFile('plan-risk-worker'),
            minThreads: this.workers,
            maxThreads: this.workers,
            idleTimeout: 60_000,
          })
        : undefined;
  }

  /**
   * The risk report of a plan: its replications in rounds (one without a precision target), each round
   * split into contiguous chunks over the workers, one task per chunk carrying the model and the plan.
   */
  async analyse(input: PlanRiskInput, options: RiskOptions): Promise<PlanRiskReport> {
    checkRiskOptions(options);
    this.counts.analyses++;
    const rounds = riskRounds(input.plan, input.orders, input.startMs, options);
    return runRounds(rounds, (from, to) => this.runRound(input, options, from, to));
  }

  get stats(): Readonly<PlanRiskPoolStats> {
    return { ...this.counts };
  }

  private async runRound(
    input: PlanRiskInput,
    options: RiskOptions,
    first: number,
    end: number,
  ): Promise<ReplicationSample[]> {
    const rng = options.rng ?? 'default';
    const taskInput: PlanRiskTask['input'] = {
      model: input.model,
      orders: [...input.orders],
      startMs: input.startMs,
      plan: input.plan,
      ...(input.horizonS !== undefined && { horizonS: input.horizonS }),
      ...(input.allowEarly !== undefined && { allowEarly: input.allowEarly }),
      ...(input.timezone !== undefined && { timezone: input.timezone }),
    };
    const tasks = chunkReplications(end - first, this.workers).map(([from, to]): PlanRiskTask => ({
      id: this.nextId++,
      seed: options.seed,
      rng,
      from: first + from,
      to: first + to,
      input: taskInput,
    }));
    const pool = this.pool;
    // In this thread the task is copied as a worker would get it: schema checks fill defaults in place.
    const replies = pool
      ? await Promise.all(tasks.map((task) => pool.run(task) as Promise<unknown>))
      : tasks.map((task) => runPlanRiskTask(structuredClone(task)));
    const samples: ReplicationSample[] = [];
    tasks.forEach((task, i) => {
      const read = readReply(task, replies[i], input.orders.length);
      if (read.compiled) this.counts.compilations++;
      for (const s of read.samples) {
        samples.push(s);
        this.counts.events += s.events;
      }
    });
    this.counts.rounds++;
    this.counts.tasks += tasks.length;
    this.counts.replications += samples.length;
    return samples;
  }

  async destroy(): Promise<void> {
    await this.pool?.destroy();
  }
}

/** One risk analysis with a pool of its own (for repeated analyses keep a PlanRiskPool). */
export async function runPlanRisk(
  input: PlanRiskInput,
  options: RiskOptions,
  poolOptions: PlanRiskPoolOptions = {},
): Promise<PlanRiskReport> {
  const workers = Math.min(poolOptions.workers ?? availableParallelism(), options.replications);
  const pool = new PlanRiskPool({ workers });
  try {
    return await pool.analyse(input, options);
  } finally {
    await pool.destroy();
  }
}
