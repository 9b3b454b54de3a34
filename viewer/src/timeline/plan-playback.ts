import type { WindowMs } from '../api/types.js';
import type { MachineAt } from '../store/state.js';
import { upperBound } from './replay.js';

/** One machine's planned work, sorted by setup start; times in epoch ms. */
interface MachineTrack {
  id: string;
  /** Setup start (= start when there is no setup), ascending. */
  setupStart: Float64Array;
  start: Float64Array;
  end: Float64Array;
  orders: string[];
  /** Maintenance windows sorted by start. */
  maintStart: Float64Array;
  maintEnd: Float64Array;
}

/** The active plan played forward: built once per plan, then O(machines · log n) per time asked. */
export interface PlanPlayback {
  planId: string;
  startMs: number;
  endMs: number;
  machines: MachineTrack[];
  /** First (setup) start and last end per order, each sorted on its own for counting. */
  orderStarts: Float64Array;
  orderEnds: Float64Array;
  /** Due time of each order that will be late (planned end after due), sorted. */
  lateFrom: Float64Array;
  orders: number;
}

export interface PlaybackKpis {
  runningShare: number;
  setupShare: number;
  /** Orders started and not finished. */
  wip: number;
  finished: number;
  /** Orders past their due time and not finished by then (late so far). */
  late: number;
}

export interface PlaybackInput {
  /** A plan (or just what playback needs of one: its epoch and the assignments' times). */
  plan: {
    id: string;
    epochMs: number;
    assignments: readonly { order: string; machine: string; startS: number; endS: number; setupS?: number }[];
  };
  /** Every machine to show (those without work are idle), with its maintenance windows. */
  machines: readonly { id: string; maintenance?: readonly WindowMs[] }[];
  /** Due time per order, epoch ms. */
  dueMs: Readonly<Record<string, number | undefined>>;
}

export function buildPlayback({ plan, machines, dueMs }: PlaybackInput): PlanPlayback {
  const byMachine = new Map<string, number[]>();
  for (const m of machines) byMachine.set(m.id, []);
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  let startMs = Infinity;
  let endMs = -Infinity;
  const a = plan.assignments;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    let list = byMachine.get(x.machine);
    if (!list) byMachine.set(x.machine, (list = []));
    list.push(i);
    const s = plan.epochMs + (x.startS - (x.setupS ?? 0)) * 1000;
    const e = plan.epochMs + x.endS * 1000;
    if (s < startMs) startMs = s;
    if (e > endMs) endMs = e;
    if (!(first.get(x.order)! <= s)) first.set(x.order, s);
    if (!(last.get(x.order)! >= e)) last.set(x.order, e);
  }
  const maint = new Map(machines.map((m) => [m.id, m.maintenance ?? []]));
  const tracks: MachineTrack[] = [];
  for (const [id, indices] of byMachine) {
    const setupStartOf = (i: number): number => a[i]!.startS - (a[i]!.setupS ?? 0);
    indices.sort((p, q) => setupStartOf(p) - setupStartOf(q));
    const windows = [...(maint.get(id) ?? [])].sort((p, q) => p.startMs - q.startMs);
    tracks.push({
      id,
      setupStart: Float64Array.from(indices, (i) => plan.epochMs + setupStartOf(i) * 1000),
      start: Float64Array.from(indices, (i) => plan.epochMs + a[i]!.startS * 1000),
      end: Float64Array.from(indices, (i) => plan.epochMs + a[i]!.endS * 1000),
      orders: indices.map((i) => a[i]!.order),
      maintStart: Float64Array.from(windows, (w) => w.startMs),
      maintEnd: Float64Array.from(windows, (w) => w.endMs),
    });
  }
  const late: number[] = [];
  for (const [order, end] of last) {
    const due = dueMs[order];
    if (due !== undefined && end > due) late.push(due);
  }
  const sortNum = (x: Float64Array): Float64Array => x.sort();
  return {
    planId: plan.id,
    startMs: Number.isFinite(startMs) ? startMs : plan.epochMs,
    endMs: Number.isFinite(endMs) ? endMs : plan.epochMs,
    machines: tracks,
    orderStarts: sortNum(Float64Array.from(first.values())),
    orderEnds: sortNum(Float64Array.from(last.values())),
    lateFrom: sortNum(Float64Array.from(late)),
    orders: first.size,
  };
}

/**
 * A machine at time t: setup during [start − setup, start), running during [start, end) with the order,
 * maintenance inside a maintenance window, else idle. Assignments of one machine do not overlap (the plan
 * checker rejects that), so the last one that began by t is the only candidate.
 */
export function trackAt(m: MachineTrack, t: number): MachineAt {
  const k = upperBound(m.setupStart, t) - 1;
  if (k >= 0 && t < m.end[k]!) {
    return { state: t < m.start[k]! ? 'setup' : 'running', order: m.orders[k]! };
  }
  const w = upperBound(m.maintStart, t) - 1;
  if (w >= 0 && t < m.maintEnd[w]!) return { state: 'maintenance' };
  return { state: 'idle' };
}

export function playbackAt(p: PlanPlayback, t: number): Record<string, MachineAt> {
  const out: Record<string, MachineAt> = {};
  for (const m of p.machines) out[m.id] = trackAt(m, t);
  return out;
}

/** Counts at t (`machines` is `playbackAt(p, t)`, passed in so a caller computes it once). */
export function playbackKpis(
  p: PlanPlayback,
  machines: Readonly<Record<string, MachineAt>>,
  t: number,
): PlaybackKpis {
  let n = 0;
  let running = 0;
  let setup = 0;
  for (const id in machines) {
    const s = machines[id]!.state;
    n++;
    if (s === 'running') running++;
    else if (s === 'setup') setup++;
  }
  // Half-open: an order whose last operation ends at t is finished at t.
  const started = upperBound(p.orderStarts, t);
  const finished = upperBound(p.orderEnds, t);
  return {
    runningShare: n === 0 ? 0 : running / n,
    setupShare: n === 0 ? 0 : setup / n,
    wip: started - finished,
    finished,
    late: lowerBound(p.lateFrom, t),
  };
}

/** Number of elements < t. */
function lowerBound(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
