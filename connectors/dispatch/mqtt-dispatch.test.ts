// Dispatch over MQTT to a responder implementing the job order contract, through an in-process aedes broker
// (port 18849).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingLogger } from '../ingest/__fixtures__/recorders.js';
import { startAedes, type TestBroker } from '../mqtt/__fixtures__/aedes-broker.js';
import { startMqttResponder, type MqttResponder } from './__fixtures__/mqtt-responder.js';
import { testPlan } from './__fixtures__/plans.js';
import { parseMqttDispatchConfig } from './config.js';
import { dispatchPlan } from './dispatcher.js';
import { MqttJobOrderTransport } from './mqtt-transport.js';

const PREFIX = 'plant1/dispatch';

describe('plan dispatch over MQTT', () => {
  let broker: TestBroker;
  let responder: MqttResponder;
  let transport: MqttJobOrderTransport;
  const logger = recordingLogger();
  const plan = testPlan([
    ['O1', 'op1', 'Lathe01', 0, 10],
    ['O1', 'op2', 'Mill02', 10, 40],
    ['O2', 'op1', 'Silent05', 0, 5],
  ]);

  beforeAll(async () => {
    broker = await startAedes(18849);
    responder = await startMqttResponder(broker.url, PREFIX, ['Lathe01', 'Mill02', 'Silent05'], {
      silent: ['Silent05'],
    });
    transport = new MqttJobOrderTransport(
      parseMqttDispatchConfig({
        url: broker.url,
        clientId: 'twin-dispatch-test',
        prefix: PREFIX,
        resendMs: 200,
      }),
      logger,
    );
    await transport.connect();
  });

  afterAll(async () => {
    await transport?.close();
    await responder?.stop();
    await broker?.stop();
  });

  it('waits for each machine acknowledgement, resends while there is none, and times out', async () => {
    const result = await dispatchPlan(plan, { transport, timeoutMs: 1_000 });
    expect(result.machines.map((m) => [m.machine, m.status])).toEqual([
      ['Lathe01', 'acknowledged'],
      ['Mill02', 'acknowledged'],
      ['Silent05', 'timedOut'],
    ]);
    expect(server(responder, 'Lathe01')).toEqual(['P1/v1/Lathe01']);
    // Silent05 got its order about every 200 ms until the deadline: 1 + ~4 resends.
    expect(responder.messages - 2).toBeGreaterThanOrEqual(3);
  });

  it('is idempotent and reports a rejection with its reason', async () => {
    const again = await dispatchPlan(plan, { transport, timeoutMs: 1_000 });
    expect(again.counts).toMatchObject({ acknowledged: 2, timedOut: 1 });
    expect(server(responder, 'Lathe01')).toEqual(['P1/v1/Lathe01']);
    expect(server(responder, 'Mill02')).toEqual(['P1/v1/Mill02']);

    const conflicting = testPlan([['O1', 'op1', 'Lathe01', 0, 99]]);
    const rejected = await dispatchPlan(conflicting, { transport, timeoutMs: 1_000 });
    expect(rejected.machines[0]).toMatchObject({
      status: 'rejected',
      returnStatus: 3,
      reason: 'conflictingJobOrder',
    });
  });

  it('ignores an acknowledgement that is not a JobOrderAck', async () => {
    const { connectAsync } = await import('mqtt');
    const rogue = await connectAsync(broker.url, { reconnectPeriod: 0 });
    await rogue.publishAsync(
      `${PREFIX}/Lathe01/joborder/ack`,
      JSON.stringify({ jobOrderId: 'x', status: 'maybe' }),
      {
        qos: 1,
      },
    );
    await rogue.endAsync();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(logger.warnings.map((w) => w.details?.problem)).toEqual([
      expect.stringMatching(/returnStatus: is required.*status: must be/),
    ]);
  });
});

function server(responder: MqttResponder, machine: string): string[] {
  return (responder.receiver.stored.get(machine) ?? []).map((s) => s.order.jobOrderId);
}
