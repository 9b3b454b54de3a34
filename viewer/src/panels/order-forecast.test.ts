import { describe, expect, it } from 'vitest';
import type { Assignment, OrderView, Plan } from '../api/types.js';
import { lastEndByOrder, onTimeForecast, orderDueStatus } from './order-forecast.js';

const EPOCH = 1_000_000;

const op = (order: string, endS: number): Assignment =>
  ({ order, operation: 'op', machine: 'M1', startS: endS - 60, endS }) as Assignment;

const plan = (assignments: Assignment[]): Plan =>
  ({ id: 'P1', version: 1, epochMs: EPOCH, assignments }) as unknown as Plan;

const order = (id: string, dueMs?: number, operationsDone = 0): OrderView => ({
  id,
  product: 'p',
  quantity: 1,
  priority: 5,
  operationsDone,
  ...(dueMs !== undefined && { dueMs }),
});

describe('lastEndByOrder', () => {
  it('takes the end of each order’s last operation, in epoch ms', () => {
    const ends = lastEndByOrder(plan([op('A', 600), op('B', 100), op('A', 300)]));
    expect(ends.get('A')).toBe(EPOCH + 600_000);
    expect(ends.get('B')).toBe(EPOCH + 100_000);
    expect(lastEndByOrder(undefined).size).toBe(0);
  });
});

describe('orderDueStatus', () => {
  const now = EPOCH + 1000_000;
  it('compares the planned end with the due date, the due instant itself on time', () => {
    expect(orderDueStatus(order('A', EPOCH + 600_000), EPOCH + 600_000, now)).toBe('onTime');
    expect(orderDueStatus(order('A', EPOCH + 599_999), EPOCH + 600_000, now)).toBe('late');
  });

  it('tells overdue, finished, unplanned and no-due orders apart', () => {
    expect(orderDueStatus(order('A', now - 1), undefined, now)).toBe('overdue');
    expect(orderDueStatus(order('A', now - 1, 3), undefined, now)).toBe('finished');
    expect(orderDueStatus(order('A', now + 1), undefined, now)).toBe('unplanned');
    expect(orderDueStatus(order('A'), EPOCH, now)).toBe('noDue');
  });
});

describe('onTimeForecast', () => {
  const now = EPOCH + 10_000_000;
  const ends = lastEndByOrder(plan([op('A', 600), op('B', 900), op('C', 100)]));
  const orders = {
    A: order('A', EPOCH + 700_000), // on time
    B: order('B', EPOCH + 800_000), // planned after its due date
    C: order('C'), // no due date: left out
    D: order('D', now - 5), // overdue and not planned: late
    E: order('E', now + 5), // not planned, not yet due: left out
    F: order('F', now - 5, 2), // finished: left out
  };

  it('gives the share of judged orders the plan finishes by their due date', () => {
    expect(onTimeForecast(orders, ends, now)).toEqual({ onTime: 1, late: 2, share: 1 / 3 });
  });

  it('has no share when nothing can be judged, and no forecast without a plan', () => {
    expect(onTimeForecast({ C: order('C') }, ends, now)).toEqual({ onTime: 0, late: 0, share: undefined });
    expect(onTimeForecast(orders, undefined, now)).toBeUndefined();
  });
});
