import { describe, expect, it } from 'vitest';
import { compareRows, type Comparison } from './compare-table.js';

const comparison: Comparison = {
  a: 'baseline',
  b: 's1-down',
  paired: true,
  kpis: {
    events: { a: 1e5, b: 1.1e5, difference: 1e4, low: 9e3, high: 1.1e4 },
    makespan_h: { a: 120.4, b: 131.25, difference: 10.75, low: 8.5, high: 13 },
    on_time_rate: { a: 0.9, b: 0.85, difference: -0.05, low: -0.08, high: -0.02 },
    orders_completed: { a: 100, b: 101, difference: 1, low: -2, high: 4 },
    mystery_kpi: { a: 1, b: 3, difference: 2, low: 1, high: 3 },
    energy_kwh: { a: 5000, b: 4800, difference: -200, low: -300, high: -100 },
    mean_oee: { a: null, b: null, difference: null, low: null, high: null },
  },
};

describe('comparison table', () => {
  const rows = compareRows(comparison, 'en');
  const row = (k: string) => rows.find((r) => r.kpi === k)!;

  it('orders known KPIs first, unknown ones after, bookkeeping left out', () => {
    expect(rows.map((r) => r.kpi)).toEqual([
      'orders_completed',
      'on_time_rate',
      'mean_oee',
      'makespan_h',
      'energy_kwh',
      'mystery_kpi',
    ]);
    expect(row('makespan_h').labelKey).toBe('kpi.makespan_h');
    expect(row('mystery_kpi').labelKey).toBeUndefined();
  });

  it('flags a difference whose interval excludes zero, better or worse by the KPI', () => {
    expect(row('makespan_h')).toMatchObject({ significant: true, verdict: 'worse' });
    expect(row('energy_kwh')).toMatchObject({ significant: true, verdict: 'better' });
    expect(row('on_time_rate')).toMatchObject({ significant: true, verdict: 'worse' });
    expect(row('orders_completed')).toMatchObject({ significant: false, verdict: 'none' });
    expect(row('mystery_kpi')).toMatchObject({ significant: true, verdict: 'changed' });
    expect(row('mean_oee')).toMatchObject({ significant: false, verdict: 'none', a: '—' });
  });

  it('formats values per locale: shares as percentages, differences signed', () => {
    expect(row('makespan_h')).toMatchObject({
      a: '120',
      b: '131',
      difference: '+10.8',
      low: '+8.5',
      high: '+13',
    });
    expect(row('on_time_rate')).toMatchObject({ a: '90%', b: '85%', difference: '-5%' });
    expect(row('energy_kwh').a).toBe('5,000');
    const zh = compareRows(comparison, 'zh').find((r) => r.kpi === 'energy_kwh')!;
    expect(zh.a).toBe('5,000');
    expect(zh.difference).toBe('-200');
  });
});
