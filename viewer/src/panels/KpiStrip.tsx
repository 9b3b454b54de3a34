import { useMemo, type ReactNode } from 'react';
import { stateColour } from '../palette.js';
import { useSlice, useViewerContext } from '../store/context.js';
import { kpiFigures, trendSeries, type FigureSource, type TrendKey } from './kpi-selectors.js';
import { lastEndByOrder, onTimeForecast } from './order-forecast.js';
import { selectMachine } from './selection.js';
import { Sparkline } from './Sparkline.js';
import { useFormat, type Format } from './use-format.js';
import './kpi-strip.css';

/** The forecast moves with plan and orders, not with every message: time in 10 s steps is plenty. */
const FORECAST_CLOCK_MS = 10_000;

/** OEE, throughput, WIP, on-time forecast, energy and the bottleneck, each with its trend. */
export function KpiStrip() {
  const { store } = useViewerContext();
  const f = useFormat();
  const kpis = useSlice((s) => s.kpis);
  const trend = useSlice((s) => s.kpiTrend);
  const timeView = useSlice((s) => s.timeView);
  const orders = useSlice((s) => s.orders);
  const plan = useSlice((s) => s.activePlan);
  const nowMs = useSlice((s) => Math.floor(s.nowMs / FORECAST_CLOCK_MS) * FORECAST_CLOCK_MS);
  const palette = useSlice((s) => s.palette);

  const figures = useMemo(() => kpiFigures(kpis, timeView), [kpis, timeView]);
  const lastEnd = useMemo(() => (plan ? lastEndByOrder(plan) : undefined), [plan]);
  const onTime = useMemo(() => onTimeForecast(orders, lastEnd, nowMs), [orders, lastEnd, nowMs]);
  const series = (key: TrendKey) => trendSeries(trend, key, timeView);

  const bottleneck = figures.bottleneck;
  const bottleneckName = useSlice((s) =>
    bottleneck ? (s.layout?.machines.find((m) => m.id === bottleneck)?.name ?? bottleneck) : undefined,
  );
  const bottleneckState = useSlice((s) => (bottleneck ? s.machines[bottleneck]?.state : undefined));
  const selectBottleneck = () => {
    if (!bottleneck) return;
    store.setState((s) => selectMachine(s, bottleneck));
  };

  const { oee, availability: a, performance: p, quality: q } = figures;
  return (
    <div className="kpi-strip" data-testid="kpi-strip" data-mode={timeView.mode}>
      {timeView.mode !== 'live' && (
        <div className="kpi-source" data-testid="kpi-source" title={f.t('kpi.source.title')}>
          {f.t('kpi.source.at', { source: f.t(`kpi.source.${timeView.mode}`), time: f.time(timeView.atMs) })}
        </div>
      )}
      <Kpi
        name="oee"
        f={f}
        label={f.t('kpi.oee')}
        title={f.t('kpi.oee.title')}
        value={oee.value}
        text={f.percent(oee.value)}
        source={oee.source}
        series={series('oee')}
        range={[0, 1]}
        format={(v) => f.percent(v)}
      >
        {f.t('kpi.oee.factors', {
          a: f.percent(a.value, 0),
          p: f.percent(p.value, 0),
          q: f.percent(q.value, 0),
        })}
      </Kpi>
      <Kpi
        name="throughput"
        f={f}
        label={f.t('kpi.throughput')}
        title={f.t('kpi.throughput.title')}
        value={figures.throughputPerHour.value}
        text={f.t('kpi.throughput.value', { value: f.number(figures.throughputPerHour.value, 0) })}
        source={figures.throughputPerHour.source}
        series={series('throughputPerHour')}
        format={(v) => f.number(v, 0)}
      />
      <Kpi
        name="wip"
        f={f}
        label={f.t('kpi.wip')}
        title={f.t('kpi.wip.title')}
        value={figures.wip.value}
        text={f.t('kpi.wip.value', { value: f.number(figures.wip.value, 0) })}
        source={figures.wip.source}
        series={series('wip')}
        format={(v) => f.number(v, 0)}
      />
      <Kpi
        name="on-time"
        f={f}
        label={f.t('kpi.onTime')}
        title={f.t('kpi.onTime.title')}
        value={onTime?.share}
        text={f.percent(onTime?.share, 0)}
        source="live"
      >
        {onTime
          ? f.t('kpi.onTime.detail', { onTime: onTime.onTime, total: onTime.onTime + onTime.late })
          : f.t('kpi.onTime.noPlan')}
      </Kpi>
      <Kpi
        name="energy"
        f={f}
        label={f.t('kpi.energy')}
        value={figures.energyKwh.value}
        text={f.t('kpi.energy.value', { value: f.number(figures.energyKwh.value, 0) })}
        source={figures.energyKwh.source}
        series={series('powerKw')}
        format={(v) => f.number(v, 0)}
      >
        {f.t('kpi.energy.power', { value: f.number(figures.powerKw.value, 0) })}
      </Kpi>
      <div className="kpi" data-testid="kpi-bottleneck" data-value={bottleneck ?? ''}>
        <div className="kpi-label">{f.t('kpi.bottleneck')}</div>
        {bottleneck ? (
          <button
            type="button"
            className="kpi-value kpi-link"
            title={f.t('kpi.bottleneck.title')}
            onClick={selectBottleneck}
          >
            {bottleneckState && (
              <span className="state-dot" style={{ background: stateColour(bottleneckState, palette) }} />
            )}
            <span className="kpi-ellipsis">{bottleneckName}</span>
          </button>
        ) : (
          <div className="kpi-value">{f.t('kpi.bottleneck.none')}</div>
        )}
        {bottleneckState && <div className="kpi-detail">{f.state(bottleneckState)}</div>}
      </div>
    </div>
  );
}

interface KpiProps {
  name: string;
  f: Format;
  label: string;
  title?: string;
  /** The raw value (kept on the element for tests and tooling), and its text as shown. */
  value: number | undefined;
  text: string;
  source: FigureSource;
  series?: readonly number[];
  range?: [number, number];
  format?: (v: number) => string;
  children?: ReactNode;
}

function Kpi({ name, f, label, title, value, text, source, series, range, format, children }: KpiProps) {
  let trendTitle: string | undefined;
  if (series && series.length > 0 && format) {
    trendTitle = f.t('kpi.trend.title', {
      min: format(Math.min(...series)),
      max: format(Math.max(...series)),
    });
  }
  return (
    <div
      className={source === 'live' ? 'kpi' : 'kpi kpi-simulated'}
      data-testid={`kpi-${name}`}
      data-value={value ?? ''}
      data-source={source}
      title={title}
    >
      <div className="kpi-label">{label}</div>
      <div className="kpi-row">
        <span className="kpi-value">{text}</span>
        {series && <Sparkline values={series} min={range?.[0]} max={range?.[1]} title={trendTitle} />}
      </div>
      {children !== undefined && <div className="kpi-detail">{children}</div>}
    </div>
  );
}
