import type { FactoryInput } from '../solver/des/factory/run.js';
import type { FactoryTask } from '../solver/protocol.js';
import { modelOf, type Scenario } from './schema.js';

/** The simulation input as a replication task carries it to a worker. */
export type PlantSimulationInput = FactoryTask['input'];

/**
 * What the factory simulation runs for a plant scenario: its model and orders, its start, and its experiment's
 * rule, horizon and warm-up unless `overrides` says otherwise. One place for the CLI and the service.
 */
export function plantSimulationInput(
  scenario: Scenario,
  overrides: Pick<FactoryInput, 'rule' | 'horizonS' | 'warmupS'> = {},
): PlantSimulationInput {
  const horizonS = overrides.horizonS ?? scenario.experiment?.horizonS;
  const warmupS = overrides.warmupS ?? scenario.experiment?.warmupS;
  return {
    model: modelOf(scenario),
    orders: scenario.orders,
    startMs: Date.parse(scenario.start),
    rule: overrides.rule ?? scenario.experiment?.dispatchRule ?? 'edd',
    ...(horizonS !== undefined && { horizonS }),
    ...(warmupS !== undefined && { warmupS }),
  };
}
