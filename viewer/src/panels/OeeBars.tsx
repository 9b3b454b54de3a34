import type { Oee } from '../api/types.js';
import { useFormat } from './use-format.js';

/** OEE and its three factors (ISO 22400-2) as labelled bars. */
export function OeeBars({ oee }: { oee: Oee }) {
  const f = useFormat();
  const rows = [
    ['oee', f.t('kpi.oee'), oee.oee],
    ['availability', f.t('panels.machine.availability'), oee.availability],
    ['performance', f.t('panels.machine.performance'), oee.performance],
    ['quality', f.t('panels.machine.quality'), oee.quality],
  ] as const;
  return (
    <div className="oee-bars" data-testid="machine-oee">
      {rows.map(([key, label, value]) => (
        <div key={key} className={`oee-row oee-${key}`} data-value={value}>
          <span className="oee-label">{label}</span>
          <span className="oee-track">
            <span className="oee-fill" style={{ width: `${Math.min(1, Math.max(0, value)) * 100}%` }} />
          </span>
          <span className="oee-value">{f.percent(value)}</span>
        </div>
      ))}
    </div>
  );
}
