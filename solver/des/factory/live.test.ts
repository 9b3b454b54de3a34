import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from './__fixtures__/scenario-file.js';
import type { FactoryListener } from './listener.js';
import { createFactoryRun } from './live.js';
import { simulateFactory, type FactoryInput } from './run.js';
import { stateName } from './states.js';
import { operationRows, stateChangeRows } from './trace.js';

const s = loadScenarioFile('small-plant.yaml');
const input: FactoryInput = { ...s, seed: 42 };

/** Records what a live run reports, in the shapes of the batch run's trace rows. */
function recorder() {
  const ends: [string, string, number, number][] = [];
  const starts: [string, string, number][] = [];
  // The last state per machine at each instant (several changes at one instant: the last one holds).
  const states = new Map<string, [number, string][]>();
  let model: ReturnType<typeof createFactoryRun>['model'] | undefined;
  const listener: FactoryListener = {
    init: (m) => (model = m),
    machineState(t, machine, state) {
      const id = model!.machines[machine]!.id;
      const list = states.get(id) ?? [];
      if (list.length > 0 && list[list.length - 1]![0] === t) list.pop();
      if (list.length === 0 || list[list.length - 1]![1] !== stateName(state))
        list.push([t, stateName(state)]);
      states.set(id, list);
    },
    operationStart(t, order, op, machine) {
      const o = model!.orders[order]!;
      starts.push([o.id, o.product.routing[op]!.id, t]);
      expect(model!.machines[machine]).toBeDefined();
    },
    operationEnd(t, order, op, machine) {
      const o = model!.orders[order]!;
      ends.push([o.id, o.product.routing[op]!.id, machine, t]);
    },
  };
  return { listener, ends, starts, states };
}

describe('live factory run', () => {
  it('reports, step by step, exactly the operations and states of the batch run', () => {
    const batch = simulateFactory({ ...input, trace: true });
    const rec = recorder();
    const run = createFactoryRun(input, rec.listener);
    // Advance in uneven slices, as a paced run would.
    let t = 0;
    for (let i = 0; run.unfinished > 0 && i < 1_000_000; i++) run.runUntil((t += 37 + (i % 5) * 113));
    expect(run.unfinished).toBe(0);

    const expected = operationRows(batch.trace!).map((o) => [o.order, o.operation, o.end]);
    expect(rec.ends.map(([o, op, , end]) => [o, op, end])).toEqual(expected);
    expect(rec.ends.length).toBeGreaterThan(10);
    // Every operation that ended had started before, no later than its processing start in the trace.
    const rows = operationRows(batch.trace!);
    for (const row of rows) {
      const start = rec.starts.find(([o, op]) => o === row.order && op === row.operation);
      expect(start, `${row.order}/${row.operation}`).toBeDefined();
      expect(start![2]).toBeLessThanOrEqual(row.start);
    }
    // States: the trace collapses flips within one instant; so does the recorder.
    for (const id of batch.trace!.machines) {
      const traced = stateChangeRows(batch.trace!, id).map((r) => [r.t, r.state]);
      expect(rec.states.get(id), id).toEqual(traced);
    }
  });

  it('exposes the machines and the clock of the run', () => {
    const run = createFactoryRun(input);
    run.runUntil(3_600);
    expect(run.sim.now).toBe(3_600);
    expect(run.wallMsOf(3_600)).toBe(s.startMs + 3_600_000);
    const machines = run.machines();
    expect(machines.map((m) => m.id)).toEqual(s.model.machines.map((m) => m.id));
    expect(machines.some((m) => m.state === 'running' || m.busyStations > 0)).toBe(true);
  });
});
