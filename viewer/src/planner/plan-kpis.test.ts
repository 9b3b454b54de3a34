import { describe, expect, it } from 'vitest';
import { planKpiRows } from './plan-kpis.js';

describe('plan KPI rows', () => {
  it('shows the scheduler KPIs first, seconds as hours, unknown ones after, non-numbers dropped', () => {
    const rows = planKpiRows({
      zeta: 1.5,
      lateOrders: 3,
      makespanS: 7200,
      firstFeasibleMs: 40,
      broken: Number.NaN,
    });
    expect(rows.map((r) => r.kpi)).toEqual(['makespanS', 'lateOrders', 'firstFeasibleMs', 'zeta']);
    expect(rows[0]).toEqual({
      kpi: 'makespanS',
      labelKey: 'kpi.makespanS',
      value: 2,
      unitKey: 'unit.hours',
      digits: 1,
    });
    expect(rows[1]).toEqual({ kpi: 'lateOrders', labelKey: 'kpi.lateOrders', value: 3, digits: 0 });
    expect(rows[3]).toEqual({ kpi: 'zeta', value: 1.5, digits: 2 });
  });
});
