// Dispatch as Sparkplug B DCMDs through an in-process aedes broker (port 18903), answered by a test edge node
// whose devices acknowledge with DDATA metrics by alias; the twin's Sparkplug ingest listens on the same broker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTimeout } from '../../test/servers.js';
import type { ObservationGate } from '../ingest/observation-gate.js';
import { recordingLogger, type RecordingSink } from '../ingest/__fixtures__/recorders.js';
import { startAedes, type TestBroker } from '../mqtt/__fixtures__/aedes-broker.js';
import { startTestIngest } from '../mqtt/__fixtures__/test-ingest.js';
import type { MqttIngest } from '../mqtt/mqtt-ingest.js';
import { encodePayload } from '../mqtt/sparkplug-codec.js';
import { testPlan } from './__fixtures__/plans.js';
import { startSparkplugEdgeNode, type SparkplugEdgeNode } from './__fixtures__/sparkplug-edge-node.js';
import { parseMqttDispatchConfig } from './config.js';
import { dispatchPlan } from './dispatcher.js';
import { MqttJobOrderTransport } from './mqtt-transport.js';

describe('plan dispatch as Sparkplug B commands (aedes)', () => {
  let broker: TestBroker;
  let edge: SparkplugEdgeNode;
  let transport: MqttJobOrderTransport;
  let ingest: MqttIngest;
  let gate: ObservationGate;
  let sink: RecordingSink;
  const logger = recordingLogger();
  const plan = testPlan([
    ['O1', 'op1', 'Lathe01', 0, 10],
    ['O2', 'op1', 'Lathe01', 10, 25.5],
    ['O1', 'op2', 'Mill02', 10, 40],
    ['O2', 'op1', 'Silent05', 0, 5],
  ]);
  const stored = (machine: string) =>
    (edge.receiver.stored.get(machine) ?? []).map((s) => [s.order.jobOrderId, s.started]);

  beforeAll(async () => {
    broker = await startAedes(18903);
    ({ ingest, gate, sink } = await startTestIngest({
      url: broker.url,
      clientId: 'twin-sparkplug-dispatch-ingest',
      source: 'sparkplug:plant',
      sparkplug: { groups: ['Plant1'] },
    }));
    edge = await startSparkplugEdgeNode({
      url: broker.url,
      groupId: 'Plant1',
      edgeNode: 'Gw1',
      devices: { Lathe01: 'LATHE-01', Mill02: 'Mill02', Silent05: 'Silent05' },
      silent: ['Silent05'],
    });
    transport = new MqttJobOrderTransport(
      parseMqttDispatchConfig({
        url: broker.url,
        clientId: 'twin-sparkplug-dispatch',
        resendMs: 200,
        sparkplug: {
          groupId: 'Plant1',
          edgeNode: 'Gw1',
          devices: { Lathe01: { edgeNode: 'Gw1', device: 'LATHE-01' } },
        },
      }),
      logger,
    );
    await transport.connect();
  });

  afterAll(async () => {
    await transport?.close();
    await edge?.stop();
    await ingest?.stop();
    await broker?.stop();
  });

  it('sends one DCMD per machine device, waits for each DDATA answer, resends while there is none', async () => {
    const result = await dispatchPlan(plan, { transport, timeoutMs: 1_000 });
    expect(result.machines.map((m) => [m.machine, m.status, m.returnStatus])).toEqual([
      ['Lathe01', 'acknowledged', 0],
      ['Mill02', 'acknowledged', 0],
      ['Silent05', 'timedOut', undefined],
    ]);
    // The device decoded the whole job order from the metrics: both operations, in sequence.
    const lathe = edge.receiver.stored.get('Lathe01')?.[0]?.order;
    expect(lathe?.operations.map((op) => [op.order, op.operation, op.startS, op.endS])).toEqual([
      ['O1', 'op1', 0, 10],
      ['O2', 'op1', 10, 25.5],
    ]);
    expect(stored('Lathe01')).toEqual([['P1/v1/Lathe01', true]]);
    expect(edge.problems).toEqual([]);
    // QoS 0 commands: the silent device got its DCMD again about every 200 ms until the 1 s deadline.
    expect(edge.commands.get('Silent05')).toBeGreaterThanOrEqual(3);
    // The host connected after the births, so the first answers (by alias) made it ask for one rebirth.
    expect(edge.rebirths).toBe(1);
  });

  it('the answers reach the twin as the device job order state, in sequence', async () => {
    const state = await withTimeout(
      sink.waitFor(
        (o) => o.asset === 'LATHE-01' && o.signal === 'Job Order/Ack/State' && o.value !== '',
        'state',
      ),
      5_000,
      'job order state',
    );
    expect(state.value).toBe('AllowedToStart');
    const status = sink.observations.filter((o) => o.signal === 'Job Order/Ack/Return Status');
    expect(status.map((o) => o.value)).toContain(0);
    expect(ingest.status().sparkplug).toMatchObject({ sequenceGaps: 0, rebirthRequests: 0 });
    expect(gate.counters().rejected).toBe(0);
  });

  it('is idempotent by plan version and job order id, and reports a conflicting order', async () => {
    const again = await dispatchPlan(plan, { transport, timeoutMs: 1_000 });
    expect(again.counts).toMatchObject({ acknowledged: 2, timedOut: 1 });
    expect(stored('Lathe01')).toEqual([['P1/v1/Lathe01', true]]);
    expect(stored('Mill02')).toEqual([['P1/v1/Mill02', true]]);

    const next = await dispatchPlan(testPlan([['O1', 'op1', 'Lathe01', 5, 15]], 'P1', 2), {
      transport,
      timeoutMs: 1_000,
    });
    expect(next.acknowledged).toBe(true);
    expect(stored('Lathe01')).toEqual([
      ['P1/v1/Lathe01', true],
      ['P1/v2/Lathe01', true],
    ]);

    const conflicting = await dispatchPlan(testPlan([['O1', 'op1', 'Lathe01', 0, 99]]), {
      transport,
      timeoutMs: 1_000,
    });
    expect(conflicting.machines[0]).toMatchObject({
      status: 'rejected',
      returnStatus: 3,
      reason: 'conflictingJobOrder',
    });
  });

  it('rejects a machine without a device at once, and ignores a broken answer', async () => {
    // Without a default edge node, only the listed machines have a device.
    const listedOnly = new MqttJobOrderTransport(
      parseMqttDispatchConfig({
        url: broker.url,
        clientId: 'twin-sparkplug-dispatch-2',
        sparkplug: { groupId: 'Plant1', devices: { Lathe01: { edgeNode: 'Gw1', device: 'LATHE-01' } } },
      }),
      logger,
    );
    await listedOnly.connect();
    const started = Date.now();
    const nowhere = await dispatchPlan(testPlan([['O9', 'op1', 'Mill02', 0, 1]], 'P9'), {
      transport: listedOnly,
      timeoutMs: 1_000,
    });
    await listedOnly.close();
    expect(nowhere.machines[0]).toMatchObject({ status: 'rejected', returnStatus: 2 });
    expect(nowhere.machines[0]?.reason).toBe('no Sparkplug device for machine Mill02');
    expect(Date.now() - started).toBeLessThan(900);
    expect(stored('Mill02').map(([id]) => id)).not.toContain('P9/v1/Mill02');

    const { connectAsync } = await import('mqtt');
    const rogue = await connectAsync(broker.url, { reconnectPeriod: 0 });
    const broken = encodePayload({
      timestamp: Date.now(),
      seq: 0,
      metrics: [{ name: 'Job Order/Ack/ID', type: 'String', value: 'P1/v1/Mill02' }],
    });
    await rogue.publishAsync('spBv1.0/Plant1/DDATA/Gw9/Mill02', Buffer.from(broken), { qos: 1 });
    await rogue.endAsync();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(logger.warnings.map((w) => w.details?.problem)).toEqual([
      expect.stringMatching(/Job Order\/Ack\/Return Status: is required/),
    ]);
  });
});
