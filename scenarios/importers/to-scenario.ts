import { CURRENT_FORMAT_VERSION, type Scenario } from '../schema.js';
import type { BenchmarkInstance } from './instance.js';

/** Benchmark times have no unit; the model reads them as seconds from an abstract start. */
export const BENCHMARK_START = '1970-01-01T00:00:00Z';
const GRID_COLUMNS = 5;
const SPACING_M = 6;

/** Machine `k` of a benchmark file is `M<k>`, numbered as in the file, so plans map back to it. */
export const benchmarkMachineId = (index: number) => `M${index}`;
export const benchmarkJobId = (job: number) => `J${job}`;
export const benchmarkOperationId = (op: number) => `O${op}`;

/**
 * A benchmark instance as a scenario: one product and one order of quantity 1 per job, its operations with
 * their eligible machines at fixed times, machines laid out on a grid. Raw (not yet validated).
 */
export function benchmarkToScenario(instance: BenchmarkInstance, name: string): Scenario {
  const machineIndices = Array.from({ length: instance.machineCount }, (_, i) => i + instance.firstMachine);
  const machines = machineIndices.map((index, i) => ({
    id: benchmarkMachineId(index),
    kind: 'generic' as const,
    line: 'L1',
    placement: {
      position: { x: (i % GRID_COLUMNS) * SPACING_M, y: Math.floor(i / GRID_COLUMNS) * SPACING_M },
      footprint: { width: 3, depth: 3 },
    },
  }));
  const products = instance.jobs.map((job, j) => ({
    id: benchmarkJobId(j),
    routing: job.operations.map((op, k) => ({
      id: benchmarkOperationId(k),
      alternatives: op.alternatives.map((alt) => ({
        machine: benchmarkMachineId(alt.machine),
        time: { kind: 'fixed' as const, value: alt.duration },
        per: 'lot' as const,
      })),
    })),
  }));
  const orders = instance.jobs.map((_, j) => ({
    id: benchmarkJobId(j),
    product: benchmarkJobId(j),
    quantity: 1,
    release: 0,
  }));
  return {
    formatVersion: CURRENT_FORMAT_VERSION,
    name,
    description: `${instance.format === 'orlib' ? 'OR-Library job shop' : 'flexible job shop (.fjs)'} instance`,
    start: BENCHMARK_START,
    site: { id: 'benchmark', name },
    areas: [{ id: 'A1' }],
    lines: [{ id: 'L1', area: 'A1' }],
    machines,
    products,
    orders,
  } as unknown as Scenario;
}
