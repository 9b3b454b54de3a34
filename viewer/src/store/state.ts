import type {
  Alarm,
  JobStatusMessage,
  LayoutView,
  MachineDispatchState,
  MachineView,
  OrderView,
  Plan,
  PlanSummary,
  Role,
  ShopFloorState,
  TwinKpis,
} from '../api/types.js';
import type { Locale } from '../i18n/messages.js';

export type Palette = 'colour' | 'isa101';
export type Connection = 'connecting' | 'open' | 'closed' | 'unauthorized';

/** One point of the KPI trend (kept in a bounded list). */
export interface KpiSample {
  atMs: number;
  oee: number;
  throughputPerHour: number;
  wip: number;
  powerKw: number;
  energyKwh: number;
}

/** What a machine shows at a moment other than now (replayed past or simulated future). */
export interface MachineAt {
  state: ShopFloorState;
  order?: string;
}

/**
 * Live (what the plant does now), replay (the recent past, from the event log) or future (the active plan
 * played forward). The scene, Gantt and KPI strip draw `timeView.machines` when not live.
 */
export type TimeView =
  | { mode: 'live' }
  | {
      mode: 'replay' | 'future';
      atMs: number;
      machines: Record<string, MachineAt>;
      kpis?: Partial<KpiSample>;
    };

export interface ViewerState {
  connection: Connection;
  /** Sequence number of the last stream message applied (the stream resumes after it). */
  lastSeq: number;
  /** Plant time of the last message, ms since the epoch. */
  nowMs: number;
  role?: Role;
  layout?: LayoutView;
  machines: Record<string, MachineView>;
  /** Bumped on every change of `machines`, so the scene can skip work when nothing moved. */
  machinesVersion: number;
  kpis?: TwinKpis;
  kpiTrend: KpiSample[];
  alarms: Alarm[];
  activePlanRef?: { id: string; version: number };
  /** The active plan with its assignments, fetched when the reference changes. */
  activePlan?: Plan;
  plans: Record<string, PlanSummary>;
  orders: Record<string, OrderView>;
  jobs: Record<string, JobStatusMessage>;
  dispatch: Record<string, MachineDispatchState & { plan: string }>;
  /** What the user picked (in the scene, the Gantt or a panel); the other views highlight it. */
  selection: { machine?: string; order?: string };
  /** Which tool the side panel shows. */
  sidePanel: 'machine' | 'order' | 'planner';
  hovered?: string;
  palette: Palette;
  locale: Locale;
  timeView: TimeView;
}

/** Points kept in the KPI trend (at one every 2 s, about 20 minutes). */
export const KPI_TREND_POINTS = 600;

export function initialState(locale: Locale): ViewerState {
  return {
    connection: 'connecting',
    lastSeq: 0,
    nowMs: 0,
    machines: {},
    machinesVersion: 0,
    kpiTrend: [],
    alarms: [],
    plans: {},
    orders: {},
    jobs: {},
    dispatch: {},
    selection: {},
    sidePanel: 'planner',
    palette: 'colour',
    locale,
    timeView: { mode: 'live' },
  };
}
