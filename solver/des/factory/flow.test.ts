import { describe, expect, it } from 'vitest';
import { travelTimeS } from '../../../twin/distances.js';
import type { Transporter } from '../../../twin/schema/structure.js';
import { fixed, machine, model, op, order, product, run } from './__fixtures__/tiny.js';
import { operationRows, stateChangeRows } from './trace.js';

const states = (r: ReturnType<typeof run>, m: string) =>
  stateChangeRows(r.trace!, m).map((row) => [row.t, row.state]);
const ops = (r: ReturnType<typeof run>) =>
  operationRows(r.trace!).map((o) => [o.order, o.operation, o.machine, o.start, o.end]);

describe('breakdowns (preempt-resume)', () => {
  // ttf 70 s, ttr 20 s, both fixed; one lot of 130 s of work released at 50.
  const plant = (failureClock: 'operating' | 'calendar') =>
    model({
      machines: [machine('M1', { ttf: fixed(70), ttr: fixed(20), failureClock })],
      products: [product('P', [op('a', ['M1'], 130, { per: 'lot' })])],
    });

  it('on the operating clock: fails after 70 s of processing, resumes the remaining 60 s', () => {
    const r = run(plant('operating'), [order('O1', 'P', 1, { release: 50 })]);
    expect(states(r, 'M1')).toEqual([
      [0, 'starved'],
      [50, 'running'],
      [120, 'down'],
      [140, 'running'],
      [200, 'starved'],
    ]);
    expect(ops(r)).toEqual([['O1', 'a', 'M1', 50, 200]]);
    expect(r.machines[0]!.failures).toBe(1);
  });

  it('on the calendar clock: fails at 70 and 160 whatever the machine does', () => {
    const r = run(plant('calendar'), [order('O1', 'P', 1, { release: 50 })]);
    // 20 s done by 70, 70 more by 160, the last 40 after the second repair.
    expect(states(r, 'M1')).toEqual([
      [0, 'starved'],
      [50, 'running'],
      [70, 'down'],
      [90, 'running'],
      [160, 'down'],
      [180, 'running'],
      [220, 'starved'],
    ]);
    expect(r.machines[0]!.failures).toBe(2);
    expect(r.machines[0]!.secondsByState.down).toBe(40);
  });

  it('takes down every station of a two-station machine; both resume', () => {
    const m = model({
      machines: [machine('M1', { capacity: 2, ttf: fixed(40), ttr: fixed(10), failureClock: 'calendar' })],
      products: [product('P', [op('a', ['M1'], 100, { per: 'lot' })])],
    });
    const r = run(m, [order('O1', 'P', 1), order('O2', 'P', 1)]);
    // Failures at 40 and 90, 10 s each: 40 + 40 + 20 s of work.
    expect(ops(r)).toEqual([
      ['O1', 'a', 'M1', 0, 120],
      ['O2', 'a', 'M1', 0, 120],
    ]);
    expect(r.machines[0]!.runS).toBe(200); // station-seconds
    expect(states(r, 'M1')).toEqual([
      [0, 'running'],
      [40, 'down'],
      [50, 'running'],
      [90, 'down'],
      [100, 'running'],
      [120, 'starved'],
    ]);
  });
});

describe('buffers', () => {
  it('a full buffer of capacity 1 blocks the upstream machine', () => {
    const m = model({
      machines: [machine('M1', { outputBuffer: 'B1' }), machine('M2', { inputBuffer: 'B1' })],
      buffers: [
        { id: 'B1', capacity: 1, placement: { position: { x: 0, y: 0 }, footprint: { width: 1, depth: 1 } } },
      ],
      products: [product('P', [op('a', ['M1'], 10, { per: 'lot' }), op('b', ['M2'], 100, { per: 'lot' })])],
    });
    const r = run(m, [order('O1', 'P', 1), order('O2', 'P', 1), order('O3', 'P', 1)], { rule: 'fifo' });
    // O2 waits in B1 while M2 works on O1, so O3 cannot leave M1 until M2 takes O2 at 110.
    expect(states(r, 'M1')).toEqual([
      [0, 'running'],
      [30, 'blocked'],
      [110, 'starved'],
    ]);
    expect(states(r, 'M2')).toEqual([
      [0, 'starved'],
      [10, 'running'],
      [310, 'starved'],
    ]);
    expect(r.orders.map((o) => o.completionS)).toEqual([110, 210, 310]);
    expect(r.machines[0]!.secondsByState.blocked).toBe(80);
  });
});

describe('batch machines', () => {
  it('start at minUnits, or with fewer once the first lot has waited maxWaitS', () => {
    const m = model({
      machines: [machine('OV', { batch: { maxUnits: 10, minUnits: 6, maxWaitS: 500 } })],
      products: [product('P', [op('heat', ['OV'], 1000, { per: 'lot', batchFamily: 'f' })])],
    });
    const orders = [
      order('O1', 'P', 4),
      order('O2', 'P', 4, { release: 100 }), // 8 units ≥ 6: the batch starts
      order('O3', 'P', 3, { release: 1200 }), // alone: waits 500 s
      order('O4', 'P', 5, { release: 1300 }), // 8 units would fit, but O3+O4 ≥ 6 at 1300
    ];
    const r = run(m, orders);
    expect(ops(r)).toEqual([
      ['O1', 'heat', 'OV', 100, 1100],
      ['O2', 'heat', 'OV', 100, 1100],
      ['O3', 'heat', 'OV', 1300, 2300],
      ['O4', 'heat', 'OV', 1300, 2300],
    ]);
    expect(states(r, 'OV')).toEqual([
      [0, 'idle'],
      [100, 'running'],
      [1100, 'starved'],
      [1200, 'idle'],
      [1300, 'running'],
      [2300, 'starved'],
    ]);
  });

  it('starts a partial batch after maxWaitS and keeps families apart', () => {
    const m = model({
      machines: [machine('OV', { batch: { maxUnits: 10, minUnits: 6, maxWaitS: 500 } })],
      products: [
        product('P', [op('heat', ['OV'], 1000, { per: 'lot', batchFamily: 'f' })]),
        product('Q', [op('heat', ['OV'], 800, { per: 'lot', batchFamily: 'g' })]),
      ],
    });
    const r = run(m, [order('O1', 'P', 3), order('O2', 'Q', 4, { release: 100 })], { rule: 'fifo' });
    expect(ops(r)).toEqual([
      ['O1', 'heat', 'OV', 500, 1500],
      ['O2', 'heat', 'OV', 1500, 2300], // its 500 s ran out at 600, while the oven was busy
    ]);
  });
});

describe('transport', () => {
  const agv: Transporter = {
    id: 'AGV',
    kind: 'agv',
    speedMps: 2,
    loadS: 5,
    unloadS: 5,
    home: { x: 0, y: 10 },
  } as Transporter;
  const at = (x: number, y: number) => ({
    placement: { position: { x, y }, footprint: { width: 1, depth: 1 } },
  });
  const plant = (transporters: Transporter[]) =>
    model({
      machines: [machine('M1', at(0, 0)), machine('M2', at(30, 40))],
      transporters,
      products: [product('P', [op('a', ['M1'], 10, { per: 'lot' }), op('b', ['M2'], 10, { per: 'lot' })])],
    });

  it('an AGV drives empty from home, then carries the lot: travel from the layout', () => {
    const r = run(plant([agv]), [order('O1', 'P', 1)]);
    // Empty 10 m / 2 m/s = 5 s; loaded 5 + 70 m (rectilinear) / 2 + 5 = 45 s.
    const loaded = travelTimeS(agv, { x: 0, y: 0 }, { x: 30, y: 40 });
    expect(loaded).toBe(45);
    expect(ops(r)).toEqual([
      ['O1', 'a', 'M1', 0, 10],
      ['O1', 'b', 'M2', 10 + 5 + loaded, 20 + 5 + loaded],
    ]);
    expect(r.transporters).toEqual([{ id: 'AGV', trips: 1, busyS: 50, utilisation: 50 / 70 }]);
  });

  it('a conveyor linking the two machines carries the lot (straight-line distance), not the AGV', () => {
    const belt = {
      id: 'CV',
      kind: 'conveyor',
      speedMps: 1,
      loadS: 2,
      unloadS: 3,
      capacity: 2,
      from: 'M1',
      to: 'M2',
    };
    const r = run(plant([agv, belt as Transporter]), [order('O1', 'P', 1)]);
    // 2 + 50 m / 1 m/s + 3.
    expect(ops(r)[1]).toEqual(['O1', 'b', 'M2', 65, 75]);
    expect(r.transporters.map((t) => [t.id, t.trips])).toEqual([
      ['AGV', 0],
      ['CV', 1],
    ]);
  });

  it('without transporters moves are instantaneous', () => {
    const r = run(plant([]), [order('O1', 'P', 1)]);
    expect(ops(r)[1]).toEqual(['O1', 'b', 'M2', 10, 20]);
  });

  it('one AGV serves moves one after the other, starting from where it dropped the last lot', () => {
    const r = run(plant([agv]), [order('O1', 'P', 1), order('O2', 'P', 1)], { rule: 'fifo' });
    // O2 leaves M1 at 20; the AGV is back at M1 only after dropping O1 at 60 and driving 35 s empty.
    expect(ops(r).map((o) => o.slice(0, 4))).toEqual([
      ['O1', 'a', 'M1', 0],
      ['O2', 'a', 'M1', 10],
      ['O1', 'b', 'M2', 60],
      ['O2', 'b', 'M2', 140],
    ]);
  });
});

describe('routing', () => {
  it('alternatives balance two machines by expected finish; ties go to the first machine', () => {
    const m = model({
      machines: [machine('M1'), machine('M2')],
      products: [product('P', [op('a', ['M1', 'M2'], 100, { per: 'lot' })])],
    });
    const r = run(
      m,
      ['O1', 'O2', 'O3', 'O4'].map((id) => order(id, 'P', 1)),
      { rule: 'fifo' },
    );
    expect(ops(r).map(([o, , mach, start]) => [o, mach, start])).toEqual([
      ['O1', 'M1', 0],
      ['O2', 'M2', 0],
      ['O3', 'M1', 100],
      ['O4', 'M2', 100],
    ]);
    expect(r.makespanS).toBe(200);
  });

  it('a minimum lag holds the lot back after its previous operation', () => {
    const m = model({
      machines: [machine('M1'), machine('M2')],
      products: [
        product('P', [
          op('a', ['M1'], 10, { per: 'lot' }),
          op('b', ['M2'], 10, { per: 'lot', minLagS: 600 }),
        ]),
      ],
    });
    expect(ops(run(m, [order('O1', 'P', 1)]))[1]).toEqual(['O1', 'b', 'M2', 610, 620]);
  });

  it('scrap loses units on the way; rework lengthens the operation', () => {
    const m = model({
      machines: [machine('M1'), machine('M2')],
      products: [
        product('P', [op('a', ['M1'], 1, { scrapRate: 0.3 }), op('b', ['M2'], 1, { reworkRate: 0.2 })]),
      ],
    });
    const r = run(m, [order('O1', 'P', 1000)], { seed: 7 });
    const o = r.orders[0]!;
    expect(o.unitsGood + o.unitsScrapped).toBe(1000);
    expect(o.unitsScrapped).toBeGreaterThan(250);
    expect(o.unitsScrapped).toBeLessThan(350);
    const [m1, m2] = r.machines;
    expect(m1!.unitsIn).toBe(1000);
    expect(m1!.oee.quality).toBeCloseTo(o.unitsGood / 1000, 12);
    expect(m2!.unitsIn).toBe(o.unitsGood);
    expect(m2!.unitsReworked).toBeGreaterThan(0);
    // M2 ran its units once and the reworked ones twice (1 s each).
    expect(m2!.runS).toBeCloseTo(o.unitsGood + m2!.unitsReworked, 9);
    expect(m2!.oee.quality).toBe(1);
  });
});
