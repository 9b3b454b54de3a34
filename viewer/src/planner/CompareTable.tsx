import { useTranslate } from '../i18n/use-translate.js';
import { useSlice } from '../store/context.js';
import { compareRows, type Comparison } from './compare-table.js';

/** Baseline and scenario side by side: means, the difference and its 95 % interval; clear changes flagged. */
export function CompareTable({ comparison, replications }: { comparison: Comparison; replications: number }) {
  const t = useTranslate();
  const locale = useSlice((s) => s.locale);
  const rows = compareRows(comparison, locale);
  return (
    <div data-testid="whatif-result" className="planner-compare">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('compare.kpi')}</th>
            <th scope="col">{t('compare.baseline')}</th>
            <th scope="col">{t('compare.scenario')}</th>
            <th scope="col">{t('compare.difference')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.kpi}
              className={`compare-${r.verdict}`}
              data-kpi={r.kpi}
              data-significant={r.significant}
            >
              <th scope="row">{r.labelKey ? t(r.labelKey) : r.kpi}</th>
              <td>{r.a}</td>
              <td>{r.b}</td>
              <td>
                <span className="compare-diff">{r.difference}</span>{' '}
                <span className="compare-ci">{t('compare.ci', { low: r.low, high: r.high })}</span>
                {r.verdict !== 'none' && (
                  <span className={`compare-flag compare-flag-${r.verdict}`}>
                    {t(`compare.${r.verdict}`)}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="planner-note">
        {t(comparison.paired ? 'compare.paired' : 'compare.unpaired', { n: replications })}
      </p>
    </div>
  );
}
