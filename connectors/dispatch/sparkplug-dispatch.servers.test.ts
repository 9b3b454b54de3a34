// Dispatch as Sparkplug B commands through the real mosquitto of the test set-up: a test edge node acknowledges
// with DDATA; dispatching the same plan version again stores nothing twice.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithServers, serverUrls } from '../../test/servers.js';
import { recordingLogger } from '../ingest/__fixtures__/recorders.js';
import { testPlan } from './__fixtures__/plans.js';
import { startSparkplugEdgeNode, type SparkplugEdgeNode } from './__fixtures__/sparkplug-edge-node.js';
import { parseMqttDispatchConfig } from './config.js';
import { dispatchPlan } from './dispatcher.js';
import { MqttJobOrderTransport } from './mqtt-transport.js';

describeWithServers('plan dispatch as Sparkplug B commands (mosquitto)', () => {
  const groupId = `twin-test-${randomUUID().slice(0, 8)}`;
  let edge: SparkplugEdgeNode;
  let transport: MqttJobOrderTransport;
  const logger = recordingLogger();

  beforeAll(async () => {
    const url = serverUrls().mqttUrl;
    // The host first this time: it sees the births, so it reads the answers by alias without a rebirth.
    transport = new MqttJobOrderTransport(
      parseMqttDispatchConfig({
        url,
        clientId: `twin-dispatch-${groupId}`,
        resendMs: 300,
        sparkplug: { groupId, edgeNode: 'Cell1', method: 'Store' },
      }),
      logger,
    );
    await transport.connect();
    edge = await startSparkplugEdgeNode({
      url,
      groupId,
      edgeNode: 'Cell1',
      devices: { Lathe01: 'Lathe01', Mill02: 'Mill02' },
    });
    await new Promise((resolve) => setTimeout(resolve, 200)); // the births reach the host
  });

  afterAll(async () => {
    await transport?.close();
    await edge?.stop();
  });

  it('is acknowledged by every device, once per plan version and job order id', async () => {
    const plan = testPlan([
      ['O1', 'op1', 'Lathe01', 0, 10],
      ['O1', 'op2', 'Mill02', 10, 40],
    ]);
    const first = await dispatchPlan(plan, { transport, timeoutMs: 5_000 });
    expect(first.machines.map((m) => [m.machine, m.status])).toEqual([
      ['Lathe01', 'acknowledged'],
      ['Mill02', 'acknowledged'],
    ]);
    const again = await dispatchPlan(plan, { transport, timeoutMs: 5_000 });
    expect(again.acknowledged).toBe(true);
    const stored = [...edge.receiver.stored.values()].flat().map((s) => [s.order.jobOrderId, s.started]);
    // Method Store: held, not started.
    expect(stored).toEqual([
      ['P1/v1/Lathe01', false],
      ['P1/v1/Mill02', false],
    ]);
    expect(edge.rebirths).toBe(0);
    expect(logger.warnings).toEqual([]);
  });
});
