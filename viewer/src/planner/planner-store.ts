import { createStore } from 'zustand/vanilla';
import type { Plan, PlanSummary } from '../api/types.js';
import type { Comparison } from './compare-table.js';

export interface RunProgress {
  done: number;
  total: number;
}

/** Where a what-if experiment is: runs of the baseline (a) and of the scenario (b), then their comparison. */
export type WhatIfRun =
  | { phase: 'idle' }
  | { phase: 'creating' }
  | {
      phase: 'running';
      scenario: string;
      a: string;
      b: string;
      progressA?: RunProgress;
      progressB?: RunProgress;
    }
  | { phase: 'comparing'; scenario: string; a: string; b: string }
  | { phase: 'done'; scenario: string; comparison: Comparison; replications: number }
  | { phase: 'failed'; message: string };

/** A reschedule job followed until its plan is there. */
export interface ScheduleFollow {
  job: string;
  status: string;
  elapsedS?: number;
  bestObjective?: number;
  error?: string;
  /** The new plan once the job is done (its status then follows the stream's plan messages). */
  plan?: PlanSummary;
  validation?: PlanValidationView;
}

/** What the plan checker said (connectors/service/contracts.ts PlanValidation, risk left out). */
export interface PlanValidationView {
  ok: boolean;
  violations: unknown[];
}

export interface PlannerState {
  whatIf: WhatIfRun;
  schedule?: ScheduleFollow;
  /** The plan the last reschedule made (plan B of the A/B view), with its assignments. */
  planB?: Plan;
}

/**
 * The planner's own state, outside the viewer store (whose fields belong to the stream) and outside React, so
 * a running experiment survives switching the side panel to another tab and back.
 */
export const plannerStore = createStore<PlannerState>(() => ({ whatIf: { phase: 'idle' } }));
