import type { TwinKpis } from '../api/types.js';
import type { KpiSample, TimeView } from '../store/state.js';

/** Where a figure comes from: the live plant, the replayed past, or the active plan played forward. */
export type FigureSource = 'live' | 'replay' | 'future';

export interface Figure {
  value: number | undefined;
  source: FigureSource;
}

/** The figures of the KPI strip at the moment the user looks at (now, or the time scrubber's moment). */
export interface KpiFigures {
  oee: Figure;
  availability: Figure;
  performance: Figure;
  quality: Figure;
  throughputPerHour: Figure;
  wip: Figure;
  energyKwh: Figure;
  powerKw: Figure;
  bottleneck: string | undefined;
}

/** The trend keys the strip draws sparklines for. */
export type TrendKey = Exclude<keyof KpiSample, 'atMs'>;

const live = (value: number | undefined): Figure => ({ value, source: 'live' });

/**
 * The strip's figures: live KPIs, replaced figure by figure by those the time view gives when the user
 * scrubs to the past or the simulated future. When OEE comes from the time view its factors are unknown
 * there, so they are left empty rather than mixed with live factors.
 */
export function kpiFigures(kpis: TwinKpis | undefined, timeView: TimeView): KpiFigures {
  const figures: KpiFigures = {
    oee: live(kpis?.oee.oee),
    availability: live(kpis?.oee.availability),
    performance: live(kpis?.oee.performance),
    quality: live(kpis?.oee.quality),
    throughputPerHour: live(kpis?.throughputPerHour),
    wip: live(kpis?.wip),
    energyKwh: live(kpis?.energyKwh),
    powerKw: live(kpis?.powerKw),
    bottleneck: kpis?.bottleneck,
  };
  if (timeView.mode === 'live' || !timeView.kpis) return figures;
  const at = timeView.kpis;
  const source = timeView.mode;
  const from = (value: number | undefined, fallback: Figure): Figure =>
    value === undefined ? fallback : { value, source };
  if (at.oee !== undefined) {
    figures.oee = { value: at.oee, source };
    for (const k of ['availability', 'performance', 'quality'] as const)
      figures[k] = { value: undefined, source };
  }
  figures.throughputPerHour = from(at.throughputPerHour, figures.throughputPerHour);
  figures.wip = from(at.wip, figures.wip);
  figures.energyKwh = from(at.energyKwh, figures.energyKwh);
  figures.powerKw = from(at.powerKw, figures.powerKw);
  return figures;
}

/**
 * One figure's trend for its sparkline, oldest first. When replaying the past the trend stops at the
 * replayed moment, so the line ends where the figure shown comes from.
 */
export function trendSeries(trend: readonly KpiSample[], key: TrendKey, timeView: TimeView): number[] {
  const untilMs = timeView.mode === 'replay' ? timeView.atMs : Infinity;
  const out: number[] = [];
  for (let i = 0; i < trend.length; i++) {
    const s = trend[i]!;
    if (s.atMs > untilMs) break;
    out.push(s[key]);
  }
  return out;
}
