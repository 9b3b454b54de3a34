// The scheduling (sub)problem the MILP builder takes: a ShopProblem (jobs of operations with eligible
// machines and durations, setup families, machines with setup matrices and unavailable windows, releases)
// plus what the plain shop problem lacks: time lags inside jobs, due dates and weights, pinned operations,
// operations kept on their machine and in their relative order (large-neighbourhood search), the objective.
import Type, { type Static } from 'typebox';
import { TwinError } from '../../twin/errors.js';
import { checkSchema } from '../../twin/validate/schema-check.js';
import { ShopProblem } from '../shop/problem.js';

const Index = Type.Integer({ minimum: 0 });
const Time = Type.Number({ minimum: 0 });

/** An operation of the shop: `job` and `op` index the jobs and their operations (route order). */
export const OpRef = Type.Object({ job: Index, op: Index }, { additionalProperties: false });
export type OpRef = Static<typeof OpRef>;

/** Between the end of operation `op - 1` and the start of `op` of `job`: at least `min`, at most `max`. */
export const TimeLag = Type.Object(
  { job: Index, op: Type.Integer({ minimum: 1 }), min: Type.Optional(Time), max: Type.Optional(Time) },
  { additionalProperties: false },
);
export type TimeLag = Static<typeof TimeLag>;

/** The job is due when its last operation ends; each time unit late costs `weight` (default 1). */
export const DueDate = Type.Object(
  { job: Index, due: Type.Number(), weight: Type.Optional(Time) },
  { additionalProperties: false },
);
export type DueDate = Static<typeof DueDate>;

/** An operation that must run on `machine` from `start` (started already, or inside a frozen horizon). */
export const PinnedOperation = Type.Object(
  { job: Index, op: Index, machine: Index, start: Time },
  { additionalProperties: false },
);
export type PinnedOperation = Static<typeof PinnedOperation>;

/** Operations that stay on `machine` in this order among themselves; they may shift in time. */
export const KeptSequence = Type.Object(
  { machine: Index, operations: Type.Array(OpRef) },
  { additionalProperties: false },
);
export type KeptSequence = Static<typeof KeptSequence>;

/** Minimised: `makespan * Cmax + tardiness * sum(weight_j * T_j)`. */
export const MilpObjective = Type.Object(
  { makespan: Type.Optional(Time), tardiness: Type.Optional(Time) },
  { additionalProperties: false },
);
export type MilpObjective = Static<typeof MilpObjective>;

export const MilpProblem = Type.Object(
  {
    shop: ShopProblem,
    lags: Type.Optional(Type.Array(TimeLag)),
    dueDates: Type.Optional(Type.Array(DueDate)),
    pinned: Type.Optional(Type.Array(PinnedOperation)),
    kept: Type.Optional(Type.Array(KeptSequence)),
    /** Default: makespan only. */
    objective: Type.Optional(MilpObjective),
    /** Every operation ends by then; default: long enough for a serial schedule (see bounds.ts). */
    horizon: Type.Optional(Time),
  },
  { additionalProperties: false },
);
export type MilpProblem = Static<typeof MilpProblem>;

export type Validated = { ok: true } | { ok: false; issues: string[] };

/** Shape (schema) and references: every job, operation and machine index exists and is eligible. */
export function validateMilpProblem(problem: unknown): Validated {
  const checked = checkSchema(MilpProblem, problem);
  if (!checked.ok)
    return { ok: false, issues: checked.issues.map((i) => `${i.path || 'problem'}: ${i.message}`) };
  const p = checked.value;
  const issues: string[] = [];
  const { jobs, machines } = p.shop;
  const opOk = (path: string, job: number, op: number): boolean => {
    if (job >= jobs.length) issues.push(`${path}.job: no job ${job} (the shop has ${jobs.length})`);
    else if (op >= jobs[job]!.operations.length)
      issues.push(`${path}.op: job ${jobs[job]!.id} has no operation ${op}`);
    else return true;
    return false;
  };
  const eligible = (path: string, job: number, op: number, machine: number) => {
    if (!opOk(path, job, op)) return;
    if (machine >= machines.length) issues.push(`${path}.machine: no machine ${machine}`);
    else if (!jobs[job]!.operations[op]!.alternatives.some((a) => a.machine === machine)) {
      issues.push(
        `${path}.machine: ${jobs[job]!.id}/${jobs[job]!.operations[op]!.id} cannot run on ${machines[machine]!.id}`,
      );
    }
  };
  p.shop.jobs.forEach((job, j) =>
    job.operations.forEach((op, k) =>
      op.alternatives.forEach((a, i) => {
        if (a.machine >= machines.length)
          issues.push(`shop.jobs[${j}].operations[${k}].alternatives[${i}].machine: no machine ${a.machine}`);
      }),
    ),
  );
  p.lags?.forEach((l, i) => {
    opOk(`lags[${i}]`, l.job, l.op);
    if (l.min !== undefined && l.max !== undefined && l.min > l.max)
      issues.push(`lags[${i}]: min ${l.min} is above max ${l.max}`);
  });
  p.dueDates?.forEach((d, i) => {
    if (d.job >= jobs.length) issues.push(`dueDates[${i}].job: no job ${d.job}`);
  });
  // An operation is pinned at most once and kept at most once (a pinned one may also be kept, on that machine).
  const claim = (claimed: Map<string, string>, path: string, r: OpRef) => {
    const key = `${r.job}/${r.op}`;
    const before = claimed.get(key);
    if (before !== undefined) issues.push(`${path}: operation ${key} is already in ${before}`);
    else claimed.set(key, path);
  };
  const pinnedAt = new Map<string, string>();
  const pinMachine = new Map<string, number>();
  p.pinned?.forEach((pin, i) => {
    eligible(`pinned[${i}]`, pin.job, pin.op, pin.machine);
    claim(pinnedAt, `pinned[${i}]`, pin);
    pinMachine.set(`${pin.job}/${pin.op}`, pin.machine);
  });
  const keptAt = new Map<string, string>();
  p.kept?.forEach((k, i) =>
    k.operations.forEach((r, n) => {
      const path = `kept[${i}].operations[${n}]`;
      eligible(path, r.job, r.op, k.machine);
      claim(keptAt, path, r);
      const pinned = pinMachine.get(`${r.job}/${r.op}`);
      if (pinned !== undefined && pinned !== k.machine)
        issues.push(`${path}: operation ${r.job}/${r.op} is pinned to machine ${pinned}`);
    }),
  );
  return issues.length === 0 ? { ok: true } : { ok: false, issues };
}

/** Throws TWIN_E_SCHEMA naming the first issues (all of them in `details.issues`) unless the problem is valid. */
export function assertMilpProblem(problem: unknown, caller: string): asserts problem is MilpProblem {
  const valid = validateMilpProblem(problem);
  if (!valid.ok)
    throw new TwinError('TWIN_E_SCHEMA', `${caller}: bad problem: ${valid.issues.slice(0, 10).join('; ')}`, {
      issues: valid.issues,
    });
}
