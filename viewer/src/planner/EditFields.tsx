import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/messages.js';
import { useTranslate } from '../i18n/use-translate.js';
import type { BaseIds } from './use-base-scenario.js';
import { weekdayOf, type EditForm, type FormError, type FormField } from './edits-form.js';

interface Props {
  form: EditForm;
  base: BaseIds;
  errors: readonly FormError[];
  onChange: (form: EditForm) => void;
}

/** The inputs of one what-if edit; values stay strings until edits-form.ts checks them. */
export function EditFields({ form, base, errors, onChange }: Props) {
  const t = useTranslate();
  const set = (field: string, value: string): void => onChange({ ...form, [field]: value } as EditForm);
  const field = (name: FormField, input: ReactNode): ReactNode => {
    const error = errors.find((e) => e.field === name);
    return (
      <label className="planner-field" key={name}>
        <span>{t(`whatif.field.${name}`)}</span>
        {input}
        {error && (
          <span className="planner-field-error" role="alert">
            {t(error.key, error.params)}
          </span>
        )}
      </label>
    );
  };
  const select = (name: FormField, value: string, options: readonly string[]): ReactNode =>
    field(
      name,
      <select name={name} value={value} onChange={(e) => set(name, e.target.value)}>
        <option value="">{t('whatif.choose')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>,
    );
  const input = (name: FormField, value: string, type: string, extra?: { min?: number; step?: number }) =>
    field(
      name,
      <input name={name} type={type} value={value} {...extra} onChange={(e) => set(name, e.target.value)} />,
    );

  switch (form.kind) {
    case 'machineDown':
      return (
        <>
          {select('machine', form.machine, base.machines)}
          {input('from', form.from, 'datetime-local')}
          {input('durationH', form.durationH, 'number', { min: 0, step: 0.5 })}
        </>
      );
    case 'rushOrder':
      return (
        <>
          {select('product', form.product, base.products)}
          {input('quantity', form.quantity, 'number', { min: 1, step: 1 })}
          {input('due', form.due, 'datetime-local')}
        </>
      );
    case 'extraShift': {
      const day = weekdayOf(form.date);
      return (
        <>
          {select('calendar', form.calendar, base.calendars)}
          {input('date', form.date, 'date')}
          {input('start', form.start, 'time')}
          {input('hours', form.hours, 'number', { min: 0.5, step: 0.5 })}
          {day && (
            <p className="planner-note">
              {t('whatif.shiftWeekly', { weekday: t(`weekday.${day}` as MessageKey) })}
            </p>
          )}
        </>
      );
    }
  }
}
