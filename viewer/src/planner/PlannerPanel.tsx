import { useTranslate } from '../i18n/use-translate.js';
import { GanttAB } from './GanttAB.js';
import { ReschedulePanel } from './ReschedulePanel.js';
import { WhatIfPanel } from './WhatIfPanel.js';
import './planner.css';

/** The planner tools in the side panel: what-if against the baseline, reschedule, plans A / B. */
export function PlannerPanel() {
  const t = useTranslate();
  return (
    <div data-testid="planner-panel" className="planner-panel">
      <details open>
        <summary>{t('planner.section.whatif')}</summary>
        <WhatIfPanel />
      </details>
      <details open>
        <summary>{t('planner.section.reschedule')}</summary>
        <ReschedulePanel />
      </details>
      <details open>
        <summary>{t('planner.section.ab')}</summary>
        <GanttAB />
      </details>
    </div>
  );
}
