import { performance } from 'node:perf_hooks';
import Type, { type Static, type TSchema } from 'typebox';
import { TwinError } from '../../twin/errors.js';
import { StringEnum } from '../../twin/schema/string-enum.js';
import { checkSchema } from '../../twin/validate/schema-check.js';
import { DISPATCH_RULES } from '../production/construct.js';
import { ObjectiveSpec } from '../production/objectives.js';
import { ProductionPlan, ProductionProblem } from '../production/problem.js';
import { solveProduction, type ProductionSolveResult } from '../production/solve.js';
import type { Subsolver } from '../production/milp-lns.js';
import { loadGlpk, solveWithGlpk } from './milp-backends.js';

// The messages between ProductionSolverPool (solve-production.ts) and this worker. Both sides check what
// they receive against these schemas; typed arrays (which JSON Schema cannot describe) are checked by kind.

/** A typed array, checked by `typedArrayIssues` (Ajv accepts any value here). */
const typed = <T>(kind: string) => Type.Unsafe<T>({ description: kind });

const EncodingSchema = Type.Object(
  { order: typed<Int32Array>('Int32Array'), alt: typed<Int32Array>('Int32Array') },
  { additionalProperties: false },
);

const Count = Type.Integer({ minimum: 0 });

export const ProductionTaskOptions = Type.Object(
  {
    seed: Type.Optional(Count),
    objective: Type.Optional(ObjectiveSpec),
    timeBudgetMs: Type.Optional(Type.Number({ minimum: 0 })),
    maxIterations: Type.Optional(Count),
    rules: Type.Optional(Type.Array(StringEnum(DISPATCH_RULES, 'a dispatching rule'))),
    /** MILP neighbourhoods between local search slices, solved by glpk.js in this worker. */
    milp: Type.Optional(
      Type.Object(
        {
          timeLimitS: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
          maxOps: Type.Optional(Type.Integer({ minimum: 2, maximum: 40 })),
          stallIterations: Type.Optional(Count),
        },
        { additionalProperties: false },
      ),
    ),
    start: Type.Optional(EncodingSchema),
    reference: Type.Optional(
      Type.Object(
        {
          start: typed<Float64Array>('Float64Array'),
          machine: typed<Int32Array>('Int32Array'),
          toleranceS: Type.Number({ minimum: 0 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ProductionTaskOptions = Static<typeof ProductionTaskOptions>;

const ProductionTask = Type.Object(
  {
    problem: ProductionProblem,
    options: ProductionTaskOptions,
    /** Set to 1 by the caller to stop early: the search returns its best so far. */
    stop: typed<SharedArrayBuffer>('SharedArrayBuffer'),
    /** Where the search writes its best so far for the caller to read while it runs (see PROGRESS_FIELDS). */
    progress: Type.Optional(typed<SharedArrayBuffer>('SharedArrayBuffer')),
  },
  { additionalProperties: false },
);
type ProductionTask = Static<typeof ProductionTask>;

const Time = Type.Number();
const ProductionResultSchema = Type.Object(
  {
    plan: ProductionPlan,
    values: Type.Object(
      {
        makespan: Time,
        weightedTardiness: Time,
        lateOrders: Count,
        moved: Count,
        machineChanges: Count,
        weightedCompletion: Time,
      },
      { additionalProperties: false },
    ),
    encoding: EncodingSchema,
    seed: Type.Number(),
    iterations: Count,
    firstFeasibleMs: Time,
    timeToBestMs: Time,
    elapsedMs: Time,
    startedFrom: StringEnum([...DISPATCH_RULES, 'given'], 'where the search started'),
    milp: Type.Optional(
      Type.Object(
        { neighbourhoods: Count, optimal: Count, timeLimited: Count, improvements: Count },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

const ProductionResultReply = Type.Object(
  { result: ProductionResultSchema },
  { additionalProperties: false },
);
const ProductionErrorReply = Type.Object(
  {
    error: Type.Object(
      { code: Type.String({ minLength: 1 }), message: Type.String(), details: Type.Optional(Type.Unknown()) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type ProductionReply =
  { result: ProductionSolveResult } | { error: { code: string; message: string; details?: unknown } };

type Kind = abstract new (...args: never[]) => object;

/** Where a message holds typed arrays (JSON Schema cannot say), and of which kind; absent parents are skipped. */
const TASK_ARRAYS: [path: string[], kind: Kind][] = [
  [['stop'], SharedArrayBuffer],
  [['progress'], SharedArrayBuffer],
  [['options', 'start', 'order'], Int32Array],
  [['options', 'start', 'alt'], Int32Array],
  [['options', 'reference', 'start'], Float64Array],
  [['options', 'reference', 'machine'], Int32Array],
];
/**
 * The progress buffer: Float64 slots written by the worker on each improvement, `improvements` last, so a
 * reader that sees a new count sees the values that came with it (a torn read only shows a value early).
 */
export const PROGRESS_FIELDS = [
  'iterations',
  'elapsedMs',
  'makespan',
  'weightedTardiness',
  'lateOrders',
  'improvements',
] as const;
export type ProgressSnapshot = Record<(typeof PROGRESS_FIELDS)[number], number>;

export function readProgress(buffer: SharedArrayBuffer): ProgressSnapshot {
  const view = new Float64Array(buffer);
  return Object.fromEntries(PROGRESS_FIELDS.map((name, k) => [name, view[k] ?? 0])) as ProgressSnapshot;
}

const REPLY_ARRAYS: [path: string[], kind: Kind][] = [
  [['result', 'encoding', 'order'], Int32Array],
  [['result', 'encoding', 'alt'], Int32Array],
];

function typedArrayIssues(value: unknown, fields: [string[], Kind][]): string[] {
  const issues: string[] = [];
  for (const [path, kind] of fields) {
    let parent: unknown = value;
    for (const key of path.slice(0, -1)) parent = (parent as Record<string, unknown> | undefined)?.[key];
    if (typeof parent !== 'object' || parent === null) continue;
    if (!((parent as Record<string, unknown>)[path.at(-1)!] instanceof kind))
      issues.push(`${path.join('.')}: must be a ${kind.name}`);
  }
  return issues;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function parse<T>(schema: TSchema, arrays: [string[], Kind][], value: unknown, what: string): Parsed<T> {
  const checked = checkSchema(schema, value);
  const issues = checked.ok
    ? typedArrayIssues(value, arrays)
    : checked.issues.map((i) => `${i.path || what}: ${i.message}`);
  return issues.length === 0 ? { ok: true, value: value as T } : { ok: false, error: issues.join('; ') };
}

export const parseProductionTask = (task: unknown): Parsed<ProductionTask> =>
  parse(ProductionTask, TASK_ARRAYS, task, 'task');
/** A reply with an `error` is read as one; any other as a result (so an error names the result's field). */
export const parseProductionReply = (reply: unknown): Parsed<ProductionReply> =>
  typeof reply === 'object' && reply !== null && 'error' in reply
    ? parse(ProductionErrorReply, [], reply, 'reply')
    : parse(ProductionResultReply, REPLY_ARRAYS, reply, 'reply');

/**
 * Piscina worker: one production search per call. Stopping is cooperative (the search reads the clock every
 * few hundred iterations; a raised stop flag makes the clock jump past the budget), so a stopped search still
 * returns its best plan. A malformed task is answered with an error naming the field.
 */
export default async function solveProductionTask(message: unknown): Promise<ProductionReply> {
  const parsed = parseProductionTask(message);
  if (!parsed.ok)
    return { error: { code: 'TWIN_E_SCHEMA', message: `bad production task: ${parsed.error}` } };
  const task = parsed.value;
  const flag = new Int32Array(task.stop);
  const clock = (): number => (Atomics.load(flag, 0) === 1 ? Number.MAX_SAFE_INTEGER : performance.now());
  const progress = task.progress ? new Float64Array(task.progress) : undefined;
  const onImprove = progress
    ? (
        elapsedMs: number,
        iterations: number,
        values: { makespan: number; weightedTardiness: number; lateOrders: number },
      ) => {
        progress[0] = iterations;
        progress[1] = elapsedMs;
        progress[2] = values.makespan;
        progress[3] = values.weightedTardiness;
        progress[4] = values.lateOrders;
        progress[5] = (progress[5] ?? 0) + 1;
      }
    : undefined;
  try {
    const subsolver = task.options.milp ? await glpkSubsolver() : undefined;
    return {
      result: solveProduction(task.problem, {
        ...task.options,
        clock,
        ...(onImprove && { onImprove }),
        ...(subsolver && { subsolver }),
      }),
    };
  } catch (e) {
    const err =
      e instanceof TwinError ? e.toJSON() : { code: 'TWIN_E_INTERNAL', message: (e as Error).message };
    return { error: err };
  }
}

/** glpk.js, loaded once per worker thread, as the production search's MILP solver. */
async function glpkSubsolver(): Promise<Subsolver> {
  const glpk = await loadGlpk();
  return (model, timeLimitS) =>
    solveWithGlpk(glpk, { type: 'solve', id: 0, backend: 'glpk', model, timeLimitS });
}
