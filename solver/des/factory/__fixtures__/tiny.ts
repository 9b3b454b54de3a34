// Tiny hand-made factory models for the simulation tests: one line, machines placed on a grid, fixed times
// unless a test says otherwise. Times in seconds after START (Monday 2026-11-23 00:00 UTC).
import type { FactoryModel } from '../../../../twin/schema/factory.js';
import type { Machine } from '../../../../twin/schema/machine.js';
import type { Order } from '../../../../twin/schema/order.js';
import type { Operation, Product } from '../../../../twin/schema/product.js';
import type { Distribution } from '../../../../twin/schema/distribution.js';
import { simulateFactory, type FactoryInput } from '../run.js';

export const START = Date.parse('2026-11-23T00:00:00Z');

type Loose<T> = { [K in keyof T]?: unknown };

export const fixed = (value: number): Distribution => ({ kind: 'fixed', value });

export function machine(id: string, extra: Loose<Machine> = {}): Machine {
  return {
    id,
    kind: 'generic',
    line: 'L',
    placement: { position: { x: 0, y: 0 }, footprint: { width: 1, depth: 1 } },
    ...extra,
  } as Machine;
}

/** An operation on the given machines, fixed `seconds` per unit unless `per: 'lot'`. */
export function op(
  id: string,
  machines: string[],
  seconds: number,
  extra: Loose<Operation> & { per?: 'unit' | 'lot' } = {},
): Operation {
  const { per, ...rest } = extra;
  return {
    id,
    alternatives: machines.map((m) => ({ machine: m, time: fixed(seconds), ...(per && { per }) })),
    ...rest,
  } as Operation;
}

export function product(id: string, routing: Operation[]): Product {
  return { id, routing } as Product;
}

export function order(id: string, productId: string, quantity: number, extra: Loose<Order> = {}): Order {
  return { id, product: productId, quantity, release: 0, ...extra } as Order;
}

/** A model from loosely typed parts (plain strings for ids); the defaults fill site, area and line. */
export function model(parts: {
  machines: Machine[];
  products: Product[];
  [key: string]: unknown;
}): FactoryModel {
  return {
    site: { id: 'site', name: 'Test site' },
    areas: [{ id: 'A' }],
    lines: [{ id: 'L', area: 'A' }],
    ...parts,
  } as unknown as FactoryModel;
}

/** Run with the trace on, seed 1, from START; the test's options override. */
export function run(m: FactoryModel, orders: Order[], options: Partial<FactoryInput> = {}) {
  return simulateFactory({ model: m, orders, startMs: START, seed: 1, trace: true, ...options });
}
