// The job order contract as Sparkplug B metrics, through real protobuf bytes (sparkplug-payload) both ways.
import type { UMetric } from 'sparkplug-payload/lib/sparkplugbpayload.js';
import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload } from '../mqtt/sparkplug-codec.js';
import { testPlan } from './__fixtures__/plans.js';
import { jobOrdersFromPlan } from './job-orders-from-plan.js';
import {
  ACK_METRICS,
  ackFromMetrics,
  ackMetrics,
  JOB_ORDER_METRICS,
  jobOrderFromMetrics,
  jobOrderMetrics,
} from './sparkplug-job-order.js';

const wire = (metrics: UMetric[]): UMetric[] =>
  decodePayload(encodePayload({ timestamp: 1, metrics })).metrics ?? [];

describe('Sparkplug B job order metrics', () => {
  const plan = testPlan(
    [
      ['O1', 'op1', 'Lathe01', 0, 10.25],
      ['O2', 'op3', 'Lathe01', 12, 30],
    ],
    'P7',
    4,
  );
  const order = jobOrdersFromPlan({
    ...plan,
    assignments: plan.assignments.map((a, i) => (i === 1 ? { ...a, setupS: 2 } : a)),
  })[0]!;

  it('round-trips a job order through the DCMD bytes, setups included, exactly', () => {
    const decoded = jobOrderFromMetrics(wire(jobOrderMetrics(order, 'Store', 1_767_225_600_000)));
    expect(decoded).toEqual({ ok: true, value: { order, method: 'Store' } });
    expect(order.operations[1]?.setupS).toBe(2);
    expect(order.operations[0]).not.toHaveProperty('setupS');
  });

  it('names the metric that is missing or of the wrong kind, and checks the contract', () => {
    const metrics = wire(jobOrderMetrics(order, 'StoreAndStart', 1));
    const without = metrics.filter((m) => m.name !== JOB_ORDER_METRICS.planId);
    expect(jobOrderFromMetrics(without)).toEqual({ ok: false, problem: 'Job Order/Plan ID: is missing' });
    const badMethod = metrics.map((m) => (m.name === JOB_ORDER_METRICS.method ? { ...m, value: 'Run' } : m));
    expect(jobOrderFromMetrics(badMethod)).toMatchObject({
      ok: false,
      problem: 'Job Order/Method: must be one of Store, StoreAndStart',
    });
    const badVersion = metrics.map((m) =>
      m.name === JOB_ORDER_METRICS.planVersion ? { ...m, type: 'Double' as const, value: 1.5 } : m,
    );
    expect(jobOrderFromMetrics(wire(badVersion))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^job order planVersion: /),
    });
  });

  it('reads an answer by name or by the aliases of the birth; no answer in other data', () => {
    const ack = { jobOrderId: 'P7/v4/Lathe01', returnStatus: 3 };
    expect(ackFromMetrics(wire(ackMetrics(ack)), undefined)).toEqual({ ok: true, value: ack });
    const aliases = { id: 7, returnStatus: 8, state: 9 };
    const names = new Map([
      [7, ACK_METRICS.id],
      [8, ACK_METRICS.returnStatus],
      [9, ACK_METRICS.state],
    ]);
    const byAlias = wire(ackMetrics({ ...ack, returnStatus: 0, state: 'AllowedToStart' }, aliases));
    expect(byAlias.every((m) => !m.name)).toBe(true);
    expect(ackFromMetrics(byAlias, names)).toEqual({
      ok: true,
      value: { ...ack, returnStatus: 0, state: 'AllowedToStart' },
    });
    expect(ackFromMetrics(byAlias, undefined)).toBeUndefined();
    // A rejection carries its reason, by alias too.
    const rejected = { ...ack, reason: 'JobOrder.operations[0].order: unknown order "O9"' };
    expect(
      ackFromMetrics(
        wire(ackMetrics(rejected, { ...aliases, reason: 10 })),
        new Map([...names, [10, ACK_METRICS.reason]]),
      ),
    ).toEqual({ ok: true, value: rejected });
    // A birth re-reporting that rejection declares the state empty: still the same answer.
    const birth = wire([...ackMetrics(rejected), { name: ACK_METRICS.state, type: 'String', value: '' }]);
    expect(ackFromMetrics(birth, undefined)).toEqual({ ok: true, value: rejected });
    expect(ackFromMetrics(wire([{ name: 'spindleLoad', type: 'Double', value: 1 }]), names)).toBeUndefined();
    expect(
      ackFromMetrics(wire([{ name: ACK_METRICS.id, type: 'String', value: 'x' }]), undefined),
    ).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^Job Order\/Ack\/Return Status: is required/),
    });
  });
});
