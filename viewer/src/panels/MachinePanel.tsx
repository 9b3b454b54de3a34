import { useMemo } from 'react';
import { kindLabel } from '../i18n/names.js';
import { useSlice, useViewerContext } from '../store/context.js';
import { AlarmList } from './AlarmList.js';
import { nextOperations, type MachineDetail } from './details.js';
import { OeeBars } from './OeeBars.js';
import { PanelHead } from './PanelHead.js';
import { clearMachine, selectOrder } from './selection.js';
import { SignalCharts } from './SignalCharts.js';
import { StateChip } from './StateChip.js';
import { stateSegments } from './state-timeline.js';
import { StateTimeline } from './StateTimeline.js';
import { useFormat } from './use-format.js';
import { usePolling } from './use-polling.js';

/** The state bar and the signal charts look this far back in plant time. */
const WINDOW_HOURS = 4;
const WINDOW_MS = WINDOW_HOURS * 3_600_000;
/** The detail route (OEE, state log, plan, alarms) is read this often while the panel is open. */
const DETAIL_REFRESH_MS = 4_000;
const PLANNED_ROWS = 6;

/**
 * The selected machine: identity and state, current job, state timeline, OEE and its factors, alarms,
 * recent signals and the next planned operations. State, job and signals follow the stream; the rest
 * comes from `GET /api/machines/:id`, polled while the panel is open.
 */
export function MachinePanel({ id }: { id: string }) {
  const f = useFormat();
  const { store, api } = useViewerContext();
  const live = useSlice((s) => s.machines[id]);
  const info = useSlice((s) => s.layout?.machines.find((m) => m.id === id));
  const lineName = useSlice((s) => s.layout?.lines.find((l) => l.id === (info?.line ?? live?.line))?.name);
  const planEpochMs = useSlice((s) => s.activePlan?.epochMs);
  const timeView = useSlice((s) => s.timeView);
  // The bar moves in steps of about a pixel, not with every message.
  const stepMs = WINDOW_MS / 400;
  const nowMs = useSlice((s) => Math.ceil(s.nowMs / stepMs) * stepMs);

  const detail = usePolling<MachineDetail>(
    id,
    (machine) => api.get<MachineDetail>(`/api/machines/${encodeURIComponent(machine)}`),
    DETAIL_REFRESH_MS,
  );
  const machine = live ?? detail.data?.machine;
  const fromMs = nowMs - WINDOW_MS;
  const history = detail.data?.stateHistory;
  const segments = useMemo(
    () =>
      machine && history
        ? stateSegments(history, {
            fromMs,
            toMs: nowMs,
            currentState: machine.state,
            sinceMs: machine.sinceMs,
          })
        : [],
    [history, fromMs, nowMs, machine],
  );
  const planned = useMemo(
    () =>
      detail.data && planEpochMs !== undefined
        ? nextOperations(detail.data.planned, planEpochMs, nowMs, PLANNED_ROWS)
        : [],
    [detail.data, planEpochMs, nowMs],
  );

  const close = () => store.setState(clearMachine);
  const openOrder = (order: string) => store.setState((s) => selectOrder(s, order));

  if (!machine) {
    return (
      <section className="panel machine-panel" data-testid="machine-panel" data-machine-id={id}>
        <PanelHead title={info?.name ?? id} onClose={close} closeLabel={f.t('common.close')} />
        <p className="panel-empty">
          {detail.error ? f.t('common.error', { message: detail.error.message }) : f.t('panels.loading')}
        </p>
      </section>
    );
  }
  // The polled figures are fresher for what the stream does not carry (OEE, energy).
  const oee = detail.data?.machine.oee ?? machine.oee;
  const energyKwh = detail.data?.machine.energyKwh ?? machine.energyKwh;
  const at = timeView.mode === 'live' ? undefined : timeView.machines[id];

  return (
    <section className="panel machine-panel" data-testid="machine-panel" data-machine-id={id}>
      <PanelHead
        title={info?.name ?? id}
        sub={info?.name && info.name !== id ? id : undefined}
        onClose={close}
        closeLabel={f.t('common.close')}
      />
      <dl className="facts">
        <dt>{f.t('panels.machine.kind')}</dt>
        <dd>{kindLabel(f.t, machine.kind)}</dd>
        <dt>{f.t('panels.machine.line')}</dt>
        <dd>{lineName ?? machine.line}</dd>
        <dt>{f.t('panels.machine.state')}</dt>
        <dd data-testid="machine-state" data-state={machine.state}>
          <StateChip state={machine.state} />{' '}
          <span className="muted">{f.t('panels.machine.since', { time: f.dayTime(machine.sinceMs) })}</span>
        </dd>
        <dt>{f.t('panels.machine.job')}</dt>
        <dd data-testid="machine-job">
          {machine.order ? (
            <>
              <button
                type="button"
                className="link"
                title={f.t('panels.machine.job.title')}
                onClick={() => openOrder(machine.order!)}
              >
                {machine.order}
              </button>
              {machine.operation && <span className="muted"> / {machine.operation}</span>}
            </>
          ) : (
            <span className="muted">{f.t('panels.machine.job.none')}</span>
          )}
        </dd>
      </dl>
      <p className="muted small">
        {f.t('panels.machine.parts', {
          good: machine.partCount,
          scrap: machine.scrapCount,
          energy: f.number(energyKwh, 1),
        })}
      </p>
      {at && timeView.mode !== 'live' && (
        <p className="time-view-note" data-testid="machine-at">
          {f.t('panels.machine.at', {
            time: f.time(timeView.atMs),
            source: f.t(`kpi.source.${timeView.mode}`),
            state: f.state(at.state),
          })}
          {at.order && <span className="muted"> · {at.order}</span>}
        </p>
      )}

      <h3>{f.t('panels.machine.timeline', { hours: WINDOW_HOURS })}</h3>
      {history ? (
        <StateTimeline segments={segments} fromMs={fromMs} toMs={nowMs} />
      ) : (
        <p className="panel-empty">{f.t('panels.loading')}</p>
      )}

      <h3>{f.t('panels.machine.oee')}</h3>
      <OeeBars oee={oee} />

      <h3>{f.t('panels.machine.alarms')}</h3>
      <AlarmList alarms={detail.data?.alarms ?? []} />

      <h3>{f.t('panels.machine.signals', { hours: WINDOW_HOURS })}</h3>
      <SignalCharts machine={id} signals={machine.signals} windowMs={WINDOW_MS} />

      <h3>{f.t('panels.machine.planned')}</h3>
      {planned.length === 0 ? (
        <p className="panel-empty">{f.t('panels.machine.planned.none')}</p>
      ) : (
        <table className="panel-table" data-testid="machine-planned">
          <thead>
            <tr>
              <th>{f.t('panels.col.order')}</th>
              <th>{f.t('panels.col.operation')}</th>
              <th>{f.t('panels.col.start')}</th>
              <th>{f.t('panels.col.end')}</th>
            </tr>
          </thead>
          <tbody>
            {planned.map((o) => (
              <tr key={`${o.order}/${o.operation}/${o.startMs}`}>
                <td>
                  <button type="button" className="link" onClick={() => openOrder(o.order)}>
                    {o.order}
                  </button>
                </td>
                <td>{o.operation}</td>
                <td>{f.dayTime(o.startMs)}</td>
                <td>{f.dayTime(o.endMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
