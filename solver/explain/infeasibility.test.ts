import { describe, expect, it } from 'vitest';
import { machine, model, op, order, product, START } from '../des/factory/__fixtures__/tiny.js';
import type { FactoryModel } from '../../twin/schema/factory.js';
import type { Order } from '../../twin/schema/order.js';
import { findConflicts } from './infeasibility.js';

const plant = (extra: Record<string, unknown> = {}) =>
  model({
    machines: [machine('M1'), machine('M2', extra)],
    products: [product('P', [op('a', ['M1'], 10), op('b', ['M2'], 20)])],
  });
const conflicts = (m: FactoryModel, orders: Order[]) => findConflicts({ model: m, orders, startMs: START });

describe('conflicts of an infeasible request', () => {
  it('finds none in a request that can be met', () => {
    expect(conflicts(plant(), [order('O1', 'P', 2, { due: 100 })])).toEqual({
      feasible: true,
      conflicts: [],
    });
  });

  it('names an operation whose only machine was removed', () => {
    const removed = plant();
    removed.machines = removed.machines.filter((m) => m.id !== 'M2');
    const r = conflicts(removed, [order('O1', 'P', 1)]);
    expect(r.feasible).toBe(false);
    expect(r.conflicts).toEqual([
      expect.objectContaining({
        kind: 'no-machine',
        severity: 'infeasible',
        order: 'O1',
        product: 'P',
        operation: 'b',
        machines: ['M2'],
      }),
    ]);
    expect(r.conflicts[0]!.message).toBe(
      'order O1: operation b of P runs only on M2, and the model has none of them',
    );
  });

  it('names a machine with no open time, and the operations that need it', () => {
    const r = conflicts(plant({ downtime: [{ start: 0, end: 1e9 }] }), [order('O1', 'P', 1)]);
    expect(r.feasible).toBe(false);
    expect(r.conflicts.map((c) => [c.kind, c.machines])).toEqual([
      ['no-open-machine', ['M2']],
      ['machine-never-open', ['M2']],
    ]);
  });

  it('names a due date before the release', () => {
    const r = conflicts(plant(), [order('O1', 'P', 1, { release: 500, due: 100 })]);
    expect(r.feasible).toBe(true); // it can be planned, only late
    expect(r.conflicts).toEqual([
      expect.objectContaining({
        kind: 'due-before-release',
        severity: 'late',
        order: 'O1',
        releaseS: 500,
        dueS: 100,
      }),
    ]);
  });

  it('names a due date earlier than release + the least work, counted through available time', () => {
    // 3 units: 30 s on M1 then 60 s on M2: at least 90 s after the release at 10.
    expect(conflicts(plant(), [order('O1', 'P', 3, { release: 10, due: 100 })]).conflicts).toEqual([]);
    const tight = conflicts(plant(), [order('O1', 'P', 3, { release: 10, due: 99 })]).conflicts;
    expect(tight).toEqual([
      expect.objectContaining({ kind: 'due-unreachable', order: 'O1', lowerBoundS: 100 }),
    ]);
    // A maintenance window on M2 over [40, 100) pushes the bound to 160.
    const maintained = conflicts(plant({ maintenance: [{ start: 40, end: 100 }] }), [
      order('O1', 'P', 3, { release: 10, due: 150 }),
    ]);
    expect(maintained.conflicts[0]).toMatchObject({ kind: 'due-unreachable', lowerBoundS: 160 });
  });

  it('names an unknown product', () => {
    const r = conflicts(plant(), [order('O1', 'NOPE', 1)]);
    expect(r.conflicts).toEqual([
      expect.objectContaining({ kind: 'unknown-product', order: 'O1', product: 'NOPE' }),
    ]);
  });
});
