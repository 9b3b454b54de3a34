import { formatNumber } from '../i18n/translate.js';
import { useTranslate } from '../i18n/use-translate.js';
import { useSlice } from '../store/context.js';
import { planKpiRows } from './plan-kpis.js';

/** A new plan's KPIs, beside the active plan's when there is one to compare with. */
export function PlanKpis(props: {
  kpis: Record<string, number>;
  activeKpis: Record<string, number> | undefined;
}) {
  const t = useTranslate();
  const locale = useSlice((s) => s.locale);
  const active = props.activeKpis ? new Map(planKpiRows(props.activeKpis).map((r) => [r.kpi, r])) : undefined;
  const show = (r: { value: number; digits: number; unitKey?: Parameters<typeof t>[0] } | undefined) => {
    if (!r) return t('common.none');
    const value = formatNumber(locale, r.value, r.digits);
    return r.unitKey ? t(r.unitKey, { value }) : value;
  };
  return (
    <table className="planner-kpis" data-testid="plan-kpis">
      <thead>
        <tr>
          <th scope="col">{t('compare.kpi')}</th>
          {active && <th scope="col">{t('reschedule.kpi.active')}</th>}
          <th scope="col">{t('reschedule.kpi.new')}</th>
        </tr>
      </thead>
      <tbody>
        {planKpiRows(props.kpis).map((r) => (
          <tr key={r.kpi}>
            <th scope="row">{r.labelKey ? t(r.labelKey) : r.kpi}</th>
            {active && <td>{show(active.get(r.kpi))}</td>}
            <td>{show(r)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
