import { useMemo } from 'react';
import type { SignalValue } from '../api/types.js';
import { signalLabel } from '../i18n/names.js';
import { useViewerContext } from '../store/context.js';
import { numericPoints, numericSignals, type SignalHistory } from './details.js';
import { downsample } from './sparkline.js';
import { Sparkline } from './Sparkline.js';
import { useFormat } from './use-format.js';
import { usePolling } from './use-polling.js';

/** History changes slowly next to the live values beside it: refresh it every 15 s. */
const HISTORY_REFRESH_MS = 15_000;
/** Points read per signal (the route returns the first ones of the window, so ask for plenty)… */
const HISTORY_LIMIT = 5_000;
/** …and points drawn: about one per pixel of the chart. */
const CHART_POINTS = 140;
const CHART_WIDTH = 140;

interface Series {
  signal: string;
  ts: number[];
  values: number[];
}

/**
 * The machine's numeric signals as small charts over the last `windowMs` of plant time (from the history
 * route), each with its live value from the stream.
 */
export function SignalCharts({
  machine,
  signals,
  windowMs,
}: {
  machine: string;
  signals: Readonly<Record<string, SignalValue>>;
  windowMs: number;
}) {
  const f = useFormat();
  const { store, api } = useViewerContext();
  const names = useMemo(() => numericSignals(signals), [signals]);
  const key = names.length > 0 ? `${machine}|${names.join(',')}` : undefined;
  const history = usePolling<Series[]>(
    key,
    async () => {
      const toMs = store.getState().nowMs;
      const fromMs = toMs - windowMs;
      return Promise.all(
        names.map(async (signal) => {
          const q = new URLSearchParams({
            asset: machine,
            signal,
            from: String(fromMs),
            to: String(toMs),
            limit: String(HISTORY_LIMIT),
          });
          const { ts, values } = numericPoints(await api.get<SignalHistory>(`/api/history?${q}`));
          const kept = downsample(
            ts.map((t, i) => [t, values[i]!] as const),
            CHART_POINTS,
          );
          return { signal, ts: kept.map((p) => p[0]), values: kept.map((p) => p[1]) };
        }),
      );
    },
    HISTORY_REFRESH_MS,
  );

  if (names.length === 0) return <p className="panel-empty">{f.t('panels.machine.signals.none')}</p>;
  const bySignal = new Map(history.data?.map((s) => [s.signal, s]));
  return (
    <div className="signal-charts" data-testid="machine-signals">
      {history.error && (
        <p className="panel-error">{f.t('common.error', { message: history.error.message })}</p>
      )}
      {names.map((name) => {
        const series = bySignal.get(name);
        const value = signals[name]?.value;
        return (
          <div key={name} className="signal-row" data-signal={name} data-points={series?.values.length ?? 0}>
            <span className="signal-name" title={name}>
              {signalLabel(f.t, name)}
            </span>
            {series && series.values.length > 0 ? (
              <Sparkline values={series.values} xs={series.ts} width={CHART_WIDTH} height={22} />
            ) : (
              <span className="signal-nohistory">
                {history.data ? f.t('panels.machine.signals.noHistory') : f.t('panels.loading')}
              </span>
            )}
            <span className="signal-value">
              {typeof value === 'number' ? f.number(value, 2) : f.t('common.none')}
            </span>
          </div>
        );
      })}
    </div>
  );
}
