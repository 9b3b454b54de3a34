import { useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import type { LayoutView, OrderView, Plan } from '../api/types.js';
import { useTranslate } from '../i18n/use-translate.js';
import { useViewerContext } from '../store/context.js';
import { GanttController, type GanttDrawStats, type GanttFrameInfo } from './gantt-controller.js';
import type { ColourBy } from './gantt-draw.js';
import { buildGanttLayout } from './gantt-layout.js';
import { createGanttTimeRange, type GanttTimeRange } from './gantt-time-range.js';
import './gantt.css';

/** What a parent can do with a Gantt (toolbar buttons, test hooks). */
export interface GanttCanvasHandle {
  /** Zoom to show the whole plan. */
  fit(): void;
  /** Centre the view on a time (epoch ms), keeping the zoom. */
  goTo(t: number): void;
  /** Client coordinates of an operation's bar, brought into view first; undefined when not in the plan. */
  barScreenPosition(order: string, operation: string): { x: number; y: number } | undefined;
  /** Draw times of recent frames. */
  stats(): GanttDrawStats;
  /** Forget the recorded frames (a benchmark phase starts). */
  resetStats(): void;
}

/**
 * A Gantt of one plan on a canvas. Reusable: the planner shows two (Gantt A/B) one above the other by giving
 * both the same `timeRange`, so they pan and zoom together. Selection, now, the time scrubber's cursor, palette
 * and language come from the viewer store.
 */
export interface GanttCanvasProps {
  /** The plan to draw; without one the rows are drawn empty. */
  plan: Plan | undefined;
  /** The machine rows (layout.machines): grouped by line, in layout order; maintenance windows come from here. */
  machines: LayoutView['machines'];
  /** The lines, for the order of the groups (layout.lines). */
  lines?: LayoutView['lines'];
  /** The order book, for due dates (late marks). */
  orders: Record<string, Pick<OrderView, 'dueMs'>>;
  /** CSS height of the chart; it fills its parent when absent. */
  height?: number | string;
  /**
   * Time range shared with other Gantts (create it with createGanttTimeRange()); each canvas keeps its own
   * vertical scroll. Without it the canvas has a range of its own, fitted to the first plan it gets.
   */
  timeRange?: GanttTimeRange;
  /** Bars in their order's colour (default) or in the state palette (processing / setup). */
  colourBy?: ColourBy;
  /** Called after every frame; set DOM attributes here, not React state. */
  onFrame?: (info: GanttFrameInfo) => void;
  ref?: Ref<GanttCanvasHandle>;
  'data-testid'?: string;
}

export function GanttCanvas(props: GanttCanvasProps) {
  const { plan, machines, lines, orders, height, colourBy = 'order', onFrame, ref } = props;
  const { store } = useViewerContext();
  const t = useTranslate();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const tooltipRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<GanttController | null>(null);
  const [ownRange] = useState(createGanttTimeRange);
  const range = props.timeRange ?? ownRange;
  const layout = useMemo(
    () => buildGanttLayout({ plan, machines, lines, orders }),
    [plan, machines, lines, orders],
  );
  // The latest values for the controller's first set-up (later changes go through the effects below).
  const latest = useRef({ layout, planId: plan?.id, t, colourBy, onFrame });
  latest.current = { layout, planId: plan?.id, t, colourBy, onFrame };

  useEffect(() => {
    const canvas = canvasRef.current;
    const tooltip = tooltipRef.current;
    if (!canvas || !tooltip) return;
    const now = latest.current;
    const controller = new GanttController(canvas, tooltip, store, range, now.t);
    controller.colourBy = now.colourBy;
    controller.onFrame = now.onFrame;
    controller.setLayout(now.layout, now.planId);
    controllerRef.current = controller;
    return () => {
      controller.dispose();
      controllerRef.current = null;
    };
  }, [store, range]);

  useEffect(() => controllerRef.current?.setLayout(layout, plan?.id), [layout, plan?.id]);
  useEffect(() => controllerRef.current?.setText(t), [t]);
  useEffect(() => {
    const c = controllerRef.current;
    if (!c) return;
    c.colourBy = colourBy;
    c.onFrame = onFrame;
    c.requestDraw();
  }, [colourBy, onFrame]);

  useImperativeHandle(
    ref,
    () => ({
      fit: () => controllerRef.current?.fit(),
      goTo: (time) => controllerRef.current?.goTo(time),
      barScreenPosition: (order, operation) => controllerRef.current?.barScreenPosition(order, operation),
      stats: () =>
        controllerRef.current?.stats() ?? { frames: 0, meanMs: 0, p95Ms: 0, maxMs: 0, barsDrawn: 0 },
      resetStats: () => controllerRef.current?.resetStats(),
    }),
    [],
  );

  return (
    <div
      className="gantt-canvas"
      style={height !== undefined ? { height } : undefined}
      data-testid={props['data-testid']}
    >
      <canvas ref={canvasRef} role="img" aria-label={t('gantt.aria')} />
      <div ref={tooltipRef} className="gantt-tooltip" role="tooltip" />
    </div>
  );
}
