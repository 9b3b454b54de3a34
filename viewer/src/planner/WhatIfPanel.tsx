import { useEffect, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { Edit } from '../../../scenarios/edits/schema.js';
import { formatDateTime } from '../i18n/translate.js';
import { useTranslate } from '../i18n/use-translate.js';
import { useSlice, useViewerContext } from '../store/context.js';
import { CompareTable } from './CompareTable.js';
import { EditFields } from './EditFields.js';
import { NumberField } from './NumberField.js';
import {
  emptyForm,
  formToEdit,
  ordersAdded,
  type EditForm,
  type EditFormKind,
  type FormError,
} from './edits-form.js';
import { roleAtLeast } from './plan-actions.js';
import { plannerStore } from './planner-store.js';
import { useBaseScenario } from './use-base-scenario.js';
import { startWhatIf } from './whatif-run.js';
import { epochToZoned } from './zoned-time.js';

const KINDS: readonly EditFormKind[] = ['machineDown', 'rushOrder', 'extraShift'];
const HOUR_MS = 3_600_000;

/** Build a scenario from edits, run it against the baseline, and compare the two side by side. */
export function WhatIfPanel() {
  const t = useTranslate();
  const { api, store } = useViewerContext();
  const role = useSlice((s) => s.role);
  const nowMs = useSlice((s) => s.nowMs);
  const timeZone = useSlice((s) => s.layout?.site.timezone);
  const { base, error: baseError } = useBaseScenario();
  const run = useStore(plannerStore, (s) => s.whatIf);
  const [form, setForm] = useState<EditForm>(() => defaultForm('machineDown', nowMs, timeZone));
  const [errors, setErrors] = useState<FormError[]>([]);
  const [edits, setEdits] = useState<Edit[]>([]);
  const [name, setName] = useState('');
  const [replications, setReplications] = useState(10);
  const [seed, setSeed] = useState(1);

  const known = nowMs > 0;
  // The panel may open before the first snapshot: fill the times once the plant's clock is known.
  useEffect(() => {
    if (known) setForm((f) => (isBlank(f) ? defaultForm(f.kind, store.getState().nowMs, timeZone) : f));
  }, [known, timeZone, store]);

  if (baseError) return <p className="planner-error">{t('common.error', { message: baseError })}</p>;
  if (!base) return <p>{t('planner.loading')}</p>;

  const mayRun = roleAtLeast(role, 'planner');
  const needPlanner = t('whatif.needPlanner', { role: t(`role.${role ?? 'unknown'}`) });
  const busy = run.phase === 'creating' || run.phase === 'running' || run.phase === 'comparing';

  const chooseKind = (kind: EditFormKind): void => {
    setForm(defaultForm(kind, nowMs, timeZone));
    setErrors([]);
  };

  const addEdit = (): void => {
    const result = formToEdit(form, {
      ...base,
      orders: [...base.orders, ...ordersAdded(edits)],
      ...(timeZone && { timeZone }),
      nowMs,
    });
    if (!result.ok) return setErrors(result.errors);
    setErrors([]);
    setEdits([...edits, result.edit]);
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!mayRun || edits.length === 0 || busy) return;
    const scenarioName = name.trim() || t('whatif.defaultName', { n: edits.length });
    startWhatIf(api, { name: scenarioName, edits, replications, seed });
  };

  return (
    <div className="planner-whatif">
      <form data-testid="whatif-form" className="planner-form" onSubmit={submit}>
        <label className="planner-field">
          <span>{t('whatif.kind')}</span>
          <select name="kind" value={form.kind} onChange={(e) => chooseKind(e.target.value as EditFormKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`whatif.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <EditFields form={form} base={base} errors={errors} onChange={setForm} />
        <button type="button" data-testid="whatif-add" onClick={addEdit}>
          {t('whatif.add')}
        </button>
        <h4>{t('whatif.edits', { count: edits.length })}</h4>
        {edits.length === 0 ? (
          <p className="planner-note">{t('whatif.noEdits')}</p>
        ) : (
          <ul className="planner-edits" data-testid="whatif-edits">
            {edits.map((edit, i) => (
              <li key={i}>
                <EditLine edit={edit} />
                <button type="button" onClick={() => setEdits(edits.filter((_, k) => k !== i))}>
                  {t('whatif.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="planner-row">
          <label className="planner-field">
            <span>{t('whatif.field.name')}</span>
            <input
              name="name"
              value={name}
              placeholder={t('whatif.defaultName', { n: edits.length || 1 })}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <NumberField
            label={t('whatif.field.replications')}
            name="replications"
            value={replications}
            min={2}
            max={100}
            integer
            onChange={setReplications}
          />
          <NumberField
            label={t('whatif.field.seed')}
            name="seed"
            value={seed}
            min={0}
            integer
            onChange={setSeed}
          />
        </div>
        <button
          type="submit"
          data-testid="whatif-run"
          disabled={!mayRun || edits.length === 0 || busy}
          title={mayRun ? undefined : needPlanner}
        >
          {t('whatif.run')}
        </button>
        {!mayRun && <p className="planner-note">{needPlanner}</p>}
      </form>
      <WhatIfStatus />
    </div>
  );
}

/** An empty form with starting times in the plant's zone: the next full hour, a due date two days out. */
function defaultForm(kind: EditFormKind, nowMs: number, timeZone: string | undefined): EditForm {
  const next = emptyForm(kind);
  if (nowMs <= 0) return next;
  const hour = Math.ceil(nowMs / HOUR_MS) * HOUR_MS;
  if (next.kind === 'machineDown') next.from = epochToZoned(hour, timeZone);
  if (next.kind === 'rushOrder') next.due = epochToZoned(hour + 48 * HOUR_MS, timeZone);
  if (next.kind === 'extraShift') next.date = epochToZoned(hour + 24 * HOUR_MS, timeZone).slice(0, 10);
  return next;
}

function isBlank(f: EditForm): boolean {
  return f.kind === 'machineDown' ? f.from === '' : f.kind === 'rushOrder' ? f.due === '' : f.date === '';
}

function WhatIfStatus() {
  const t = useTranslate();
  const run = useStore(plannerStore, (s) => s.whatIf);
  const fraction = (p?: { done: number; total: number }) => (p ? `${p.done}/${p.total}` : '…');
  switch (run.phase) {
    case 'idle':
      return null;
    case 'creating':
      return <p className="planner-status">{t('whatif.status.creating')}</p>;
    case 'running':
      return (
        <p className="planner-status">
          {t('whatif.status.running', { a: fraction(run.progressA), b: fraction(run.progressB) })}
        </p>
      );
    case 'comparing':
      return <p className="planner-status">{t('whatif.status.comparing')}</p>;
    case 'failed':
      return (
        <p className="planner-error" role="alert">
          {t('whatif.status.failed', { message: run.message })}
        </p>
      );
    case 'done':
      return <CompareTable comparison={run.comparison} replications={run.replications} />;
  }
}

/** One edit in words, times in the plant's zone. */
function EditLine({ edit }: { edit: Edit }) {
  const t = useTranslate();
  const locale = useSlice((s) => s.locale);
  const timeZone = useSlice((s) => s.layout?.site.timezone);
  const when = (instant: string | number) =>
    typeof instant === 'string' ? formatDateTime(locale, Date.parse(instant), timeZone) : String(instant);
  switch (edit.kind) {
    case 'machineDown': {
      const hours =
        typeof edit.from === 'string' && typeof edit.to === 'string'
          ? (Date.parse(edit.to) - Date.parse(edit.from)) / HOUR_MS
          : 0;
      return (
        <span>
          {t('whatif.describe.machineDown', { machine: edit.machine, from: when(edit.from), hours })}
        </span>
      );
    }
    case 'rushOrder':
      return (
        <span>
          {t('whatif.describe.rushOrder', {
            order: edit.order.id,
            quantity: edit.order.quantity,
            product: edit.order.product,
            due: edit.order.due === undefined ? t('common.none') : when(edit.order.due),
          })}
        </span>
      );
    case 'extraShift':
      return (
        <span>
          {t('whatif.describe.extraShift', {
            calendar: edit.calendar,
            days: edit.shift.days.map((d) => t(`weekday.${d}`)).join(', '),
            start: edit.shift.start,
            end: edit.shift.end,
          })}
        </span>
      );
    default:
      return <span>{edit.kind}</span>;
  }
}
