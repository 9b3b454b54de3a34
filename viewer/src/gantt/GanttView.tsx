import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { MessageKey } from '../i18n/messages.js';
import { useTranslate } from '../i18n/use-translate.js';
import { stateColour } from '../palette.js';
import { useSlice, useViewerContext } from '../store/context.js';
import { GanttCanvas, type GanttCanvasHandle } from './GanttCanvas.js';
import { generateBenchPlan } from './gantt-bench.js';
import type { GanttFrameInfo } from './gantt-controller.js';
import type { ColourBy } from './gantt-draw.js';
import './gantt.css';

const NO_MACHINES: never[] = [];
const BENCH_SEED = 42;

/** `?ganttBench=10000` swaps the active plan for a seeded synthetic one of that many operations. */
function benchSize(): number {
  const n = Number(new URL(window.location.href).searchParams.get('ganttBench'));
  return Number.isInteger(n) && n > 0 ? Math.min(n, 200_000) : 0;
}

/** Test hooks of the first Gantt on the page (end-to-end tests click bars through it). */
interface GanttHooks {
  barScreenPosition(order: string, operation: string): { x: number; y: number } | undefined;
  stats(): ReturnType<GanttCanvasHandle['stats']>;
  resetStats(): void;
}
type HookWindow = Window & { __twinGantt?: GanttHooks };

/**
 * The Gantt of the active plan under the 3D plant: machines as rows, operations coloured by order or state,
 * with a toolbar (plan, status, colour switch, zoom to fit, now) and a legend.
 */
export function GanttView() {
  const { store } = useViewerContext();
  const t = useTranslate();
  const activePlan = useSlice((s) => s.activePlan);
  const layout = useSlice((s) => s.layout);
  const orders = useSlice((s) => s.orders);
  const palette = useSlice((s) => s.palette);
  const status = useSlice((s) =>
    s.activePlan ? (s.plans[s.activePlan.id]?.status ?? s.activePlan.status) : '',
  );
  const [colourBy, setColourBy] = useState<ColourBy>('order');
  const wrapper = useRef<HTMLDivElement>(null);
  const canvas = useRef<GanttCanvasHandle>(null);
  // The synthetic plan starts at the plant clock's last whole hour, so it waits for the first message.
  const [benchOperations] = useState(benchSize);
  const clockReady = useSlice((s) => s.nowMs > 0);
  const bench = useMemo(() => {
    if (benchOperations === 0 || !clockReady) return undefined;
    const epochMs = Math.floor(store.getState().nowMs / 3_600_000) * 3_600_000;
    return generateBenchPlan(benchOperations, BENCH_SEED, epochMs);
  }, [benchOperations, clockReady, store]);
  const plan = benchOperations > 0 ? bench?.plan : activePlan;
  const machines = bench?.machines ?? layout?.machines ?? NO_MACHINES;
  const lines = bench?.lines ?? layout?.lines;
  const planOrders = bench?.orders ?? orders;

  // Test hooks: attributes set per frame without rendering, and window.__twinGantt for the first Gantt.
  const onFrame = useCallback((info: GanttFrameInfo) => {
    const el = wrapper.current;
    if (!el) return;
    el.dataset.planId = info.planId ?? '';
    el.dataset.barsDrawn = String(info.barsDrawn);
    el.dataset.drawMs = info.drawMs.toFixed(2);
  }, []);
  useEffect(() => {
    const w = window as HookWindow;
    if (w.__twinGantt) return;
    const hooks: GanttHooks = {
      barScreenPosition: (order, operation) => canvas.current?.barScreenPosition(order, operation),
      stats: () => canvas.current?.stats() ?? { frames: 0, meanMs: 0, p95Ms: 0, maxMs: 0, barsDrawn: 0 },
      resetStats: () => canvas.current?.resetStats(),
    };
    w.__twinGantt = hooks;
    return () => {
      if (w.__twinGantt === hooks) delete w.__twinGantt;
    };
  }, []);
  useEffect(() => {
    if (plan) return;
    const el = wrapper.current;
    if (el) {
      el.dataset.planId = '';
      el.dataset.barsDrawn = '0';
    }
  }, [plan]);

  // The legend's swatches take the palette's colours through a CSS variable (see gantt.css).
  const swatch = (colour: string) => ({ '--swatch': colour }) as CSSProperties;
  return (
    <div className="gantt-view" data-testid="gantt" ref={wrapper} data-plan-id="" data-bars-drawn="0">
      <div className="gantt-toolbar">
        {plan && (
          <>
            <span className="gantt-plan" data-testid="gantt-plan">
              {bench
                ? t('gantt.bench', { count: plan.assignments.length })
                : t('gantt.plan', { id: plan.id, version: plan.version })}
            </span>
            {!bench && status && (
              <span className="gantt-status" data-testid="gantt-status">
                {t(`gantt.status.${status}` as MessageKey)}
              </span>
            )}
            <span>{t('gantt.operations', { count: plan.assignments.length })}</span>
          </>
        )}
        <label>
          {t('gantt.colourBy')}{' '}
          <select
            data-testid="gantt-colour"
            value={colourBy}
            onChange={(e) => setColourBy(e.target.value as ColourBy)}
          >
            <option value="order">{t('gantt.colourBy.order')}</option>
            <option value="state">{t('gantt.colourBy.state')}</option>
          </select>
        </label>
        <button type="button" data-testid="gantt-fit" disabled={!plan} onClick={() => canvas.current?.fit()}>
          {t('gantt.fit')}
        </button>
        <button
          type="button"
          data-testid="gantt-now"
          onClick={() => canvas.current?.goTo(store.getState().nowMs)}
        >
          {t('gantt.goNow')}
        </button>
        <span className="gantt-spacer" />
        <span className="gantt-legend">
          <span className="legend-setup" style={swatch(stateColour('setup', palette))}>
            {t('gantt.legend.setup')}
          </span>
          <span className="legend-maintenance">{t('gantt.legend.maintenance')}</span>
          <span className="legend-late" style={swatch(stateColour('down', palette))}>
            {t('gantt.legend.late')}
          </span>
          <span className="legend-frozen">{t('gantt.legend.frozen')}</span>
        </span>
      </div>
      {plan ? (
        <GanttCanvas
          ref={canvas}
          plan={plan}
          machines={machines}
          lines={lines}
          orders={planOrders}
          colourBy={colourBy}
          onFrame={onFrame}
          data-testid="gantt-canvas"
        />
      ) : (
        <div className="gantt-empty" data-testid="gantt-empty">
          {t('gantt.empty')}
        </div>
      )}
    </div>
  );
}
