import { useState } from 'react';
import { useStore } from 'zustand';
import { formatNumber } from '../i18n/translate.js';
import { useTranslate } from '../i18n/use-translate.js';
import { useSlice, useViewerContext } from '../store/context.js';
import { roleAtLeast } from './plan-actions.js';
import { NumberField } from './NumberField.js';
import { plannerStore } from './planner-store.js';
import { PlanResult } from './PlanResult.js';
import { OBJECTIVES, startSchedule, type Objective } from './schedule-run.js';

/** Request a reschedule (objective, time budget), follow its search, then show the plan it made. */
export function ReschedulePanel() {
  const t = useTranslate();
  const { api } = useViewerContext();
  const role = useSlice((s) => s.role);
  const locale = useSlice((s) => s.locale);
  const schedule = useStore(plannerStore, (s) => s.schedule);
  // The stream's job message is fresher than the last poll while the search runs.
  const live = useSlice((s) => (schedule?.job ? s.jobs[schedule.job] : undefined));
  const [objective, setObjective] = useState<Objective>('tardiness');
  const [budgetS, setBudgetS] = useState(5);

  const mayRun = roleAtLeast(role, 'planner');
  const status = schedule?.status;
  const running = status === 'queued' || status === 'running';
  const elapsedS = live?.progress?.elapsedS ?? schedule?.elapsedS;
  const best = live?.progress?.bestObjective ?? schedule?.bestObjective;
  const roleName = t(`role.${role ?? 'unknown'}`);

  const reschedule = (): void => {
    plannerStore.setState({ planB: undefined });
    startSchedule(api, objective, budgetS);
  };
  const stop = (): void => {
    if (schedule?.job) api.del(`/api/schedules/${encodeURIComponent(schedule.job)}`).catch(console.error);
  };

  return (
    <div className="planner-reschedule">
      <div className="planner-row">
        <label className="planner-field">
          <span>{t('reschedule.objective')}</span>
          <select
            name="objective"
            value={objective}
            onChange={(e) => setObjective(e.target.value as Objective)}
          >
            {OBJECTIVES.map((o) => (
              <option key={o} value={o}>
                {t(`reschedule.objective.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <NumberField
          label={t('reschedule.budget')}
          name="timeBudgetS"
          value={budgetS}
          min={1}
          max={300}
          onChange={setBudgetS}
        />
      </div>
      <div className="planner-row">
        <button
          type="button"
          data-testid="reschedule"
          disabled={!mayRun || running}
          title={mayRun ? undefined : t('reschedule.needPlanner', { role: roleName })}
          onClick={reschedule}
        >
          {t('reschedule.run')}
        </button>
        {running && schedule?.job && (
          <button type="button" onClick={stop}>
            {t('reschedule.stop')}
          </button>
        )}
      </div>
      {!mayRun && <p className="planner-note">{t('reschedule.needPlanner', { role: roleName })}</p>}
      <div data-testid="reschedule-status" data-status={status ?? 'none'}>
        {status === 'queued' && <p className="planner-status">{t('reschedule.queued')}</p>}
        {status === 'running' && (
          <p className="planner-status">
            {best === undefined
              ? t('reschedule.progressNoBest', { elapsed: formatNumber(locale, elapsedS ?? 0, 1) })
              : t('reschedule.progress', {
                  elapsed: formatNumber(locale, elapsedS ?? 0, 1),
                  best: formatNumber(locale, best, 0),
                })}
          </p>
        )}
        {status === 'failed' && (
          <p className="planner-error" role="alert">
            {t('reschedule.failed', { message: schedule?.error ?? '' })}
          </p>
        )}
        {status === 'cancelled' && !schedule?.plan && (
          <p className="planner-note">{t('reschedule.cancelled')}</p>
        )}
      </div>
      {schedule?.plan && <PlanResult summary={schedule.plan} validation={schedule.validation} />}
    </div>
  );
}
