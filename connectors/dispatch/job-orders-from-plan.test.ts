import { describe, expect, it } from 'vitest';
import { checkSchema } from '../../twin/validate/schema-check.js';
import { testPlan } from './__fixtures__/plans.js';
import { JobOrder } from './job-order.js';
import { jobOrdersFromPlan } from './job-orders-from-plan.js';

describe('jobOrdersFromPlan', () => {
  it('makes one valid job order per machine with its operations in start order', () => {
    const plan = testPlan([
      ['O2', 'op1', 'Mill02', 50, 80],
      ['O1', 'op2', 'Mill02', 10, 40],
      ['O1', 'op1', 'Lathe01', 0, 10],
      ['O3', 'op1', 'Mill02', 10, 20],
    ]);
    const orders = jobOrdersFromPlan(plan);
    expect(
      orders.map((o) => [o.jobOrderId, o.operations.map((op) => `${op.order}/${op.operation}`)]),
    ).toEqual([
      ['P1/v1/Lathe01', ['O1/op1']],
      ['P1/v1/Mill02', ['O1/op2', 'O3/op1', 'O2/op1']],
    ]);
    for (const order of orders) expect(checkSchema(JobOrder, order).ok).toBe(true);
    // Same plan, same bytes: what makes a resend idempotent at the receiver.
    expect(JSON.stringify(jobOrdersFromPlan(plan))).toBe(JSON.stringify(orders));
  });
});
