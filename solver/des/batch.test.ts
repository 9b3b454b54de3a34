import { describe, expect, it } from 'vitest';
import { Batcher } from './batch.js';
import { Simulation, type ProcessBody } from './simulation.js';

function oven(sim: Simulation, batcher: Batcher<string>, trace: string[], cycles: number, cycleS = 10): void {
  sim.process(
    (function* (): ProcessBody {
      for (let i = 0; i < cycles; i++) {
        const batch = (yield batcher.take(3, 4, 25)) as string[];
        trace.push(`${sim.now} start ${batch.join('+')}`);
        yield cycleS;
      }
    })(),
  );
}

function arrive(
  sim: Simulation,
  batcher: Batcher<string>,
  at: number,
  item: string,
  family: string,
  units = 1,
) {
  sim.process(
    (function* (): ProcessBody {
      yield at;
      batcher.add(item, family, units);
    })(),
  );
}

describe('batch resource', () => {
  it('starts when a family reaches the minimum, takes it in order up to the maximum', () => {
    const sim = new Simulation();
    const b = new Batcher<string>(sim);
    const trace: string[] = [];
    oven(sim, b, trace, 2);
    arrive(sim, b, 1, 'a1', 'A');
    arrive(sim, b, 2, 'b1', 'B');
    arrive(sim, b, 3, 'a2', 'A');
    arrive(sim, b, 4, 'a3', 'A', 2);
    arrive(sim, b, 5, 'a4', 'A');
    sim.run(100);
    // At 4, family A has 1 + 1 + 2 = 4 units ≥ 3: a1, a2, a3 (4 units, the maximum) start; a4 waits.
    // a4 and b1 never reach 3 units: each goes when its wait reaches 25 (b1 at 27, a4 at 30 after the oven is free).
    expect(trace).toEqual(['4 start a1+a2+a3', '27 start b1']);
  });

  it('a partial batch starts after the maximum wait', () => {
    const sim = new Simulation();
    const b = new Batcher<string>(sim);
    const trace: string[] = [];
    oven(sim, b, trace, 1);
    arrive(sim, b, 10, 'x', 'A');
    sim.run(100);
    expect(trace).toEqual(['35 start x']);
  });

  it('an item larger than the maximum runs alone', () => {
    const sim = new Simulation();
    const b = new Batcher<string>(sim);
    const trace: string[] = [];
    oven(sim, b, trace, 2);
    arrive(sim, b, 0, 'big', 'A', 9);
    arrive(sim, b, 0, 'small', 'A', 1);
    sim.run(100);
    expect(trace).toEqual(['0 start big', '25 start small']);
  });
});
