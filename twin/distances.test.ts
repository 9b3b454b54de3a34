import { describe, expect, it } from 'vitest';
import { distanceM, distanceMatrix, locationPositions, travelTimeS } from './distances.js';
import type { FactoryModel } from './schema/factory.js';
import type { Position } from './schema/layout.js';
import type { Transporter } from './schema/structure.js';
import type { TransporterId } from './schema/ids.js';

const origin: Position = { x: 0, y: 0 };
const p68: Position = { x: 6, y: 8 };

const transporter = (kind: Transporter['kind'], extra: Partial<Transporter> = {}): Transporter => ({
  id: 'T1' as TransporterId,
  kind,
  speedMps: 2,
  ...extra,
});

describe('distanceM', () => {
  it('is rectilinear by default and the straight line on request', () => {
    expect(distanceM(origin, p68)).toBe(14);
    expect(distanceM(origin, p68, 'manhattan')).toBe(14);
    expect(distanceM(origin, p68, 'euclidean')).toBe(10);
  });

  it('is symmetric, works with negative coordinates and ignores height', () => {
    const a: Position = { x: -3, y: 2, z: 5 };
    const b: Position = { x: 1, y: -1, z: 0 };
    expect(distanceM(a, b)).toBe(7);
    expect(distanceM(b, a)).toBe(7);
    expect(distanceM(a, b, 'euclidean')).toBe(5);
    expect(distanceM(a, a, 'euclidean')).toBe(0);
  });
});

describe('travelTimeS', () => {
  it('adds load and unload times to the travel along the aisles', () => {
    const agv = transporter('agv', { loadS: 30, unloadS: 20 });
    // 14 m at 2 m/s = 7 s.
    expect(travelTimeS(agv, origin, p68)).toBe(30 + 7 + 20);
  });

  it('counts missing load and unload times as 0 and divides by the speed', () => {
    expect(travelTimeS(transporter('forklift', { speedMps: 0.5 }), origin, p68)).toBe(28);
  });

  it('lets a conveyor run in a straight line unless told otherwise', () => {
    const conveyor = transporter('conveyor', { loadS: 5, unloadS: 5 });
    expect(travelTimeS(conveyor, origin, p68)).toBe(5 + 5 + 5);
    expect(travelTimeS(conveyor, origin, p68, 'manhattan')).toBe(5 + 7 + 5);
    expect(travelTimeS(transporter('agv'), origin, p68, 'euclidean')).toBe(5);
  });
});

describe('locationPositions and distanceMatrix', () => {
  const placement = (x: number, y: number) => ({ position: { x, y }, footprint: { width: 1, depth: 1 } });
  const model = {
    machines: [
      { id: 'M1', placement: placement(0, 0) },
      { id: 'M2', placement: placement(3, 4) },
    ],
    buffers: [{ id: 'B1', placement: placement(-1, 2) }],
  } as unknown as Pick<FactoryModel, 'machines' | 'buffers'>;

  it('collects the positions of machines and buffers by id', () => {
    const positions = locationPositions(model);
    expect([...positions.keys()]).toEqual(['M1', 'M2', 'B1']);
    expect(positions.get('B1')).toEqual({ x: -1, y: 2 });
    expect(locationPositions({ machines: model.machines }).size).toBe(2);
  });

  it('fills an n×n matrix in the order of the ids', () => {
    const positions = locationPositions(model);
    const ids = ['B1', 'M1', 'M2'];
    const m = distanceMatrix(positions, ids);
    // B1–M1: 1 + 2 = 3; B1–M2: 4 + 2 = 6; M1–M2: 3 + 4 = 7.
    expect([...m]).toEqual([0, 3, 6, 3, 0, 7, 6, 7, 0]);
    const e = distanceMatrix(positions, ids, 'euclidean');
    expect(e[1 * 3 + 2]).toBe(5);
    expect(e[0 * 3 + 1]).toBeCloseTo(Math.sqrt(5), 12);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(e[i * 3 + j]).toBe(e[j * 3 + i]);
  });

  it('gives NaN for an id without a position', () => {
    const m = distanceMatrix(locationPositions(model), ['M1', 'nowhere']);
    expect(m).toHaveLength(4);
    expect(m[0]).toBe(0);
    expect(m[1]).toBeNaN();
    expect(m[2]).toBeNaN();
    expect(m[3]).toBeNaN();
  });
});
