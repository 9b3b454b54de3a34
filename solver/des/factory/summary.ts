import type { FactoryResult } from './kpis.js';

const hours = (s: number | null) => (s === null ? NaN : s / 3600);
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN);

/** The scalar KPIs of a factory run, named for tables and for intervals across replications. */
export function factoryKpis(r: FactoryResult): Record<string, number> {
  return {
    orders_completed: r.ordersCompleted,
    orders_unfinished: r.ordersUnfinished,
    throughput_orders_per_h: r.throughput.ordersPerHour,
    throughput_units_per_h: r.throughput.unitsPerHour,
    makespan_h: hours(r.makespanS),
    mean_flow_time_h: hours(r.meanFlowTimeS),
    weighted_tardiness_h: hours(r.totalWeightedTardinessS),
    on_time_rate: r.onTimeRate ?? NaN,
    mean_wip: r.meanWip,
    energy_kwh: r.energyKwh,
    mean_utilisation: mean(r.machines.map((m) => m.utilisation)),
    mean_oee: mean(r.machines.map((m) => m.oee.oee)),
    events: r.eventsProcessed,
  };
}
