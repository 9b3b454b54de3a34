// Dispatch over OPC UA to an in-process server implementing the job order contract (port 48421).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingLogger } from '../ingest/__fixtures__/recorders.js';
import { startJobOrderServer, type JobOrderServer } from './__fixtures__/job-order-server.js';
import { testPlan } from './__fixtures__/plans.js';
import { parseOpcUaDispatchConfig } from './config.js';
import { dispatchPlan, type MachineDispatchState } from './dispatcher.js';
import { JOB_ORDER_RETURN_STATUS } from './job-order.js';
import { OpcUaJobOrderTransport } from './opcua-transport.js';
import { testPkiFolder } from '../opcua/__fixtures__/pki.js';

const PORT = 48421;

describe('plan dispatch over OPC UA', () => {
  let server: JobOrderServer;
  let transport: OpcUaJobOrderTransport;
  const plan = testPlan([
    ['O1', 'op1', 'Lathe01', 0, 10],
    ['O1', 'op2', 'Mill02', 10, 40],
    ['O2', 'op1', 'Lathe01', 10, 25],
    ['O3', 'op1', 'Drill03', 0, 5],
    ['O4', 'op1', 'Saw04', 0, 5],
  ]);

  beforeAll(async () => {
    server = await startJobOrderServer(
      PORT,
      testPkiFolder('dispatch-server'),
      ['Lathe01', 'Mill02', 'Drill03', 'Saw04'],
      {
        refuse: { Drill03: JOB_ORDER_RETURN_STATUS.notAllowedInState },
        delayMs: { Saw04: 1_500 },
      },
    );
    transport = new OpcUaJobOrderTransport(
      parseOpcUaDispatchConfig({
        connection: { endpointUrl: server.endpointUrl, pkiFolder: testPkiFolder('dispatch-client') },
      }),
      recordingLogger(),
    );
    await transport.connect();
  }, 60_000);

  afterAll(async () => {
    await transport?.close();
    await server?.stop();
  });

  it('reports each machine: acknowledged, rejected with its return status, timed out', async () => {
    const changes: MachineDispatchState[] = [];
    const result = await dispatchPlan(plan, { transport, timeoutMs: 700, onChange: (s) => changes.push(s) });
    const byMachine = Object.fromEntries(result.machines.map((m) => [m.machine, m]));
    expect(byMachine.Lathe01).toMatchObject({
      status: 'acknowledged',
      returnStatus: 0,
      jobOrderId: 'P1/v1/Lathe01',
    });
    expect(byMachine.Mill02?.status).toBe('acknowledged');
    expect(byMachine.Drill03).toMatchObject({
      status: 'rejected',
      returnStatus: 5,
      reason: 'notAllowedInState',
    });
    expect(byMachine.Saw04).toMatchObject({ status: 'timedOut', reason: 'no answer within 700 ms' });
    expect(result).toMatchObject({
      acknowledged: false,
      counts: { acknowledged: 2, rejected: 1, timedOut: 1, pending: 0 },
    });
    // Every machine was reported pending first, then once more with its outcome.
    expect(
      changes
        .filter((c) => c.status === 'pending')
        .map((c) => c.machine)
        .sort(),
    ).toEqual(['Drill03', 'Lathe01', 'Mill02', 'Saw04']);
    expect(changes).toHaveLength(8);
    const stored = server.receiver.stored.get('Lathe01');
    expect(stored?.map((s) => [s.started, s.order.operations.map((op) => op.order)])).toEqual([
      [true, ['O1', 'O2']],
    ]);
  });

  it('is idempotent: dispatching the same version again, after a timeout too, has no second effect', async () => {
    const again = await dispatchPlan(plan, { transport, timeoutMs: 5_000 });
    const status = Object.fromEntries(again.machines.map((m) => [m.machine, m.status]));
    expect(status).toEqual({
      Lathe01: 'acknowledged',
      Mill02: 'acknowledged',
      Drill03: 'rejected',
      Saw04: 'acknowledged',
    });
    for (const machine of ['Lathe01', 'Mill02', 'Saw04'])
      expect(server.receiver.stored.get(machine)).toHaveLength(1);
  });

  it('rejects different content under a known job order id, and a machine the server does not have', async () => {
    const changed = testPlan([
      ['O1', 'op1', 'Lathe01', 0, 12],
      ['O9', 'op1', 'Press09', 0, 5],
    ]);
    const result = await dispatchPlan(changed, { transport, timeoutMs: 5_000 });
    expect(result.machines.map((m) => [m.machine, m.status, m.reason])).toEqual([
      ['Lathe01', 'rejected', 'conflictingJobOrder'],
      ['Press09', 'rejected', 'no JobOrderControl StoreAndStart for Press09'],
    ]);
    expect(server.receiver.stored.get('Lathe01')?.[0]?.order.operations[0]?.endS).toBe(10);
  });

  it('finds a machine by a configured node id and calls Store when told to', async () => {
    const direct = new OpcUaJobOrderTransport(
      parseOpcUaDispatchConfig({
        connection: { endpointUrl: server.endpointUrl, pkiFolder: testPkiFolder('dispatch-client') },
        method: 'Store',
        machinesFolder: 'NoSuchFolder',
        machineNodeIds: { Mill02: server.machineNodeId('Mill02') },
      }),
      recordingLogger(),
    );
    await direct.connect();
    try {
      const result = await dispatchPlan(testPlan([['O5', 'op1', 'Mill02', 0, 5]], 'P2'), {
        transport: direct,
      });
      expect(result.acknowledged).toBe(true);
      expect(server.receiver.stored.get('Mill02')?.find((s) => s.order.planId === 'P2')?.started).toBe(false);
    } finally {
      await direct.close();
    }
  });
});
