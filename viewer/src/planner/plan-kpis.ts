import type { MessageKey } from '../i18n/messages.js';

/** How to show one KPI of a plan: a catalogue name when known, and its value in a display unit. */
export interface PlanKpiRow {
  kpi: string;
  labelKey?: MessageKey;
  value: number;
  /** Unit message (`unit.hours`, `unit.ms`) taking `{value}`, or none for counts. */
  unitKey?: MessageKey;
  digits: number;
}

/** The scheduler's KPIs (connectors/service/production-scheduler.ts), seconds shown as hours. */
const KNOWN: Record<string, { unit?: 'hours' | 'ms' }> = {
  makespanS: { unit: 'hours' },
  weightedTardinessS: { unit: 'hours' },
  lateOrders: {},
  operationsMoved: {},
  machineChanges: {},
  iterations: {},
  firstFeasibleMs: { unit: 'ms' },
};
const ORDER = Object.keys(KNOWN);

export function planKpiRows(kpis: Readonly<Record<string, number>>): PlanKpiRow[] {
  return Object.keys(kpis)
    .filter((k) => typeof kpis[k] === 'number' && Number.isFinite(kpis[k]))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((kpi) => {
      const known = KNOWN[kpi];
      const raw = kpis[kpi]!;
      if (!known) return { kpi, value: raw, digits: 2 };
      const labelKey = `kpi.${kpi}` as MessageKey;
      if (known.unit === 'hours')
        return { kpi, labelKey, value: raw / 3600, unitKey: 'unit.hours', digits: 1 };
      if (known.unit === 'ms') return { kpi, labelKey, value: raw, unitKey: 'unit.ms', digits: 0 };
      return { kpi, labelKey, value: raw, digits: 0 };
    });
}

function rank(kpi: string): number {
  const i = ORDER.indexOf(kpi);
  return i < 0 ? ORDER.length : i;
}
