import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TimeRange } from './gantt-viewport.js';

/** The time range of one or more Gantts; `fitted` tells whether it was ever fitted to a plan. */
export interface GanttTimeRangeState extends TimeRange {
  fitted: boolean;
}

/**
 * A tiny store outside React: pans and zooms write it on every pointer move, canvases that share it subscribe
 * and redraw on the next animation frame, and no component renders.
 */
export type GanttTimeRange = StoreApi<GanttTimeRangeState>;

export function createGanttTimeRange(initial?: TimeRange): GanttTimeRange {
  return createStore<GanttTimeRangeState>(() => ({
    startMs: initial?.startMs ?? 0,
    endMs: initial?.endMs ?? 8 * 3_600_000,
    fitted: initial !== undefined,
  }));
}
