import { describe, expect, it } from 'vitest';
import { machine, model, op, order, product, run } from './__fixtures__/tiny.js';
import { operationRows, stateChangeRows } from './trace.js';

const states = (r: ReturnType<typeof run>, m: string) =>
  stateChangeRows(r.trace!, m).map((row) => [row.t, row.state]);
const ops = (r: ReturnType<typeof run>) =>
  operationRows(r.trace!).map((o) => [o.order, o.operation, o.machine, o.start, o.end, o.setupS]);

describe('one machine', () => {
  it('runs one order in exactly quantity × time per unit', () => {
    const m = model({ machines: [machine('M1')], products: [product('P', [op('a', ['M1'], 10)])] });
    const r = run(m, [order('O1', 'P', 3)]);
    expect(ops(r)).toEqual([['O1', 'a', 'M1', 0, 30, 0]]);
    expect(states(r, 'M1')).toEqual([
      [0, 'running'],
      [30, 'starved'],
    ]);
    expect(r.orders[0]).toMatchObject({ completionS: 30, flowTimeS: 30, unitsGood: 3, unitsScrapped: 0 });
    expect([r.makespanS, r.endS, r.ordersCompleted, r.ordersUnfinished]).toEqual([30, 30, 1, 0]);
    expect(r.machines[0]!.secondsByState.running).toBe(30);
    expect(r.machines[0]!.oee).toEqual({ availability: 1, performance: 1, quality: 1, oee: 1 });
  });

  it('inserts sequence-dependent setups from the matrix (initial, change, explicit change)', () => {
    const m = model({
      machines: [machine('M1', { setupMatrix: 'S' })],
      setupMatrices: [
        {
          id: 'S',
          defaultS: 100,
          sameFamilyS: 10,
          initialS: 50,
          changes: [{ from: 'fb', to: 'fa', durationS: 30 }],
        },
      ],
      products: [
        product('PA', [op('a', ['M1'], 20, { setupFamily: 'fa' })]),
        product('PB', [op('b', ['M1'], 20, { setupFamily: 'fb' })]),
      ],
    });
    const orders = [
      order('O1', 'PA', 1),
      order('O2', 'PB', 1, { release: 1 }),
      order('O3', 'PA', 1, { release: 2 }),
      order('O4', 'PA', 1, { release: 3 }),
    ];
    const r = run(m, orders, { rule: 'fifo' });
    expect(ops(r)).toEqual([
      ['O1', 'a', 'M1', 50, 70, 50], // initial setup
      ['O2', 'b', 'M1', 170, 190, 100], // fa → fb: default
      ['O3', 'a', 'M1', 220, 240, 30], // fb → fa: explicit change
      ['O4', 'a', 'M1', 250, 270, 10], // same family
    ]);
    expect(states(r, 'M1')).toEqual([
      [0, 'setup'],
      [50, 'running'],
      [70, 'setup'],
      [170, 'running'],
      [190, 'setup'],
      [220, 'running'],
      [240, 'setup'],
      [250, 'running'],
      [270, 'starved'],
    ]);
    expect(r.machines[0]!.secondsByState.setup).toBe(190);
  });
});

describe('calendars and windows', () => {
  const allWeek = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

  it('pauses an operation over a shift break: it ends later by the break length', () => {
    const m = model({
      machines: [machine('M1', { calendar: 'C' })],
      calendars: [
        {
          id: 'C',
          shifts: [
            {
              name: 'day',
              days: allWeek,
              start: '00:00',
              end: '24:00',
              breaks: [{ start: '01:00', end: '01:30' }],
            },
          ],
        },
      ],
      products: [product('P', [op('a', ['M1'], 3000, { per: 'lot' })])],
    });
    const r = run(m, [order('O1', 'P', 1, { release: 1800 })]);
    // 30 min of work before the break, 20 min after it: 4800 + 1800.
    expect(ops(r)).toEqual([['O1', 'a', 'M1', 1800, 6600, 0]]);
    expect(states(r, 'M1')).toEqual([
      [0, 'starved'],
      [1800, 'running'],
      [3600, 'off'],
      [5400, 'running'],
      [6600, 'starved'],
    ]);
    // Planned time excludes the break: 6600 − 1800; the machine ran all of its 3000 s inside it.
    expect(r.machines[0]!.plannedS).toBe(4800);
    expect(r.machines[0]!.runS).toBe(3000);
  });

  it('starts nothing in a closed calendar and reads shifts in the site time zone', () => {
    // Shanghai 08:00 = 00:00 UTC = START: the shift opens at 08:00 local, i.e. second 0.
    const m = model({
      site: { id: 'site', name: 'x', timezone: 'Asia/Shanghai', calendar: 'C' },
      machines: [machine('M1')],
      calendars: [{ id: 'C', shifts: [{ name: 'day', days: allWeek, start: '09:00', end: '17:00' }] }],
      products: [product('P', [op('a', ['M1'], 100, { per: 'lot' })])],
    });
    const r = run(m, [order('O1', 'P', 1)]);
    expect(ops(r)).toEqual([['O1', 'a', 'M1', 3600, 3700, 0]]);
    expect(states(r, 'M1').slice(0, 3)).toEqual([
      [0, 'off'],
      [3600, 'running'],
      [3700, 'starved'],
    ]);
  });

  it('pauses over a maintenance window (maintenance state) and starts nothing in one', () => {
    const m = model({
      machines: [machine('M1', { maintenance: [{ start: 100, end: 200 }] })],
      products: [
        product('P', [op('a', ['M1'], 150, { per: 'lot' })]),
        product('Q', [op('b', ['M1'], 50, { per: 'lot' })]),
      ],
    });
    const r = run(m, [order('O1', 'P', 1), order('O2', 'Q', 1, { release: 120 })], { rule: 'fifo' });
    expect(ops(r)).toEqual([
      ['O1', 'a', 'M1', 0, 250, 0],
      ['O2', 'b', 'M1', 250, 300, 0],
    ]);
    expect(states(r, 'M1')).toEqual([
      [0, 'running'],
      [100, 'maintenance'],
      [200, 'running'],
      [300, 'starved'],
    ]);
    const k = r.machines[0]!;
    expect([k.secondsByState.maintenance, k.plannedS, k.runS, k.oee.availability]).toEqual([
      100, 200, 200, 1,
    ]);
  });

  it('a known downtime window makes the machine down and counts against availability', () => {
    const m = model({
      machines: [machine('M1', { downtime: [{ start: 0, end: 40 }] })],
      products: [product('P', [op('a', ['M1'], 60, { per: 'lot' })])],
    });
    const r = run(m, [order('O1', 'P', 1)]);
    expect(ops(r)).toEqual([['O1', 'a', 'M1', 40, 100, 0]]);
    expect(states(r, 'M1')).toEqual([
      [0, 'down'],
      [40, 'running'],
      [100, 'starved'],
    ]);
    expect(r.machines[0]!.oee.availability).toBeCloseTo(0.6, 12);
  });

  it('names the operation whose only machine never opens', () => {
    const m = model({
      machines: [machine('M1', { calendar: 'sundays' })],
      calendars: [{ id: 'sundays', shifts: [{ name: 's', days: ['sun'], start: '08:00', end: '16:00' }] }],
      products: [product('P', [op('a', ['M1'], 10)])],
    });
    expect(() => run(m, [order('O1', 'P', 1)], { horizonS: 3 * 86_400 })).toThrow(
      /order "O1" cannot be made: operation "a" of product "P" runs only on "M1", which has no open time/,
    );
  });
});

describe('queues, releases and statistics', () => {
  const plant = model({
    machines: [machine('M1', { powerKw: { running: 36, idle: 3.6 } })],
    products: [10, 20, 30].map((s) => product(`P${s}`, [op('a', ['M1'], s, { per: 'lot' })])),
  });
  // O0 keeps M1 busy until 30 while the others queue.
  const orders = [
    order('O0', 'P30', 1),
    order('O1', 'P30', 1, { release: 1, due: 100 }),
    order('O2', 'P20', 1, { release: 2, due: 300 }),
    order('O3', 'P10', 1, { release: 3, due: 200 }),
  ];
  const sequence = (rule: 'fifo' | 'spt' | 'edd') =>
    operationRows(run(plant, orders, { rule }).trace!).map((o) => `${o.order}@${o.start}`);

  it('the machine takes its queue by the dispatching rule', () => {
    expect(sequence('fifo')).toEqual(['O0@0', 'O1@30', 'O2@60', 'O3@80']);
    expect(sequence('spt')).toEqual(['O0@0', 'O3@30', 'O2@40', 'O1@60']);
    expect(sequence('edd')).toEqual(['O0@0', 'O1@30', 'O3@60', 'O2@70']);
  });

  it('reports tardiness, on-time rate, WIP, throughput and energy', () => {
    const r = run(plant, orders, { rule: 'spt' });
    // SPT: O3 ends 40, O2 60, O1 90 (due 100), O0 30: all on time.
    expect(r.orders.map((o) => [o.id, o.completionS, o.tardinessS, o.onTime])).toEqual([
      ['O0', 30, 0, true],
      ['O1', 90, 0, true],
      ['O2', 60, 0, true],
      ['O3', 40, 0, true],
    ]);
    expect(r.onTimeRate).toBe(1);
    // FIFO with O3 due at 50 (weight 2): it ends at 90, 40 s late.
    const rush = [...orders.slice(0, 3), order('O3', 'P10', 1, { release: 3, due: 50, weight: 2 })];
    const fifo = run(plant, rush, { rule: 'fifo' });
    expect(fifo.orders[3]).toMatchObject({ completionS: 90, tardinessS: 40, onTime: false });
    expect(fifo.totalWeightedTardinessS).toBe(80);
    expect(fifo.onTimeRate).toBe(0.75);
    // Lots on the floor: 1 on [0,1), 2, 3, then 4 until 30, 3 until 60, 2 until 80, 1 until 90.
    expect(r.meanWip * 90).toBeCloseTo(1 + 2 + 3 + 4 * 27 + 3 * 10 + 2 * 20 + 30, 9);
    expect(r.throughput.ordersPerHour).toBeCloseTo(4 / (90 / 3600), 9);
    // 90 s running at 36 kW = 0.9 kWh; never idle or starved in between.
    expect(r.energyKwh).toBeCloseTo(0.9, 12);
  });

  it('counts statistics from the warm-up on', () => {
    const r = run(plant, [order('O0', 'P30', 1)], { warmupS: 10 });
    expect(r.machines[0]!.secondsByState.running).toBe(20);
    expect(r.machines[0]!.runS).toBe(20);
    expect(r.meanWip).toBe(1);
  });

  it('stops at the horizon with unfinished orders', () => {
    const r = run(plant, [order('O0', 'P30', 1)], { horizonS: 20 });
    expect([r.endS, r.ordersCompleted, r.ordersUnfinished, r.onTimeRate]).toEqual([20, 0, 1, 0]);
    expect(r.orders[0]).toMatchObject({ completionS: null, onTime: null });
    expect(r.machines[0]!.secondsByState.running).toBe(20);
  });

  it('skips operations reported done and resumes a running one at second 0 with its remaining share', () => {
    const m = model({
      machines: [machine('M1'), machine('M2', { setupMatrix: 'S' })],
      setupMatrices: [{ id: 'S', defaultS: 50, initialS: 100 }],
      products: [product('P', [op('a', ['M1'], 10), op('b', ['M2'], 10, { setupFamily: 'f' })])],
    });
    const progress = [
      { operation: 'a', status: 'done', completedUnits: 8, machine: 'M1' }, // 2 units were scrapped
      { operation: 'b', status: 'running', completedUnits: 4, machine: 'M2' },
    ];
    const r = run(m, [order('O1', 'P', 10, { progress }), order('O2', 'P', 10)], { rule: 'fifo' });
    // O1: half of 8 units × 10 s left, no setup; M2 stays set up for family f, so O2 needs none either.
    expect(ops(r)).toEqual([
      ['O1', 'b', 'M2', 0, 40, 0],
      ['O2', 'a', 'M1', 0, 100, 0],
      ['O2', 'b', 'M2', 100, 200, 0],
    ]);
    expect(r.orders[0]).toMatchObject({ completionS: 40, unitsGood: 8 });
  });
});
