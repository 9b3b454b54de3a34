// What a production plan is judged by: makespan, total weighted tardiness, number of late orders, and
// stability against a previous plan (operations moved beyond a tolerance, machine changes), combined with
// weights or lexicographically as configured. One evaluator computes all of them for any schedule.
import Type, { type Static } from 'typebox';
import { StringEnum } from '../../twin/schema/string-enum.js';
import type { CompiledProduction } from './compiled.js';
import type { Schedule } from './decode.js';

export const CRITERIA = ['makespan', 'tardiness', 'late', 'moved', 'machineChanges'] as const;
export type Criterion = (typeof CRITERIA)[number];

const CriterionSchema = StringEnum(CRITERIA, 'an objective criterion');
const Weight = Type.Optional(Type.Number({ minimum: 0 }));

export const ObjectiveSpec = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('weighted'),
      /** Per criterion, what one unit costs: seconds of makespan or weighted tardiness, one late order, one
       * moved operation, one machine change. */
      weights: Type.Object(
        { makespan: Weight, tardiness: Weight, late: Weight, moved: Weight, machineChanges: Weight },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('lexicographic'),
      order: Type.Array(CriterionSchema, { minItems: 1, uniqueItems: true }),
    },
    { additionalProperties: false },
  ),
]);
export type ObjectiveSpec = Static<typeof ObjectiveSpec>;

/** Default for a plan from scratch: due dates first, then fewer late orders, then a short makespan. */
export const DEFAULT_OBJECTIVE: ObjectiveSpec = {
  kind: 'lexicographic',
  order: ['tardiness', 'late', 'makespan'],
};

/** Default for a repair: one moved operation or machine change costs as much as an hour of weighted tardiness. */
export const DEFAULT_REPAIR_OBJECTIVE: ObjectiveSpec = {
  kind: 'weighted',
  weights: { tardiness: 1, late: 3600, moved: 3600, machineChanges: 3600, makespan: 0.01 },
};

export interface ObjectiveValues {
  makespan: number;
  /** Σ weight × max(0, completion − due), seconds. */
  weightedTardiness: number;
  lateOrders: number;
  /** Operations whose start moved by more than the tolerance against the reference (new ones count not). */
  moved: number;
  machineChanges: number;
  /** Σ weight × completion: a tie-breaker that keeps the search moving on plateaus. */
  weightedCompletion: number;
}

/** The previous plan, per global operation index: its start (NaN when new) and machine (-1 when new). */
export interface StabilityReference {
  start: Float64Array;
  machine: Int32Array;
  /** Starts that differ by at most this many seconds count as not moved. */
  toleranceS: number;
}

/** A completion later than the due date by more than this counts as late (float noise is not lateness). */
const LATE_EPS = 1e-6;

export function newValues(): ObjectiveValues {
  return {
    makespan: 0,
    weightedTardiness: 0,
    lateOrders: 0,
    moved: 0,
    machineChanges: 0,
    weightedCompletion: 0,
  };
}

export function evaluate(
  cp: CompiledProduction,
  s: Schedule,
  reference?: StabilityReference,
  out: ObjectiveValues = newValues(),
): ObjectiveValues {
  let makespan = 0;
  let tardiness = 0;
  let late = 0;
  let completion = 0;
  for (let j = 0; j < cp.jobCount; j++) {
    const last = cp.jobStart[j + 1]! - 1;
    if (last < cp.jobStart[j]!) continue;
    const c = s.end[last]!;
    if (c > makespan) makespan = c;
    completion += cp.weight[j]! * c;
    const due = cp.due[j]!;
    if (c > due + LATE_EPS) {
      tardiness += cp.weight[j]! * (c - due);
      late++;
    }
  }
  let moved = 0;
  let changes = 0;
  if (reference) {
    for (let o = 0; o < cp.n; o++) {
      const before = reference.start[o]!;
      if (Number.isNaN(before)) continue;
      if (Math.abs(s.start[o]! - before) > reference.toleranceS) moved++;
      if (cp.stationMachine[s.station[o]!] !== reference.machine[o]) changes++;
    }
  }
  out.makespan = makespan;
  out.weightedTardiness = tardiness;
  out.lateOrders = late;
  out.moved = moved;
  out.machineChanges = changes;
  out.weightedCompletion = completion;
  return out;
}

export function criterionValue(v: ObjectiveValues, c: Criterion): number {
  switch (c) {
    case 'makespan':
      return v.makespan;
    case 'tardiness':
      return v.weightedTardiness;
    case 'late':
      return v.lateOrders;
    case 'moved':
      return v.moved;
    case 'machineChanges':
      return v.machineChanges;
  }
}

/** Length of the comparison key of a spec. */
export function keyLength(spec: ObjectiveSpec): number {
  return spec.kind === 'weighted' ? 2 : spec.order.length + 1;
}

/** The comparison key of values under a spec (smaller is better), written into `out`. */
export function objectiveKey(spec: ObjectiveSpec, v: ObjectiveValues, out: Float64Array): Float64Array {
  if (spec.kind === 'weighted') {
    let sum = 0;
    for (const c of CRITERIA) sum += (spec.weights[c] ?? 0) * criterionValue(v, c);
    out[0] = sum;
  } else for (let i = 0; i < spec.order.length; i++) out[i] = criterionValue(v, spec.order[i]!);
  out[out.length - 1] = v.weightedCompletion;
  return out;
}

/** -1 when key a is better than b, 1 when worse, 0 when equal up to a relative 1e-9. */
export function compareKeys(a: Float64Array, b: Float64Array): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return x < y ? -1 : 1;
    if (Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y))) continue;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** A readable spec: `lexicographic tardiness > late > makespan` or `weighted 1×tardiness + 3600×moved`. */
export function describeObjective(spec: ObjectiveSpec): string {
  if (spec.kind === 'lexicographic') return `lexicographic ${spec.order.join(' > ')}`;
  const terms = CRITERIA.filter((c) => (spec.weights[c] ?? 0) > 0).map((c) => `${spec.weights[c]}×${c}`);
  return `weighted ${terms.join(' + ') || '0'}`;
}

const SHORTHANDS: Record<string, ObjectiveSpec> = {
  makespan: { kind: 'lexicographic', order: ['makespan', 'tardiness'] },
  tardiness: DEFAULT_OBJECTIVE,
  late: { kind: 'lexicographic', order: ['late', 'tardiness', 'makespan'] },
};

const isCriterion = (c: string): c is Criterion => (CRITERIA as readonly string[]).includes(c);

/**
 * An objective from a command line: `makespan`, `tardiness`, `late`, `lexicographic:tardiness,late,makespan`
 * or `weighted:tardiness=1,moved=3600`. Returns the reason when the text is not one of these.
 */
export function parseObjective(
  text: string,
): { ok: true; spec: ObjectiveSpec } | { ok: false; reason: string } {
  const shorthand = SHORTHANDS[text.trim()];
  if (shorthand) return { ok: true, spec: shorthand };
  const [kind, list = ''] = text.split(':', 2).map((s) => s.trim()) as [string, string?];
  const items = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const known = `criteria are ${CRITERIA.join(', ')}`;
  if (kind === 'lexicographic') {
    const bad = items.find((c) => !isCriterion(c));
    if (bad !== undefined || items.length === 0)
      return { ok: false, reason: bad ? `unknown criterion "${bad}" (${known})` : 'lists no criterion' };
    if (new Set(items).size !== items.length) return { ok: false, reason: 'names a criterion twice' };
    return { ok: true, spec: { kind, order: items as Criterion[] } };
  }
  if (kind === 'weighted') {
    const weights: Partial<Record<Criterion, number>> = {};
    for (const item of items) {
      const [c = '', w = ''] = item.split('=').map((s) => s.trim());
      const value = Number(w);
      if (!isCriterion(c)) return { ok: false, reason: `unknown criterion "${c}" (${known})` };
      if (w === '' || !Number.isFinite(value) || value < 0)
        return { ok: false, reason: `the weight of ${c} must be a number ≥ 0, found "${w}"` };
      weights[c] = value;
    }
    if (items.length === 0) return { ok: false, reason: 'lists no weight' };
    return { ok: true, spec: { kind, weights } };
  }
  return {
    ok: false,
    reason: `expected makespan, tardiness, late, lexicographic:<criteria> or weighted:<criterion=weight,…>, found "${text}"`,
  };
}
