import { useMemo, useState } from 'react';
import { ApiError } from '../api/client.js';
import { signalLabel } from '../i18n/names.js';
import { useSlice, useViewerContext } from '../store/context.js';
import {
  meaningfulSteps,
  timedOperations,
  traceSignalRows,
  type OrderTrace,
  type TraceStep,
} from './details.js';
import { lastEndByOrder, orderDueStatus } from './order-forecast.js';
import { PanelHead } from './PanelHead.js';
import { clearOrder, selectMachine } from './selection.js';
import { useFormat, type Format } from './use-format.js';
import { usePolling } from './use-polling.js';

/** Steps grow while the order runs: re-read the trace this often while the panel is open. */
const TRACE_REFRESH_MS = 8_000;

/**
 * The selected order: due date and the plan's verdict on it, the operations as the shop floor ran them
 * (machine, times, process signals at start and end: quality traceability) and the operations planned.
 */
export function OrderTracePanel({ id }: { id: string }) {
  const f = useFormat();
  const { store, api } = useViewerContext();
  const order = useSlice((s) => s.orders[id]);
  const plan = useSlice((s) => s.activePlan);
  // Only overdue-or-not depends on the clock: minute steps are plenty (and spare renders).
  const nowMs = useSlice((s) => Math.floor(s.nowMs / 60_000) * 60_000);
  const machineNames = useSlice((s) => s.layout?.machines);
  const lastEndMs = useMemo(() => (plan ? lastEndByOrder(plan).get(id) : undefined), [plan, id]);
  const onMachine = useSlice((s) => {
    for (const m in s.machines) if (s.machines[m]!.order === id) return true;
    return false;
  });
  // The service has no trace of an order that has not run and is in no plan (404): do not ask for it
  // (every 404 is a console error) until a machine takes it up or a plan holds it.
  // Once it may have one it keeps it (the panel is keyed by order): set during render, React's pattern for
  // state derived from props.
  const [mayHaveTrace, setMayHaveTrace] = useState(false);
  if (!mayHaveTrace && (!order || lastEndMs !== undefined || order.operationsDone > 0 || onMachine))
    setMayHaveTrace(true);
  const trace = usePolling<OrderTrace>(
    mayHaveTrace ? id : undefined,
    (o) => api.get<OrderTrace>(`/api/orders/${encodeURIComponent(o)}/trace`),
    TRACE_REFRESH_MS,
  );
  const status = order ? orderDueStatus(order, lastEndMs, nowMs) : undefined;
  const planned = useMemo(
    () => (trace.data && plan ? timedOperations(trace.data.planned, plan.epochMs) : []),
    [trace.data, plan],
  );
  const steps = useMemo(() => (trace.data ? meaningfulSteps(trace.data.steps) : []), [trace.data]);
  const nameOf = (machine: string) => machineNames?.find((m) => m.id === machine)?.name ?? machine;
  const openMachine = (machine: string) => store.setState((s) => selectMachine(s, machine));
  const notFound = !mayHaveTrace || (trace.error instanceof ApiError && trace.error.status === 404);

  return (
    <section className="panel order-panel" data-testid="order-panel" data-order-id={id}>
      <PanelHead
        title={f.t('panels.order.title', { id })}
        badge={
          status && (
            <span className={`due-badge due-${status}`} data-testid="order-status" data-status={status}>
              {f.t(`panels.order.status.${status}`)}
            </span>
          )
        }
        onClose={() => store.setState(clearOrder)}
        closeLabel={f.t('common.close')}
      />
      {order && (
        <dl className="facts">
          <dt>{f.t('panels.order.product')}</dt>
          <dd>{order.product}</dd>
          <dt>{f.t('panels.order.quantity')}</dt>
          <dd>{f.number(order.quantity, 0)}</dd>
          {order.customer && (
            <>
              <dt>{f.t('panels.order.customer')}</dt>
              <dd>{order.customer}</dd>
            </>
          )}
          <dt>{f.t('panels.order.priority')}</dt>
          <dd>{order.priority}</dd>
          <dt>{f.t('panels.order.due')}</dt>
          <dd data-testid="order-due">{f.dateTime(order.dueMs)}</dd>
          <dt>{f.t('panels.order.plannedEnd')}</dt>
          <dd>{f.dateTime(lastEndMs)}</dd>
          <dt>{f.t('panels.order.done')}</dt>
          <dd>{order.operationsDone}</dd>
        </dl>
      )}

      <h3>{f.t('panels.order.steps')}</h3>
      {notFound ? (
        <p className="panel-empty">{f.t('panels.order.notFound')}</p>
      ) : trace.error ? (
        <p className="panel-error">{f.t('common.error', { message: trace.error.message })}</p>
      ) : !trace.data ? (
        <p className="panel-empty">{f.t('panels.loading')}</p>
      ) : steps.length === 0 ? (
        <p className="panel-empty">{f.t('panels.order.steps.none')}</p>
      ) : (
        <ol className="trace-steps" data-testid="order-steps">
          {steps.map((step) => (
            <TraceStepItem
              key={`${step.machine}/${step.startMs}/${step.operation ?? ''}`}
              step={step}
              f={f}
              machineName={nameOf(step.machine)}
              onMachine={openMachine}
            />
          ))}
        </ol>
      )}

      <h3>{f.t('panels.order.planned')}</h3>
      {planned.length === 0 ? (
        <p className="panel-empty">{f.t('panels.order.planned.none')}</p>
      ) : (
        <table className="panel-table" data-testid="order-planned">
          <thead>
            <tr>
              <th>{f.t('panels.col.operation')}</th>
              <th>{f.t('panels.col.machine')}</th>
              <th>{f.t('panels.col.start')}</th>
              <th>{f.t('panels.col.end')}</th>
            </tr>
          </thead>
          <tbody>
            {planned.map((o) => (
              <tr
                key={`${o.operation}/${o.machine}/${o.startMs}`}
                className={order?.dueMs !== undefined && o.endMs > order.dueMs ? 'row-late' : undefined}
              >
                <td>{o.operation}</td>
                <td>
                  <button
                    type="button"
                    className="link"
                    title={nameOf(o.machine)}
                    onClick={() => openMachine(o.machine)}
                  >
                    {o.machine}
                  </button>
                </td>
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

function TraceStepItem({
  step,
  f,
  machineName,
  onMachine,
}: {
  step: TraceStep;
  f: Format;
  machineName: string;
  onMachine: (machine: string) => void;
}) {
  const rows = traceSignalRows(step);
  const value = (v: unknown) => (typeof v === 'number' ? f.number(v, 2) : f.t('common.none'));
  return (
    <li className="trace-step" data-machine={step.machine}>
      <div className="trace-head">
        <span className="trace-op">{step.operation ?? f.t('common.none')}</span>
        <button type="button" className="link" onClick={() => onMachine(step.machine)}>
          {machineName}
        </button>
        <span className="muted">
          {f.dayTime(step.startMs)} –{' '}
          {step.endMs === undefined
            ? f.t('panels.order.step.running')
            : `${f.time(step.endMs)} (${f.duration(step.endMs - step.startMs)})`}
        </span>
      </div>
      {rows.length > 0 && (
        <table className="panel-table trace-signals">
          <thead>
            <tr>
              <th>{f.t('panels.col.signal')}</th>
              <th>{f.t('panels.col.atStart')}</th>
              <th>{f.t('panels.col.atEnd')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.signal}>
                <td title={r.signal}>{signalLabel(f.t, r.signal)}</td>
                <td>{value(r.start)}</td>
                <td>{value(r.end)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}
