// Operators as a second resource. An operation with a skill holds one operator who has it over a wall-clock
// segment: from the start of its setup to the start of its work ('setup'; nothing when it needs no setup)
// or to its end ('whole', the default). The operator is held over the whole segment, machine pauses
// included (no one else may book them in it), and must be on shift wherever the machine works in it: a
// break both take pauses the work, but the machine may not work on while its operator is off. The placement
// moves the segment past each obstacle (the operator off shift, another booking) until it fits; since
// placing later never makes a segment start or end earlier, every skipped start would meet the same obstacle.
import { OpenIntervals } from '../../twin/calendar-intervals.js';
import { OperatorTimeline } from './operator-timeline.js';
import { newPlacement, place, type Placement } from './placement.js';
import type { ProductionProblem } from './problem.js';

export interface CompiledCrew {
  /** Operators; `shift[w]` is when operator w is on shift, in [0, horizon). */
  readonly count: number;
  readonly shift: OpenIntervals[];
  readonly skills: readonly string[];
  /** Operators with skill s: `skillOperators[skillStart[s] .. skillStart[s + 1] - 1]`, fewest skills first,
   * then by index (the order in which ties are broken). */
  readonly skillStart: Int32Array;
  readonly skillOperators: Int32Array;
  /** `has[w * skills.length + s]`: operator w has skill s. */
  readonly has: Uint8Array;
  /** Per global operation: its skill (-1: needs no operator), whether it holds the operator to its end, and
   * the operator a pin keeps (-1: none named), the one a free operation prefers (-1: none, or not skilled). */
  readonly opSkill: Int32Array;
  readonly opWhole: Uint8Array;
  readonly pinOperator: Int32Array;
  readonly preferred: Int32Array;
}

/** Operator w's time on shift in [0, horizon): what its unavailable windows leave. */
export function operatorShift(problem: ProductionProblem, w: number): OpenIntervals {
  const windows = problem.operators?.[w]?.unavailable ?? [];
  const all = OpenIntervals.fromPairs([[0, problem.horizon]]);
  if (windows.length === 0) return all;
  return all.subtract(OpenIntervals.fromPairs(windows.map((x) => [x.start, x.end] as const)));
}

export function compileCrew(problem: ProductionProblem, n: number): CompiledCrew {
  const operators = problem.operators ?? [];
  const skillIndex = new Map<string, number>();
  const skillOf = (label: string) => {
    let s = skillIndex.get(label);
    if (s === undefined) skillIndex.set(label, (s = skillIndex.size));
    return s;
  };
  for (const w of operators) for (const label of w.skills) skillOf(label);
  const opSkill = new Int32Array(n).fill(-1);
  const opWhole = new Uint8Array(n);
  const pinOperator = new Int32Array(n).fill(-1);
  const preferred = new Int32Array(n).fill(-1);
  let o = 0;
  for (const job of problem.jobs)
    for (const op of job.operations) {
      if (op.skill !== undefined) {
        opSkill[o] = skillOf(op.skill);
        opWhole[o] = op.operatorFor === 'setup' ? 0 : 1;
      }
      pinOperator[o] = op.pin?.operator ?? -1;
      preferred[o] = op.preferOperator ?? -1;
      o++;
    }
  const skills = [...skillIndex.keys()];
  const S = skills.length;
  const has = new Uint8Array(operators.length * S);
  operators.forEach((w, i) => w.skills.forEach((label) => (has[i * S + skillIndex.get(label)!] = 1)));
  const rank = operators
    .map((_, i) => i)
    .sort((a, b) => operators[a]!.skills.length - operators[b]!.skills.length || a - b);
  // A preference for an operator without the skill (or unknown) is no preference.
  for (let i = 0; i < n; i++) {
    const w = preferred[i]!;
    if (w >= 0 && (opSkill[i]! < 0 || w >= operators.length || !has[w * S + opSkill[i]!])) preferred[i] = -1;
  }
  const skillStart = new Int32Array(S + 1);
  const list: number[] = [];
  for (let s = 0; s < S; s++) {
    skillStart[s] = list.length;
    for (const w of rank) if (has[w * S + s]) list.push(w);
  }
  skillStart[S] = list.length;
  return {
    count: operators.length,
    shift: operators.map((_, w) => operatorShift(problem, w)),
    skills,
    skillStart,
    skillOperators: Int32Array.from(list),
    has,
    opSkill,
    opWhole,
    pinOperator,
    preferred,
  };
}

/** Whether operation o holds an operator given its setup and work seconds (a segment of positive length). */
function needsOperator(crew: CompiledCrew, o: number, setup: number, work: number): boolean {
  if (crew.opSkill[o]! < 0) return false;
  return crew.opWhole[o] ? setup + work > 0 : setup > 0;
}

/** End of the segment operation o holds its operator over, given its setup start, start and end. */
export function holdEnd(crew: CompiledCrew, o: number, start: number, end: number): number {
  return crew.opWhole[o] ? end : start;
}

/** The first instant of [a, b) at which the machine is open and the operator off shift; b when none is. */
function firstUncovered(machineOpen: OpenIntervals, shift: OpenIntervals, a: number, b: number): number {
  const bounds = machineOpen.bounds;
  for (let i = machineOpen.firstEndingAfter(a); 2 * i < bounds.length && bounds[2 * i]! < b; i++) {
    const x = Math.max(a, bounds[2 * i]!);
    const y = Math.min(b, bounds[2 * i + 1]!);
    const close = shift.nextClose(x);
    if (close < y) return close;
  }
  return b;
}

/**
 * The earliest placement from `earliest` on with operator w held over its segment (fails as `place` does,
 * also when w's shifts run out).
 */
function placeWithOperator(
  machineOpen: OpenIntervals,
  mayPause: boolean,
  earliest: number,
  setup: number,
  work: number,
  whole: boolean,
  shift: OpenIntervals,
  timeline: OperatorTimeline,
  w: number,
  out: Placement,
): Placement {
  let t = earliest;
  for (;;) {
    place(machineOpen, mayPause, t, setup, work, out);
    if (out.end === Infinity) return out;
    const a = out.setupStart;
    const b = whole ? out.end : out.start;
    const off = firstUncovered(machineOpen, shift, a, b);
    if (off < b) {
      t = shift.nextOpen(off);
    } else {
      const busy = timeline.conflictEnd(w, a, b);
      if (busy < 0) return out;
      t = busy;
    }
    if (t === Infinity) {
      out.setupStart = out.start = out.end = Infinity;
      return out;
    }
  }
}

/** Whether operator w is free in `timeline` over [a, b) and on shift wherever `machineOpen` is open in it. */
export function freeOnShift(
  crew: CompiledCrew,
  timeline: OperatorTimeline,
  w: number,
  machineOpen: OpenIntervals,
  a: number,
  b: number,
): boolean {
  return timeline.conflictEnd(w, a, b) < 0 && firstUncovered(machineOpen, crew.shift[w]!, a, b) >= b;
}

/**
 * For a pinned operation holding [a, b) on a machine with open time `machineOpen`: the operator it keeps,
 * else the first skilled one free and on shift over it, else the first skilled one free, else the first
 * skilled one (the checkers then name the conflict); -1 when nobody has the skill.
 */
export function pinnedOperator(
  crew: CompiledCrew,
  timeline: OperatorTimeline,
  o: number,
  machineOpen: OpenIntervals,
  a: number,
  b: number,
): number {
  if (crew.pinOperator[o]! >= 0) return crew.pinOperator[o]!;
  const s = crew.opSkill[o]!;
  const from = crew.skillStart[s]!;
  const to = crew.skillStart[s + 1]!;
  for (let i = from; i < to; i++)
    if (freeOnShift(crew, timeline, crew.skillOperators[i]!, machineOpen, a, b))
      return crew.skillOperators[i]!;
  for (let i = from; i < to; i++)
    if (timeline.conflictEnd(crew.skillOperators[i]!, a, b) < 0) return crew.skillOperators[i]!;
  return to > from ? crew.skillOperators[from]! : -1;
}

/** The operator timeline a decode books into, a scratch placement, and the operator the last placement took. */
export interface CrewState {
  readonly timeline: OperatorTimeline;
  readonly scratch: Placement;
  /** Set by `placeOperation`: the operator the placement holds, -1 for none. */
  operator: number;
}

export function newCrewState(crew: CompiledCrew): CrewState {
  return { timeline: new OperatorTimeline(crew.count), scratch: newPlacement(), operator: -1 };
}

/**
 * How much later a free operation may end with the operator the plan in force gave it than with another,
 * and still keep it: a repair then does not take another's operator for a small gain and push that one's
 * operations later in turn (the repair objective weighs a moved operation as an hour of tardiness).
 */
const PREFERRED_SLACK_S = 3600;

/**
 * Places operation o (`place` when it needs no operator); else with the skilled operator that lets it end
 * first (ties: start first, then the order of `skillOperators`), unless its preferred operator ends within
 * PREFERRED_SLACK_S of that. Fails when no operator fits before the horizon.
 */
export function placeOperation(
  crew: CompiledCrew,
  state: CrewState,
  o: number,
  machineOpen: OpenIntervals,
  mayPause: boolean,
  earliest: number,
  setup: number,
  work: number,
  out: Placement,
): Placement {
  state.operator = -1;
  place(machineOpen, mayPause, earliest, setup, work, out);
  if (out.end === Infinity || !needsOperator(crew, o, setup, work)) return out;
  // Without operators the machine alone would allow `floor`; an operator who allows it is the best.
  const floor = out.end;
  const s = crew.opSkill[o]!;
  const q = state.scratch;
  const preferred = crew.preferred[o]!;
  let prefSetupStart = Infinity;
  let prefStart = Infinity;
  let prefEnd = Infinity;
  if (preferred >= 0) {
    placeWith(crew, state, o, preferred, machineOpen, mayPause, earliest, setup, work, q);
    if (q.end <= floor) {
      state.operator = preferred;
      return copy(q, out);
    }
    prefSetupStart = q.setupStart;
    prefStart = q.start;
    prefEnd = q.end;
  }
  out.setupStart = out.start = out.end = Infinity;
  for (let i = crew.skillStart[s]!; i < crew.skillStart[s + 1]!; i++) {
    const w = crew.skillOperators[i]!;
    if (w === preferred) continue;
    placeWith(crew, state, o, w, machineOpen, mayPause, earliest, setup, work, q);
    if (q.end < out.end || (q.end === out.end && q.start < out.start)) {
      copy(q, out);
      state.operator = w;
      if (q.end <= floor) break;
    }
  }
  if (prefEnd < Infinity && prefEnd <= out.end + PREFERRED_SLACK_S) {
    out.setupStart = prefSetupStart;
    out.start = prefStart;
    out.end = prefEnd;
    state.operator = preferred;
  }
  return out;
}

/** `placeWithOperator` for operation o with operator w's shift and the decode's timeline, into `q`. */
function placeWith(
  crew: CompiledCrew,
  state: CrewState,
  o: number,
  w: number,
  machineOpen: OpenIntervals,
  mayPause: boolean,
  earliest: number,
  setup: number,
  work: number,
  q: Placement,
): Placement {
  const whole = crew.opWhole[o] === 1;
  return placeWithOperator(
    machineOpen,
    mayPause,
    earliest,
    setup,
    work,
    whole,
    crew.shift[w]!,
    state.timeline,
    w,
    q,
  );
}

function copy(from: Placement, to: Placement): Placement {
  to.setupStart = from.setupStart;
  to.start = from.start;
  to.end = from.end;
  return to;
}
