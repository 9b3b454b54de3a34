import type { MessageKey } from '../i18n/messages.js';
import type { Locale } from '../i18n/messages.js';
import { localeTag } from '../i18n/translate.js';

/** `GET /api/runs/compare?a&b`: per KPI the two means and b − a with its 95 % interval (NaN arrives as null). */
export interface Comparison {
  a: string;
  b: string;
  paired: boolean;
  kpis: Record<
    string,
    { a: number | null; b: number | null; difference: number | null; low: number | null; high: number | null }
  >;
}

/** Which way is better for the KPIs the factory simulation reports. */
const HIGHER_IS_BETTER: Record<string, boolean> = {
  orders_completed: true,
  throughput_orders_per_h: true,
  throughput_units_per_h: true,
  on_time_rate: true,
  mean_utilisation: true,
  mean_oee: true,
  orders_unfinished: false,
  makespan_h: false,
  mean_flow_time_h: false,
  weighted_tardiness_h: false,
  mean_wip: false,
  energy_kwh: false,
};
/** Shares, shown as percentages (their differences in percentage points). */
const SHARES = new Set(['on_time_rate', 'mean_utilisation', 'mean_oee']);
/** Bookkeeping, not a result: left out of the table. */
const HIDDEN = new Set(['events']);
/** Row order: outcomes planners look at first. */
const ORDER = Object.keys(HIGHER_IS_BETTER);

export type Verdict = 'better' | 'worse' | 'changed' | 'none';

export interface CompareRow {
  kpi: string;
  /** The KPI's name in the catalogue, when it has one (else show `kpi`). */
  labelKey?: MessageKey;
  a: string;
  b: string;
  difference: string;
  low: string;
  high: string;
  /** The 95 % interval of the difference excludes 0. */
  significant: boolean;
  verdict: Verdict;
}

const KNOWN_LABELS = new Set<string>([...ORDER, 'events']);

/** Rows of the side-by-side table, formatted for the locale, significant differences flagged. */
export function compareRows(c: Comparison, locale: Locale): CompareRow[] {
  const keys = Object.keys(c.kpis).filter((k) => !HIDDEN.has(k));
  keys.sort((x, y) => rank(x) - rank(y) || x.localeCompare(y));
  return keys.map((kpi) => {
    const v = c.kpis[kpi]!;
    const share = SHARES.has(kpi);
    const fmt = (x: number | null, signed = false): string => format(locale, x, share, signed);
    const significant = isNum(v.low) && isNum(v.high) && (v.low > 0 || v.high < 0);
    const higher = HIGHER_IS_BETTER[kpi];
    let verdict: Verdict = 'none';
    if (significant) {
      const up = v.low! > 0;
      verdict = higher === undefined ? 'changed' : up === higher ? 'better' : 'worse';
    }
    return {
      kpi,
      ...(KNOWN_LABELS.has(kpi) && { labelKey: `kpi.${kpi}` as MessageKey }),
      a: fmt(v.a),
      b: fmt(v.b),
      difference: fmt(v.difference, true),
      low: fmt(v.low, true),
      high: fmt(v.high, true),
      significant,
      verdict,
    };
  });
}

function rank(kpi: string): number {
  const i = ORDER.indexOf(kpi);
  return i < 0 ? ORDER.length : i;
}

function isNum(x: number | null): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/**
 * Shares as percentages (a difference of shares in percentage points, written the same way), other figures
 * with fewer decimals the larger they are; differences carry their sign.
 */
function format(locale: Locale, x: number | null, share: boolean, signed: boolean): string {
  if (!isNum(x)) return '—';
  const size = Math.abs(share ? x * 100 : x);
  const digits = size >= 100 ? 0 : size >= 10 ? 1 : 2;
  return new Intl.NumberFormat(localeTag(locale), {
    ...(share && { style: 'percent' as const }),
    maximumFractionDigits: digits,
    ...(signed && { signDisplay: 'exceptZero' as const }),
  }).format(x);
}
