// The shapes the service sends. Types only come from the rest of the product (the viewer bundles none of it);
// shapes the service defines in connectors/ (which depend on Node) are restated here.
export type {
  Alarm,
  MachineView,
  Oee,
  SignalValue,
  TwinKpis,
  TwinSnapshot,
} from '../../../twin/schema/twin-snapshot.js';
export type { LayoutView, OrderView, WindowMs } from '../../../twin/schema/layout-view.js';
export type { Assignment, Plan, PlanStatus } from '../../../twin/schema/plan.js';
export type { ShopFloorState } from '../../../twin/schema/machine-state.js';
export type { TwinDelta, TwinEvent } from '../../../twin/store/twin-store.js';

import type { Alarm, TwinKpis, TwinSnapshot } from '../../../twin/schema/twin-snapshot.js';
import type { TwinDelta } from '../../../twin/store/twin-store.js';

export type Role = 'viewer' | 'planner' | 'operator' | 'admin';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** Progress of a schedule job (elapsedS, bestObjective) or of a what-if run (done of total). */
export interface JobProgress {
  elapsedS?: number;
  bestObjective?: number;
  iterations?: number;
  best?: { makespanS: number; weightedTardinessS: number; lateOrders: number };
  done?: number;
  total?: number;
}

export interface JobStatusMessage {
  id: string;
  kind: string;
  status: JobStatus;
  progress?: JobProgress;
}

export interface PlanSummary {
  id: string;
  version: number;
  parent?: string;
  status: string;
  trigger: { kind: string; detail?: string; atMs?: number };
  createdAtMs: number;
  operations: number;
  frozen: number;
  kpis: Record<string, number>;
  active: boolean;
}

export interface MachineDispatchState {
  machine: string;
  jobOrderId: string;
  status: 'pending' | 'acknowledged' | 'rejected' | 'timedOut';
  returnStatus?: number;
  reason?: string;
  attempts: number;
  updatedAtMs: number;
}

/** One message of `GET /api/stream`; `seq` grows by one per message. */
export type StreamMessage =
  | { seq: number; atMs: number; type: 'hello' | 'resync'; data: TwinSnapshot }
  | { seq: number; atMs: number; type: 'twin'; data: TwinDelta[] }
  | { seq: number; atMs: number; type: 'kpis'; data: { atMs: number; kpis: TwinKpis } }
  | { seq: number; atMs: number; type: 'alarm'; data: Alarm[] }
  | { seq: number; atMs: number; type: 'job'; data: JobStatusMessage }
  | { seq: number; atMs: number; type: 'plan'; data: PlanSummary }
  | { seq: number; atMs: number; type: 'dispatch'; data: MachineDispatchState & { plan: string } };
