// The embedded plant takes a plan through the real mosquitto of the test set-up: JSON job orders, acknowledged
// per machine and executed to the end; the same version again changes nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithServers, serverUrls } from '../../test/servers.js';
import { testPlan } from '../dispatch/__fixtures__/plans.js';
import { parseMqttDispatchConfig } from '../dispatch/config.js';
import { dispatchPlan } from '../dispatch/dispatcher.js';
import { MqttJobOrderTransport } from '../dispatch/mqtt-transport.js';
import { recordingLogger } from '../ingest/__fixtures__/recorders.js';
import { TWO_MACHINES_SCENARIO, until } from './__fixtures__/plant-test.js';
import { startEmbeddedPlant, type EmbeddedPlant } from './embedded-plant.js';

describeWithServers('embedded plant: job orders through mosquitto', () => {
  const prefix = `twin-test-${randomUUID().slice(0, 8)}`;
  let plant: EmbeddedPlant;
  let transport: MqttJobOrderTransport;

  beforeAll(async () => {
    const url = serverUrls().mqttUrl;
    plant = await startEmbeddedPlant({
      scenario: TWO_MACHINES_SCENARIO,
      speed: 1,
      sampleMs: 100,
      opcua: { enabled: false },
      mqtt: { url, prefix: `${prefix}/telemetry`, jobOrders: { json: { prefix: `${prefix}/dispatch` } } },
    });
    transport = new MqttJobOrderTransport(
      parseMqttDispatchConfig({
        url,
        clientId: `${prefix}-dispatch`,
        prefix: `${prefix}/dispatch`,
        resendMs: 300,
      }),
      recordingLogger(),
    );
    await transport.connect();
    await until('the plant subscribes', () => plant.mqttJobOrders?.subscribed === true);
  });

  afterAll(async () => {
    await transport?.close();
    await plant?.stop();
  });

  it('acknowledges per machine, executes the plan, and takes the same version again without effect', async () => {
    const plan = {
      ...testPlan([
        ['O3', 'turn', 'M1', 60, 120],
        ['O4', 'turn', 'M2', 60, 120],
      ]),
      epochMs: plant.plant.snapshot().clockMs,
    };
    const first = await dispatchPlan(plan, { transport, timeoutMs: 5_000 });
    expect(first.machines.map((m) => [m.machine, m.status])).toEqual([
      ['M1', 'acknowledged'],
      ['M2', 'acknowledged'],
    ]);
    const rebuilds = plant.plant.snapshot().rebuilds;
    const again = await dispatchPlan(plan, { transport, timeoutMs: 5_000 });
    expect(again.acknowledged).toBe(true);
    expect(plant.plant.snapshot().rebuilds).toBe(rebuilds);
    plant.plant.setSpeed(600);
    await until('both job orders end', () =>
      ['P1/v1/M1', 'P1/v1/M2'].every((id) => plant.plant.jobOrders.get(id)?.state === 'ended'),
    );
    expect(plant.mqttJobOrders!.counters()).toEqual({ received: 4, accepted: 4, rejected: 0 });
  });
});
