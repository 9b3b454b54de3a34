import { useEffect, useState } from 'react';
import type { PlanStatus, PlanSummary } from '../api/types.js';
import type { MessageKey } from '../i18n/messages.js';
import { useTranslate } from '../i18n/use-translate.js';
import { useSlice, useViewerContext } from '../store/context.js';
import {
  dispatchAction,
  dispatchCounts,
  unacknowledged,
  validateAction,
  type ActionState,
} from './plan-actions.js';
import type { PlanValidationView } from './planner-store.js';
import { PlanKpis } from './PlanKpis.js';
import { errorText } from './poll.js';

interface PlanDiffView {
  moved: number;
  machineChanged: number;
  added: number;
  removed: number;
  unchanged: number;
}

/** A plan's life cycle in order (twin/schema/plan.ts PLAN_STATUSES: the viewer imports types only). */
const STATUSES: readonly string[] = [
  'draft',
  'validated',
  'dispatched',
  'acknowledged',
] satisfies PlanStatus[];

/** The plan a reschedule made: KPIs, changes against the active plan, checker verdict, validate and dispatch. */
export function PlanResult(props: { summary: PlanSummary; validation: PlanValidationView | undefined }) {
  const t = useTranslate();
  const { api } = useViewerContext();
  const role = useSlice((s) => s.role);
  const activeId = useSlice((s) => s.activePlanRef?.id);
  // Plan messages of the stream carry the plan's life cycle (validated, dispatched, acknowledged).
  const streamed = useSlice((s) => s.plans[props.summary.id]);
  const dispatch = useSlice((s) => s.dispatch);
  const streamedActive = useSlice((s) => (s.activePlanRef ? s.plans[s.activePlanRef.id]?.kpis : undefined));
  const [fetchedActive, setFetchedActive] = useState<Record<string, number>>();
  const activeKpis = streamedActive ?? fetchedActive;
  const [local, setLocal] = useState<{ status?: string; validation?: PlanValidationView }>({});
  const [diff, setDiff] = useState<PlanDiffView | undefined>();
  const [error, setError] = useState<string>();

  const id = props.summary.id;
  const status = newest(props.summary.status, local.status, streamed?.status);
  const validation = local.validation ?? props.validation;
  const counts = dispatchCounts(dispatch, id);
  const roleName = t(`role.${role ?? 'unknown'}`);

  useEffect(() => {
    setDiff(undefined);
    if (!activeId || activeId === id) return;
    let live = true;
    // The store knows plans announced since the page opened; an older active plan's KPIs come from the list.
    api.get<PlanSummary[]>('/api/plans').then(
      (list) => live && setFetchedActive(list.find((p) => p.id === activeId)?.kpis),
      (e: unknown) => live && setError(errorText(e)),
    );
    api
      .get<PlanDiffView>(`/api/plans/${encodeURIComponent(id)}/diff?against=${encodeURIComponent(activeId)}`)
      .then(
        (d) => live && setDiff(d),
        (e: unknown) => live && setError(errorText(e)),
      );
    return () => {
      live = false;
    };
  }, [api, id, activeId]);

  const validate = (): void => {
    setError(undefined);
    api
      .post<{ status: string; validation: PlanValidationView | null }>(
        `/api/plans/${encodeURIComponent(id)}/validate`,
      )
      .then(
        (r) => setLocal({ status: r.status, ...(r.validation && { validation: r.validation }) }),
        (e: unknown) => setError(errorText(e)),
      );
  };
  const send = (): void => {
    setError(undefined);
    api.post<{ status: string }>(`/api/plans/${encodeURIComponent(id)}/dispatch`).then(
      (r) => setLocal((l) => ({ ...l, status: r.status })),
      (e: unknown) => setError(errorText(e)),
    );
  };

  return (
    <div className="planner-plan" data-testid="plan-result" data-plan={id} data-status={status}>
      <p>
        {t('reschedule.plan', {
          id,
          version: props.summary.version,
          status: STATUSES.includes(status) ? t(`plan.status.${status}` as MessageKey) : status,
        })}
      </p>
      <h4>{t('reschedule.kpis')}</h4>
      <PlanKpis kpis={props.summary.kpis} activeKpis={activeId !== id ? activeKpis : undefined} />
      {activeId && activeId !== id ? (
        diff && <p data-testid="plan-diff">{t('reschedule.diff', { ...diff })}</p>
      ) : (
        <p className="planner-note">{t('reschedule.noActive')}</p>
      )}
      {validation && (
        <p className={validation.ok ? 'planner-ok' : 'planner-error'}>
          {validation.ok
            ? t('reschedule.validation.ok')
            : t('reschedule.validation.failed', { count: validation.violations.length })}
        </p>
      )}
      <div className="planner-row planner-actions">
        <ActionButton
          testId="plan-validate"
          label={t('plan.validate')}
          state={validateAction(role, status)}
          role={roleName}
          onClick={validate}
        />
        <ActionButton
          testId="plan-dispatch"
          label={t('plan.dispatch')}
          state={dispatchAction(role, status)}
          role={roleName}
          onClick={send}
        />
      </div>
      <h4>{t('dispatch.title')}</h4>
      <p data-testid="dispatch-status" data-total={counts.total}>
        {counts.total === 0 ? t('dispatch.none') : t('dispatch.counts', { ...counts })}
      </p>
      <ul className="planner-dispatch" data-testid="dispatch-machines">
        {unacknowledged(dispatch, id).map((d) => {
          const params = { machine: d.machine, status: t(`dispatch.status.${d.status}`) };
          return (
            <li key={d.machine} className={`dispatch-${d.status}`}>
              {d.reason
                ? t('dispatch.machineReason', { ...params, reason: d.reason })
                : t('dispatch.machine', params)}
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="planner-error" role="alert">
          {t('common.error', { message: error })}
        </p>
      )}
    </div>
  );
}

function ActionButton(props: {
  testId: string;
  label: string;
  state: ActionState;
  role: string;
  onClick: () => void;
}) {
  const t = useTranslate();
  const reason = props.state.reason && t(props.state.reason, { role: props.role });
  return (
    <span className="planner-action">
      <button
        type="button"
        data-testid={props.testId}
        disabled={!props.state.enabled}
        title={reason}
        onClick={props.onClick}
      >
        {props.label}
      </button>
      {reason && <span className="planner-note">{reason}</span>}
    </span>
  );
}

/** Statuses only move forward (draft → validated → dispatched → acknowledged): the furthest one seen wins. */
function newest(...statuses: (string | undefined)[]): string {
  let best = statuses[0] ?? 'draft';
  for (const s of statuses) if (s !== undefined && STATUSES.indexOf(s) > STATUSES.indexOf(best)) best = s;
  return best;
}
