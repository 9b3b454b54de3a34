import { parseTransition } from '../api/twin-event.js';
import type { ShopFloorState, TwinEvent } from '../api/types.js';
import type { MachineAt } from '../store/state.js';

const NO_ORDER = '—';

/** What a machine does now (its live state and order): replay walks back from here. */
export interface LiveMachine {
  state: ShopFloorState;
  order?: string;
}

/** Per machine, its changes in time order: state changes (before, after) and order changes (value after). */
interface MachineChanges {
  id: string;
  live: LiveMachine;
  stateTimes: Float64Array;
  statesBefore: ShopFloorState[];
  statesAfter: ShopFloorState[];
  orderTimes: Float64Array;
  ordersAfter: (string | undefined)[];
}

/** Built once from the event log; answers "what did every machine do at t" with a binary search per machine. */
export interface ReplayIndex {
  /** Plant time of the live state the index walks back from. */
  nowMs: number;
  /** Time of the oldest event used (the log says nothing about earlier moments); nowMs when there is none. */
  coverageStartMs: number;
  /** Events that could not be read (unknown state, malformed detail). */
  skipped: number;
  machines: MachineChanges[];
}

/** KPIs derivable from the event log at a past time. */
export interface ReplayKpis {
  runningShare: number;
  wip: number;
  down: number;
}

interface Pending {
  st: number[];
  sb: ShopFloorState[];
  sa: ShopFloorState[];
  ot: number[];
  oa: (string | undefined)[];
}

/**
 * Index the event log (any order) against the live machines at `nowMs`. A state event reads 'before → after';
 * a job event reads 'order <id>' ('order —' when the machine let go of its order). Events after `nowMs` are
 * ignored (they are not in the live state yet), as are events of machines the live state does not know.
 */
export function buildReplayIndex(
  live: Readonly<Record<string, LiveMachine>>,
  events: readonly TwinEvent[],
  nowMs: number,
): ReplayIndex {
  const sorted = events.filter((e) => e.atMs <= nowMs).sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
  const pending = new Map<string, Pending>();
  let skipped = 0;
  let coverageStartMs = nowMs;
  for (const e of sorted) {
    if (!(e.asset in live)) continue;
    let p = pending.get(e.asset);
    if (e.kind === 'state') {
      const transition = parseTransition(e.detail);
      if (!transition) {
        skipped++;
        continue;
      }
      p ??= newPending(pending, e.asset);
      p.st.push(e.atMs);
      p.sb.push(transition.from);
      p.sa.push(transition.to);
    } else if (e.kind === 'job') {
      if (!e.detail.startsWith('order ')) continue; // 'operation …' changes do not show in the replay
      const value = e.detail.slice('order '.length).trim();
      if (value === '') {
        skipped++;
        continue;
      }
      p ??= newPending(pending, e.asset);
      p.ot.push(e.atMs);
      p.oa.push(value === NO_ORDER ? undefined : value);
    } else continue;
    if (e.atMs < coverageStartMs) coverageStartMs = e.atMs;
  }
  const machines: MachineChanges[] = [];
  for (const [id, m] of Object.entries(live)) {
    const p = pending.get(id);
    machines.push({
      id,
      live: m,
      stateTimes: Float64Array.from(p?.st ?? []),
      statesBefore: p?.sb ?? [],
      statesAfter: p?.sa ?? [],
      orderTimes: Float64Array.from(p?.ot ?? []),
      ordersAfter: p?.oa ?? [],
    });
  }
  return { nowMs, coverageStartMs, skipped, machines };
}

function newPending(map: Map<string, Pending>, id: string): Pending {
  const p: Pending = { st: [], sb: [], sa: [], ot: [], oa: [] };
  map.set(id, p);
  return p;
}

/** Index of the first element > t (elements sorted ascending). */
export function upperBound(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One machine at time t. State: the 'before' of the first change after t (the machine stayed in it until
 * then), else the live state. Order: the value of the last order change at or before t; before the oldest
 * logged change the order is unknown and shown as none; with no logged change at all, the live order.
 */
export function machineAt(m: MachineChanges, t: number): MachineAt {
  const s = upperBound(m.stateTimes, t);
  const state = s < m.stateTimes.length ? m.statesBefore[s]! : m.live.state;
  let order: string | undefined;
  if (m.orderTimes.length === 0) order = m.live.order;
  else {
    const o = upperBound(m.orderTimes, t);
    order = o > 0 ? m.ordersAfter[o - 1] : undefined;
  }
  return order === undefined ? { state } : { state, order };
}

/** Every machine at time t (a new record: the store gets a new object per scrub position). */
export function machinesAt(index: ReplayIndex, t: number): Record<string, MachineAt> {
  const out: Record<string, MachineAt> = {};
  for (const m of index.machines) out[m.id] = t >= index.nowMs ? liveAt(m) : machineAt(m, t);
  return out;
}

function liveAt(m: MachineChanges): MachineAt {
  return m.live.order === undefined ? { state: m.live.state } : { state: m.live.state, order: m.live.order };
}

/** Share of machines running, WIP (machines holding an order) and machines down, from a `machinesAt` result. */
export function replayKpis(machines: Readonly<Record<string, MachineAt>>): ReplayKpis {
  let n = 0;
  let running = 0;
  let wip = 0;
  let down = 0;
  for (const id in machines) {
    const m = machines[id]!;
    n++;
    if (m.state === 'running') running++;
    if (m.state === 'down') down++;
    if (m.order !== undefined) wip++;
  }
  return { runningShare: n === 0 ? 0 : running / n, wip, down };
}
