import { describe, expect, it } from 'vitest';
import { checkFactoryModel } from './model-checks.js';
import type { FactoryModel } from '../schema/factory.js';

const place = (x: number, y: number) => ({ position: { x, y }, footprint: { width: 2, depth: 2 } });

/** A small model that uses every kind of reference the checks follow; fresh on every call. */
function validModel(): FactoryModel {
  const model = {
    site: { id: 'site', name: 'Test plant', calendar: 'day' },
    areas: [{ id: 'hall' }],
    lines: [{ id: 'turning', area: 'hall' }],
    machines: [
      {
        id: 'M1',
        kind: 'cnc-lathe',
        line: 'turning',
        placement: place(0, 0),
        setupMatrix: 'sm',
        calendar: 'day',
        ttf: { kind: 'exponential', mean: 72000 },
        ttr: { kind: 'lognormal', mean: 2700, sd: 1200 },
        maintenance: [{ start: '2026-11-25T06:00:00+08:00', end: '2026-11-25T10:00:00+08:00' }],
        outputBuffer: 'B1',
      },
      {
        id: 'OV1',
        kind: 'heat-treatment-oven',
        line: 'turning',
        placement: place(5, 0),
        batch: { maxUnits: 100, minUnits: 20 },
        downtime: [{ start: 3600, end: 7200 }],
      },
    ],
    buffers: [{ id: 'B1', line: 'turning', capacity: 4, placement: place(2, 2) }],
    transporters: [
      { id: 'C1', kind: 'conveyor', speedMps: 0.5, from: 'M1', to: 'B1' },
      { id: 'AGV1', kind: 'agv', speedMps: 1.2 },
    ],
    calendars: [
      {
        id: 'day',
        shifts: [
          {
            name: 'early',
            days: ['mon'],
            start: '06:00',
            end: '14:00',
            breaks: [{ start: '10:00', end: '10:30' }],
          },
        ],
      },
    ],
    setupMatrices: [{ id: 'sm', defaultS: 600 }],
    operators: [{ id: 'op1', skills: ['setup-lathe'], calendar: 'day' }],
    products: [
      {
        id: 'shaft',
        routing: [
          {
            id: 'turn',
            alternatives: [{ machine: 'M1', time: { kind: 'triangular', min: 40, mode: 45, max: 60 } }],
            skill: 'setup-lathe',
          },
          {
            id: 'harden',
            alternatives: [{ machine: 'OV1', time: { kind: 'fixed', value: 7200 }, per: 'lot' }],
            batchFamily: 'case',
            minLagS: 60,
            maxLagS: 600,
          },
        ],
      },
      {
        id: 'assembly',
        routing: [
          {
            id: 'assemble',
            alternatives: [{ machine: 'M1', time: { kind: 'empirical', values: [25, 30], weights: [1, 2] } }],
          },
        ],
        bom: [{ product: 'shaft', quantity: 2, atOperation: 'assemble' }],
      },
    ],
  };
  return model as unknown as FactoryModel;
}

const broken = (mutate: (m: FactoryModel) => void) => {
  const model = validModel();
  mutate(model);
  return checkFactoryModel(model).issues;
};
/** [code, path] of every issue after breaking the valid model with `mutate`. */
const issuesAfter = (mutate: (m: FactoryModel) => void) => broken(mutate).map((i) => [i.code, i.path]);
const messagesAfter = (mutate: (m: FactoryModel) => void) => broken(mutate).map((i) => i.message);

describe('checkFactoryModel', () => {
  it('finds nothing wrong with the valid model and indexes its ids', () => {
    const { issues, index } = checkFactoryModel(validModel());
    expect(issues).toEqual([]);
    expect([...index.machines.keys()]).toEqual(['M1', 'OV1']);
    expect([...index.products.keys()]).toEqual(['shaft', 'assembly']);
  });

  it('reports a duplicate machine id', () => {
    expect(issuesAfter((m) => m.machines.push(structuredClone(m.machines[0]!)))).toEqual([
      ['TWIN_E_DUPLICATE_ID', 'machines[2].id'],
    ]);
  });

  it('reports a buffer id that is already a machine id', () => {
    const after = (m: FactoryModel) =>
      m.buffers!.push({ id: 'OV1', capacity: 1, placement: place(9, 9) } as never);
    expect(issuesAfter(after)).toEqual([['TWIN_E_DUPLICATE_ID', 'buffers[1].id']]);
    expect(messagesAfter(after)[0]).toContain('"OV1" is already a machine id');
  });

  it('reports an unknown line, naming the known ones', () => {
    const after = (m: FactoryModel) => (m.machines[1]!.line = 'painting' as never);
    expect(issuesAfter(after)).toEqual([['TWIN_E_UNKNOWN_REFERENCE', 'machines[1].line']]);
    expect(messagesAfter(after)[0]).toBe('unknown line "painting" (known: turning)');
  });

  it('reports unknown calendars wherever they are named', () => {
    const after = (m: FactoryModel) => {
      m.site.calendar = 'night' as never;
      m.machines[0]!.calendar = 'night' as never;
      m.operators![0]!.calendar = 'night' as never;
    };
    expect(issuesAfter(after)).toEqual([
      ['TWIN_E_UNKNOWN_REFERENCE', 'site.calendar'],
      ['TWIN_E_UNKNOWN_REFERENCE', 'machines[0].calendar'],
      ['TWIN_E_UNKNOWN_REFERENCE', 'operators[0].calendar'],
    ]);
  });

  it('reports an unknown setup matrix and unknown buffers', () => {
    const after = (m: FactoryModel) => {
      m.machines[0]!.setupMatrix = 'other' as never;
      m.machines[0]!.outputBuffer = 'B9' as never;
      m.machines[1]!.inputBuffer = 'M1' as never; // a machine is not a buffer
    };
    expect(issuesAfter(after)).toEqual([
      ['TWIN_E_UNKNOWN_REFERENCE', 'machines[0].setupMatrix'],
      ['TWIN_E_UNKNOWN_REFERENCE', 'machines[0].outputBuffer'],
      ['TWIN_E_UNKNOWN_REFERENCE', 'machines[1].inputBuffer'],
    ]);
  });

  it('reports ttf without ttr and ttr without ttf', () => {
    expect(issuesAfter((m) => delete m.machines[0]!.ttr)).toEqual([
      ['TWIN_E_INCONSISTENT', 'machines[0].ttr'],
    ]);
    expect(issuesAfter((m) => (m.machines[1]!.ttr = { kind: 'fixed', value: 60 }))).toEqual([
      ['TWIN_E_INCONSISTENT', 'machines[1].ttf'],
    ]);
  });

  it('reports a triangular mode outside [min, max] and min above max', () => {
    const at = 'products[0].routing[0].alternatives[0].time';
    const time = (t: object) => (m: FactoryModel) =>
      (m.products[0]!.routing[0]!.alternatives[0]!.time = t as never);
    expect(issuesAfter(time({ kind: 'triangular', min: 40, mode: 70, max: 60 }))).toEqual([
      ['TWIN_E_INCONSISTENT', `${at}.mode`],
    ]);
    expect(issuesAfter(time({ kind: 'uniform', min: 9, max: 3 }))).toEqual([
      ['TWIN_E_INCONSISTENT', `${at}.max`],
    ]);
  });

  it('reports empirical weights that do not match the values', () => {
    const after = (m: FactoryModel) =>
      (m.products[1]!.routing[0]!.alternatives[0]!.time = {
        kind: 'empirical',
        values: [25, 30],
        weights: [1],
      });
    expect(issuesAfter(after)).toEqual([
      ['TWIN_E_INCONSISTENT', 'products[1].routing[0].alternatives[0].time.weights'],
    ]);
  });

  it('reports a batch whose minUnits exceed maxUnits', () => {
    expect(issuesAfter((m) => (m.machines[1]!.batch = { maxUnits: 10, minUnits: 11 }))).toEqual([
      ['TWIN_E_INCONSISTENT', 'machines[1].batch.minUnits'],
    ]);
  });

  it('reports maintenance and downtime windows that end before they start', () => {
    const after = (m: FactoryModel) => {
      m.machines[0]!.maintenance![0]!.end = '2026-11-25T05:00:00+08:00';
      m.machines[1]!.downtime!.push({ start: 100, end: 100 });
    };
    expect(issuesAfter(after)).toEqual([
      ['TWIN_E_INCONSISTENT', 'machines[0].maintenance[0].end'],
      ['TWIN_E_INCONSISTENT', 'machines[1].downtime[1].end'],
    ]);
  });

  it('compares date-times by the instant they name, not by their text', () => {
    // 06:00+08:00 is 22:00Z the day before: an end at 23:00Z is an hour later, one at 21:00Z an hour earlier.
    const window = (end: string) => (m: FactoryModel) =>
      (m.machines[0]!.maintenance = [{ start: '2026-11-25T06:00:00+08:00', end }]);
    expect(issuesAfter(window('2026-11-24T23:00:00Z'))).toEqual([]);
    expect(issuesAfter(window('2026-11-24T21:00:00Z'))).toEqual([
      ['TWIN_E_INCONSISTENT', 'machines[0].maintenance[0].end'],
    ]);
  });

  it('reports a conveyor without from or to, and an unknown location', () => {
    expect(issuesAfter((m) => delete m.transporters![0]!.to)).toEqual([
      ['TWIN_E_INCONSISTENT', 'transporters[0]'],
    ]);
    expect(issuesAfter((m) => (m.transporters![0]!.to = 'B7' as never))).toEqual([
      ['TWIN_E_UNKNOWN_REFERENCE', 'transporters[0].to'],
    ]);
  });

  it('reports a break outside its shift', () => {
    const after = (m: FactoryModel) =>
      m.calendars![0]!.shifts[0]!.breaks!.push({ start: '13:45', end: '14:15' });
    expect(issuesAfter(after)).toEqual([['TWIN_E_INCONSISTENT', 'calendars[0].shifts[0].breaks[1]']]);
    expect(messagesAfter(after)[0]).toBe('break 13:45-14:15 is outside the shift 06:00-14:00');
  });

  it('accepts a night shift with breaks on either side of midnight, but not a shift ending as it starts', () => {
    const night = { name: 'night', days: ['mon' as const], start: '22:00', end: '06:00' };
    const breaks = [
      { start: '23:45', end: '00:15' },
      { start: '02:00', end: '02:30' },
    ];
    expect(issuesAfter((m) => m.calendars![0]!.shifts.push({ ...night, breaks }))).toEqual([]);
    expect(
      issuesAfter((m) =>
        m.calendars![0]!.shifts.push({ ...night, breaks: [{ start: '21:30', end: '22:30' }] }),
      ),
    ).toEqual([['TWIN_E_INCONSISTENT', 'calendars[0].shifts[1].breaks[0]']]);
    expect(issuesAfter((m) => m.calendars![0]!.shifts.push({ ...night, end: '22:00' }))).toEqual([
      ['TWIN_E_INCONSISTENT', 'calendars[0].shifts[1].end'],
    ]);
  });

  it('reports an operation skill that no operator has', () => {
    expect(issuesAfter((m) => (m.products[0]!.routing[0]!.skill = 'welding'))).toEqual([
      ['TWIN_E_UNKNOWN_REFERENCE', 'products[0].routing[0].skill'],
    ]);
  });

  it('reports minLagS above maxLagS', () => {
    expect(issuesAfter((m) => (m.products[0]!.routing[1]!.minLagS = 601))).toEqual([
      ['TWIN_E_INCONSISTENT', 'products[0].routing[1].maxLagS'],
    ]);
  });

  it('reports a batch family on an operation with no batch machine', () => {
    expect(issuesAfter((m) => (m.products[0]!.routing[0]!.batchFamily = 'case'))).toEqual([
      ['TWIN_E_INCONSISTENT', 'products[0].routing[0].batchFamily'],
    ]);
    expect(issuesAfter((m) => delete m.machines[1]!.batch)).toEqual([
      ['TWIN_E_INCONSISTENT', 'products[0].routing[1].batchFamily'],
    ]);
  });

  it('reports a duplicate operation id within a routing', () => {
    expect(issuesAfter((m) => (m.products[0]!.routing[1]!.id = 'turn' as never))).toEqual([
      ['TWIN_E_DUPLICATE_ID', 'products[0].routing[1].id'],
    ]);
  });

  it('reports the same machine twice among the alternatives, and an unknown machine', () => {
    const alternatives = () => validModel().products[0]!.routing[0]!.alternatives;
    const twice = (m: FactoryModel) => m.products[0]!.routing[0]!.alternatives.push(alternatives()[0]!);
    expect(issuesAfter(twice)).toEqual([
      ['TWIN_E_DUPLICATE_ID', 'products[0].routing[0].alternatives[1].machine'],
    ]);
    const unknown = (m: FactoryModel) =>
      (m.products[0]!.routing[0]!.alternatives[0]!.machine = 'L9' as never);
    expect(issuesAfter(unknown)).toEqual([
      ['TWIN_E_UNKNOWN_REFERENCE', 'products[0].routing[0].alternatives[0].machine'],
    ]);
  });

  it('reports a BOM naming an unknown product or operation', () => {
    const after = (m: FactoryModel) =>
      (m.products[1]!.bom = [{ product: 'gear', quantity: 1, atOperation: 'paint' }] as never);
    expect(issuesAfter(after)).toEqual([
      ['TWIN_E_UNKNOWN_REFERENCE', 'products[1].bom[0].product'],
      ['TWIN_E_UNKNOWN_REFERENCE', 'products[1].bom[0].atOperation'],
    ]);
  });

  it('reports a BOM cycle A → B → A once, with the cycle', () => {
    const after = (m: FactoryModel) => (m.products[0]!.bom = [{ product: 'assembly', quantity: 1 }] as never);
    expect(issuesAfter(after)).toEqual([['TWIN_E_CYCLE', 'products[0].bom']]);
    expect(messagesAfter(after)[0]).toContain('shaft → assembly → shaft');
  });

  it('reports a product that needs itself', () => {
    const after = (m: FactoryModel) =>
      m.products[1]!.bom!.push({ product: 'assembly', quantity: 1 } as never);
    expect(issuesAfter(after)).toEqual([['TWIN_E_CYCLE', 'products[1].bom']]);
  });
});
