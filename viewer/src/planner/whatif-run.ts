import type { ApiClient } from '../api/client.js';
import type { Edit } from '../../../scenarios/edits/schema.js';
import type { Comparison } from './compare-table.js';
import { plannerStore, type RunProgress } from './planner-store.js';
import { TERMINAL, errorText, poll } from './poll.js';

interface RunView {
  id: string;
  status: string;
  progress?: RunProgress;
  error?: { code: string; message: string };
}

const POLL_MS = 1000;
/** The experiment being followed: it outlives the panel (tab switches); a new one replaces it. */
let stopCurrent: (() => void) | undefined;

export interface WhatIfRequest {
  name: string;
  edits: Edit[];
  replications: number;
  seed: number;
}

/**
 * A what-if experiment: create the scenario, run it and the baseline with the same seed and replications
 * (common random numbers: the comparison is paired), follow both, then fetch the comparison. Progress goes to
 * the planner store. Returns a function that stops following.
 */
export function startWhatIf(api: ApiClient, req: WhatIfRequest): () => void {
  stopCurrent?.();
  let stop: () => void = () => {};
  let cancelled = false;
  const fail = (e: unknown): void => {
    if (!cancelled) plannerStore.setState({ whatIf: { phase: 'failed', message: errorText(e) } });
  };
  plannerStore.setState({ whatIf: { phase: 'creating' } });
  const body = { replications: req.replications, seed: req.seed };
  api
    .post<{ id: string }>('/api/scenarios', { name: req.name, base: 'baseline', edits: req.edits })
    .then(async (scenario) => {
      const [a, b] = await Promise.all([
        api.post<{ id: string }>('/api/scenarios/baseline/runs', body),
        api.post<{ id: string }>(`/api/scenarios/${encodeURIComponent(scenario.id)}/runs`, body),
      ]);
      if (cancelled) return;
      plannerStore.setState({ whatIf: { phase: 'running', scenario: scenario.id, a: a.id, b: b.id } });
      stop = poll(
        async () => {
          const [ra, rb] = await Promise.all([
            api.get<RunView>(`/api/runs/${encodeURIComponent(a.id)}`),
            api.get<RunView>(`/api/runs/${encodeURIComponent(b.id)}`),
          ]);
          const failed = [ra, rb].find((r) => r.status === 'failed' || r.status === 'cancelled');
          if (failed) throw new Error(failed.error?.message ?? failed.status);
          if (ra.status !== 'done' || rb.status !== 'done') {
            plannerStore.setState({
              whatIf: {
                phase: 'running',
                scenario: scenario.id,
                a: a.id,
                b: b.id,
                ...(ra.progress && { progressA: ra.progress }),
                ...(rb.progress && { progressB: rb.progress }),
              },
            });
            return TERMINAL.has(ra.status) && TERMINAL.has(rb.status);
          }
          plannerStore.setState({ whatIf: { phase: 'comparing', scenario: scenario.id, a: a.id, b: b.id } });
          const q = `a=${encodeURIComponent(a.id)}&b=${encodeURIComponent(b.id)}`;
          const comparison = await api.get<Comparison>(`/api/runs/compare?${q}`);
          if (!cancelled) {
            plannerStore.setState({
              whatIf: { phase: 'done', scenario: scenario.id, comparison, replications: req.replications },
            });
          }
          return true;
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
