import type { MachineView, StreamMessage, TwinDelta, TwinKpis, TwinSnapshot } from '../api/types.js';
import { KPI_TREND_POINTS, type KpiSample, type ViewerState } from './state.js';

/** Apply one stream message; pure: returns the changed part of the state (or nothing). */
export function applyMessage(state: ViewerState, message: StreamMessage): Partial<ViewerState> {
  // A message the client already has (a resume that overlaps) changes nothing.
  if (message.type !== 'hello' && message.type !== 'resync' && message.seq <= state.lastSeq) return {};
  const base = { lastSeq: message.seq, nowMs: Math.max(state.nowMs, message.atMs) };
  switch (message.type) {
    case 'hello':
    case 'resync':
      return { ...applySnapshot(state, message.data), lastSeq: message.seq };
    case 'twin':
      return { ...base, ...applyDeltas(state, message.data) };
    case 'kpis':
      return { ...base, ...applyKpis(state, message.data.kpis, message.data.atMs) };
    case 'alarm':
      return { ...base, alarms: message.data };
    case 'job':
      return { ...base, jobs: { ...state.jobs, [message.data.id]: message.data } };
    case 'plan': {
      const plan = message.data;
      const plans = { ...state.plans, [plan.id]: plan };
      const activePlanRef = plan.active ? { id: plan.id, version: plan.version } : state.activePlanRef;
      return { ...base, plans, ...(activePlanRef && { activePlanRef }) };
    }
    case 'dispatch':
      return { ...base, dispatch: { ...state.dispatch, [message.data.machine]: message.data } };
  }
}

/** The whole twin anew (first connection, or a resume the server could no longer serve). */
export function applySnapshot(state: ViewerState, snapshot: TwinSnapshot): Partial<ViewerState> {
  const machines: Record<string, MachineView> = {};
  for (const m of snapshot.machines) machines[m.id] = m;
  return {
    nowMs: snapshot.atMs,
    machines,
    machinesVersion: state.machinesVersion + 1,
    alarms: snapshot.alarms,
    ...(snapshot.activePlan && { activePlanRef: snapshot.activePlan }),
    ...applyKpis(state, snapshot.kpis, snapshot.atMs),
  };
}

/** Machine changes of one batch; machines the batch does not touch keep their object (cheap to compare). */
export function applyDeltas(state: ViewerState, deltas: readonly TwinDelta[]): Partial<ViewerState> {
  if (deltas.length === 0) return {};
  const machines = { ...state.machines };
  let changed = false;
  for (const d of deltas) {
    const before = machines[d.machine];
    if (!before) continue; // a machine the layout does not know: the next snapshot brings it
    const next: MachineView = { ...before };
    if (d.state !== undefined && d.state !== before.state) {
      next.state = d.state;
      next.sinceMs = d.atMs;
    }
    if (d.order !== undefined) {
      if (d.order === null) delete next.order;
      else next.order = d.order;
    }
    if (d.operation !== undefined) {
      if (d.operation === null) delete next.operation;
      else next.operation = d.operation;
    }
    if (d.partCount !== undefined) next.partCount = d.partCount;
    if (d.scrapCount !== undefined) next.scrapCount = d.scrapCount;
    if (d.quality !== undefined) next.quality = d.quality;
    if (d.signal) {
      next.signals = {
        ...next.signals,
        [d.signal.name]: { value: d.signal.value, quality: next.quality, ts: d.atMs },
      };
    }
    machines[d.machine] = next;
    changed = true;
  }
  return changed ? { machines, machinesVersion: state.machinesVersion + 1 } : {};
}

/** New KPIs, and a point on their trend (one per distinct time, oldest dropped past the bound). */
export function applyKpis(state: ViewerState, kpis: TwinKpis, atMs: number): Partial<ViewerState> {
  const sample: KpiSample = {
    atMs,
    oee: kpis.oee.oee,
    throughputPerHour: kpis.throughputPerHour,
    wip: kpis.wip,
    powerKw: kpis.powerKw,
    energyKwh: kpis.energyKwh,
  };
  const last = state.kpiTrend[state.kpiTrend.length - 1];
  const trend = last && last.atMs >= atMs ? state.kpiTrend.slice(0, -1) : state.kpiTrend.slice();
  if (last && last.atMs > atMs) return { kpis }; // an older figure than the trend holds: keep the trend
  trend.push(sample);
  if (trend.length > KPI_TREND_POINTS) trend.splice(0, trend.length - KPI_TREND_POINTS);
  return { kpis, kpiTrend: trend };
}
