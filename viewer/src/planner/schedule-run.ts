import type { ApiClient } from '../api/client.js';
import type { Plan, PlanSummary } from '../api/types.js';
import { plannerStore, type PlanValidationView } from './planner-store.js';
import { TERMINAL, errorText, poll } from './poll.js';

export type Objective = 'makespan' | 'tardiness' | 'lateOrders';
export const OBJECTIVES: readonly Objective[] = ['makespan', 'tardiness', 'lateOrders'];

interface ScheduleView {
  id: string;
  status: string;
  progress?: { elapsedS?: number; bestObjective?: number };
  error?: { code: string; message: string };
  plan?: PlanSummary;
  validation?: PlanValidationView;
}

const POLL_MS = 500;
/** The follow in progress: one reschedule is followed at a time, and it outlives the panel (tab switches). */
let stopCurrent: (() => void) | undefined;

/**
 * Ask for a reschedule and follow the job (the stream's job messages show progress too; polling makes sure
 * the end is seen), then fetch the new plan with its assignments for the A/B view. Starting another one stops following this one; returns a stop function.
 */
export function startSchedule(api: ApiClient, objective: Objective, timeBudgetS: number): () => void {
  stopCurrent?.();
  let stop: () => void = () => {};
  let cancelled = false;
  const fail = (e: unknown): void => {
    if (cancelled) return;
    const s = plannerStore.getState().schedule;
    plannerStore.setState({ schedule: { job: s?.job ?? '', status: 'failed', error: errorText(e) } });
  };
  plannerStore.setState({ schedule: { job: '', status: 'queued' } });
  api
    .post<{ id: string }>('/api/schedules', { objective, timeBudgetS, detail: 'viewer' })
    .then((job) => {
      if (cancelled) return;
      plannerStore.setState({ schedule: { job: job.id, status: 'queued' } });
      stop = poll(
        async () => {
          const v = await api.get<ScheduleView>(`/api/schedules/${encodeURIComponent(job.id)}`);
          if (cancelled) return true;
          plannerStore.setState({
            schedule: {
              job: job.id,
              status: v.status,
              ...(v.progress?.elapsedS !== undefined && { elapsedS: v.progress.elapsedS }),
              ...(v.progress?.bestObjective !== undefined && { bestObjective: v.progress.bestObjective }),
              ...(v.error && { error: v.error.message }),
              ...(v.plan && { plan: v.plan }),
              ...(v.validation && { validation: v.validation }),
            },
          });
          if (v.plan) {
            const full = await api.get<{ plan: Plan }>(`/api/plans/${encodeURIComponent(v.plan.id)}`);
            if (!cancelled) plannerStore.setState({ planB: full.plan });
          }
          return TERMINAL.has(v.status);
        },
        POLL_MS,
        fail,
      );
    })
    .catch(fail);
  stopCurrent = () => {
    cancelled = true;
    stop();
  };
  return stopCurrent;
}
