import { distributionMean } from '../distribution-stats.js';
import type { FactoryModel } from '../schema/factory.js';
import type { MachineInfo } from './machine-record.js';

/**
 * The store's view of the model's machines. The ideal cycle time of a machine is the mean per-unit time of the
 * operations it can run (lot times are not per part and are left out), an honest stand-in when the plant does
 * not report its own ideal rate.
 */
export function machinesFromModel(model: Pick<FactoryModel, 'machines' | 'products'>): MachineInfo[] {
  const perUnit = new Map<string, number[]>();
  for (const product of model.products) {
    for (const op of product.routing) {
      for (const alt of op.alternatives) {
        if ((alt.per ?? 'unit') !== 'unit') continue;
        const list = perUnit.get(alt.machine) ?? [];
        list.push(distributionMean(alt.time));
        perUnit.set(alt.machine, list);
      }
    }
  }
  return model.machines.map((m) => {
    const times = perUnit.get(m.id);
    const idealCycleS = times ? times.reduce((a, b) => a + b, 0) / times.length : 0;
    return {
      id: m.id,
      line: m.line,
      kind: m.kind,
      ...(m.powerKw && { powerKw: m.powerKw }),
      idealCycleS,
    };
  });
}
