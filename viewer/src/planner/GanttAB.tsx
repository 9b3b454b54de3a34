import { useState } from 'react';
import { useStore } from 'zustand';
import { GanttCanvas } from '../gantt/GanttCanvas.js';
import { createGanttTimeRange } from '../gantt/gantt-time-range.js';
import { useTranslate } from '../i18n/use-translate.js';
import { useSlice } from '../store/context.js';
import { plannerStore } from './planner-store.js';

const CHART_HEIGHT = 180;

/** The active plan (A) above the plan the last reschedule made (B), panning and zooming together. */
export function GanttAB() {
  const t = useTranslate();
  const layout = useSlice((s) => s.layout);
  const orders = useSlice((s) => s.orders);
  const planA = useSlice((s) => s.activePlan);
  const planB = useStore(plannerStore, (s) => s.planB);
  // One time range for both charts: the same time lines up one above the other.
  const [range] = useState(() => createGanttTimeRange());
  if (!layout || !planB || planB.id === planA?.id) return <p className="planner-note">{t('ab.waiting')}</p>;
  return (
    <div className="planner-ab" data-testid="gantt-ab">
      <h4>{t('ab.a', { version: planA?.version ?? 0 })}</h4>
      <GanttCanvas
        data-testid="gantt-a"
        plan={planA}
        machines={layout.machines}
        lines={layout.lines}
        orders={orders}
        height={CHART_HEIGHT}
        timeRange={range}
      />
      <h4>{t('ab.b', { version: planB.version })}</h4>
      <GanttCanvas
        data-testid="gantt-b"
        plan={planB}
        machines={layout.machines}
        lines={layout.lines}
        orders={orders}
        height={CHART_HEIGHT}
        timeRange={range}
      />
    </div>
  );
}
