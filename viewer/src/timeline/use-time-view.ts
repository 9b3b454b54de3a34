import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TwinEvent } from '../api/types.js';
import { useSlice, useViewerContext } from '../store/context.js';
import { buildPlayback, playbackAt, playbackKpis, type PlanPlayback } from './plan-playback.js';
import { buildReplayIndex, machinesAt, replayKpis, type LiveMachine, type ReplayIndex } from './replay.js';
import { MAX_REPLAY_MS, modeAt } from './scrubber-model.js';

/** KPIs shown beside the scrubber at the time shown (the KPI strip reads `timeView.kpis`). */
export type ShownKpis =
  | { mode: 'replay'; runningShare: number; wip: number; down: number }
  | { mode: 'future'; runningShare: number; wip: number; finished: number; late: number };

interface EventsAnswer {
  dropped: number;
  events: TwinEvent[];
}

/**
 * Moves the store's `timeView` to a time: the replayed past (event log walked back from the live state) or the
 * active plan played forward. The event log is fetched when the user first goes back, and again when they go
 * to a moment newer than the loaded log.
 */
export function useTimeView() {
  const { store, api } = useViewerContext();
  const activePlan = useSlice((s) => s.activePlan);
  const layout = useSlice((s) => s.layout);
  const orders = useSlice((s) => s.orders);
  const [coverageStartMs, setCoverage] = useState<number | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [skipped, setSkipped] = useState(0);
  const [shown, setShown] = useState<ShownKpis | undefined>(undefined);
  const index = useRef<ReplayIndex | undefined>(undefined);
  const fetching = useRef(false);
  const wanted = useRef<number | undefined>(undefined);

  const playback: PlanPlayback | undefined = useMemo(() => {
    if (!activePlan) return undefined;
    const dueMs: Record<string, number | undefined> = {};
    for (const id in orders) dueMs[id] = orders[id]!.dueMs;
    const machines = layout?.machines ?? [];
    return buildPlayback({ plan: activePlan, machines, dueMs });
  }, [activePlan, layout, orders]);

  const showReplay = useCallback(
    (idx: ReplayIndex, atMs: number) => {
      const machines = machinesAt(idx, atMs);
      const k = replayKpis(machines);
      store.setState({ timeView: { mode: 'replay', atMs, machines, kpis: { atMs, wip: k.wip } } });
      setShown({ mode: 'replay', ...k });
    },
    [store],
  );

  const loadEvents = useCallback(() => {
    if (fetching.current) return;
    fetching.current = true;
    setLoading(true);
    const { nowMs, machines } = store.getState();
    const live: Record<string, LiveMachine> = {};
    for (const id in machines) {
      const m = machines[id]!;
      live[id] = m.order === undefined ? { state: m.state } : { state: m.state, order: m.order };
    }
    const range = `from=${nowMs - MAX_REPLAY_MS}&to=${nowMs}&limit=100000`;
    Promise.all([
      api.get<EventsAnswer>(`/api/events?${range}&kind=state`),
      api.get<EventsAnswer>(`/api/events?${range}&kind=job`),
    ])
      .then(([states, jobs]) => {
        const idx = buildReplayIndex(live, [...states.events, ...jobs.events], nowMs);
        index.current = idx;
        setCoverage(idx.coverageStartMs);
        setSkipped(idx.skipped);
        const at = wanted.current;
        const view = store.getState().timeView;
        // Draw the moment the user asked for meanwhile, unless they went back to live.
        if (at !== undefined && view.mode === 'replay') showReplay(idx, Math.min(at, idx.nowMs));
      }, console.error)
      .finally(() => {
        fetching.current = false;
        setLoading(false);
      });
  }, [api, store, showReplay]);

  /** Show the plant at `atMs`; within `toleranceMs` of now means live. */
  const showAt = useCallback(
    (atMs: number, toleranceMs = 0) => {
      const nowMs = store.getState().nowMs;
      const mode = modeAt(atMs, nowMs, toleranceMs);
      if (mode === 'live') {
        wanted.current = undefined;
        store.setState({ timeView: { mode: 'live' } });
        setShown(undefined);
        return;
      }
      if (mode === 'future') {
        wanted.current = undefined;
        if (!playback) {
          store.setState({ timeView: { mode: 'future', atMs, machines: {} } });
          setShown(undefined);
          return;
        }
        const machines = playbackAt(playback, atMs);
        const k = playbackKpis(playback, machines, atMs);
        store.setState({ timeView: { mode: 'future', atMs, machines, kpis: { atMs, wip: k.wip } } });
        setShown({ mode: 'future', ...k });
        return;
      }
      wanted.current = atMs;
      const idx = index.current;
      if (!idx || atMs > idx.nowMs) loadEvents();
      if (idx) showReplay(idx, Math.min(atMs, idx.nowMs));
      else store.setState({ timeView: { mode: 'replay', atMs, machines: {} } });
    },
    [store, playback, loadEvents, showReplay],
  );

  // A new plan (or new due dates) changes the forecast being shown.
  useEffect(() => {
    const view = store.getState().timeView;
    if (view.mode === 'future') showAt(view.atMs);
  }, [playback, showAt, store]);

  return { showAt, coverageStartMs, loading, skipped, shown, planEndMs: playback?.endMs };
}
