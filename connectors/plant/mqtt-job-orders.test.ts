// The embedded plant takes plans over MQTT, through an in-process aedes broker (port 18961): the real dispatcher
// sends a plan version as JSON job orders and as Sparkplug B DCMDs; the plant acknowledges per machine, executes
// the plan (seen in what it publishes: M2 turns O4 before O3, against its own EDD rule) and answers a second
// dispatch of the same version without a second effect.
import { connectAsync } from 'mqtt';
import type { UMetric } from 'sparkplug-payload/lib/sparkplugbpayload.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withTimeout } from '../../test/servers.js';
import type { Observation } from '../../twin/schema/observation.js';
import type { Plan } from '../../twin/schema/plan.js';
import { testPlan } from '../dispatch/__fixtures__/plans.js';
import { parseMqttDispatchConfig } from '../dispatch/config.js';
import { dispatchPlan } from '../dispatch/dispatcher.js';
import { ackFromMetrics } from '../dispatch/sparkplug-job-order.js';
import type { JobOrderAck } from '../dispatch/job-order.js';
import { MqttJobOrderTransport } from '../dispatch/mqtt-transport.js';
import { recordingLogger } from '../ingest/__fixtures__/recorders.js';
import { startAedes, type TestBroker } from '../mqtt/__fixtures__/aedes-broker.js';
import { startTestIngest } from '../mqtt/__fixtures__/test-ingest.js';
import { decodePayload, encodePayload, sparkplugNumber } from '../mqtt/sparkplug-codec.js';
import { TWO_MACHINES_SCENARIO, turnsStarted, until } from './__fixtures__/plant-test.js';
import { startEmbeddedPlant, type EmbeddedPlant } from './embedded-plant.js';

const PORT = 18961;

describe('embedded plant: job orders over MQTT', () => {
  let broker: TestBroker;
  let plant: EmbeddedPlant | undefined;
  let transport: MqttJobOrderTransport | undefined;
  const seen: Observation[] = [];
  const logger = recordingLogger();

  beforeAll(async () => {
    broker = await startAedes(PORT);
  });
  afterEach(async () => {
    await transport?.close();
    await plant?.stop();
    seen.length = 0;
  });
  afterAll(async () => {
    await broker?.stop();
  });

  /** A plant running slowly (so work is left when the plan arrives), taking job orders as configured. */
  async function startPlant(jobOrders: object): Promise<EmbeddedPlant> {
    const started = await startEmbeddedPlant(
      {
        scenario: TWO_MACHINES_SCENARIO,
        speed: 1,
        sampleMs: 50,
        opcua: { enabled: false },
        mqtt: { url: broker.url, prefix: 'job-test', clientId: 'plant-under-test', jobOrders },
      },
      { accept: (batch) => seen.push(...batch) },
      undefined,
      logger,
    );
    await until('the plant subscribes to job orders', () => started.mqttJobOrders?.subscribed === true);
    return started;
  }

  /**
   * A plan version from what the machines are turning now (kept where it is), then O4 before O3 on M2: its EDD
   * rule alone would turn O3 first. Epoch = the plant's clock now.
   */
  function planNow(p: EmbeddedPlant, version = 1): Plan {
    const rows: [string, string, string, number, number][] = [];
    for (const m of p.plant.snapshot().machines)
      if (m.order !== '' && m.operation === 'turn') rows.push([m.order, 'turn', m.id, 0, 60]);
    rows.push(['O4', 'turn', 'M2', 60, 120], ['O3', 'turn', 'M2', 120, 180]);
    return { ...testPlan(rows, 'P-mqtt', version), epochMs: p.plant.snapshot().clockMs };
  }

  /** Speeds the plant up until every job order has ended; the orders M2 started turning meanwhile. */
  async function turnsOnM2After(p: EmbeddedPlant, from: number, ids: readonly string[]): Promise<string[]> {
    p.plant.setSpeed(600);
    await until('the job orders end', () => ids.every((id) => p.plant.jobOrders.get(id)?.state === 'ended'));
    return turnsStarted(seen.slice(from), 'M2').filter((o) => o === 'O3' || o === 'O4');
  }

  /** The twin's dispatcher on the test broker, sending as `wire` says (JSON prefix or Sparkplug B). */
  async function connectDispatcher(clientId: string, wire: object): Promise<MqttJobOrderTransport> {
    const connected = new MqttJobOrderTransport(
      parseMqttDispatchConfig({ url: broker.url, clientId, resendMs: 300, ...wire }),
      recordingLogger(),
    );
    transport = connected;
    await connected.connect();
    return connected;
  }

  /** Dispatches `plan`; every machine must acknowledge with ReturnStatus ok. */
  async function expectAcknowledged(plan: Plan, via: MqttJobOrderTransport): Promise<void> {
    const result = await dispatchPlan(plan, { transport: via, timeoutMs: 5_000 });
    expect(result.machines.map((m) => [m.machine, m.status, m.returnStatus])).toEqual([
      ['M1', 'acknowledged', 0],
      ['M2', 'acknowledged', 0],
    ]);
  }

  it('executes a plan dispatched as JSON job orders, acknowledged per machine, idempotent', async () => {
    plant = await startPlant({ json: { prefix: 'job-test/dispatch' } });
    const sender = await connectDispatcher('dispatch-json', { prefix: 'job-test/dispatch' });
    const plan = planNow(plant);
    const from = seen.length;
    await expectAcknowledged(plan, sender);
    expect(plant.plant.jobOrders.get('P-mqtt/v1/M2')?.state).toBe('running');
    const rebuilds = plant.plant.snapshot().rebuilds;
    expect(rebuilds).toBeGreaterThanOrEqual(1);

    // The same version again: acknowledged, nothing stored or rebuilt a second time.
    const again = await dispatchPlan(plan, { transport: sender, timeoutMs: 5_000 });
    expect(again.acknowledged).toBe(true);
    expect(plant.plant.snapshot().rebuilds).toBe(rebuilds);
    expect(plant.plant.jobOrders.list()).toHaveLength(2);

    expect(await turnsOnM2After(plant, from, ['P-mqtt/v1/M1', 'P-mqtt/v1/M2'])).toEqual(['O4', 'O3']);
    expect(plant.mqttJobOrders!.counters()).toEqual({ received: 4, accepted: 4, rejected: 0 });
  });

  it('answers bad JSON job orders with the reason and keeps running', async () => {
    plant = await startPlant({ json: { prefix: 'job-test/dispatch' } });
    const client = await connectAsync(broker.url, { reconnectPeriod: 0 });
    const acks: { topic: string; ack: JobOrderAck }[] = [];
    client.on('message', (topic, payload) => acks.push({ topic, ack: JSON.parse(payload.toString()) }));
    await client.subscribeAsync('job-test/dispatch/+/joborder/ack', { qos: 1 });
    const send = (machine: string, body: string) =>
      client.publishAsync(`job-test/dispatch/${machine}/joborder`, body, { qos: 1 });
    const order = (machine: string, ops: [string, string][]) =>
      JSON.stringify({
        jobOrderId: `bad/${machine}`,
        planId: 'bad',
        planVersion: 1,
        machine,
        epochMs: 0,
        operations: ops.map(([o, op]) => ({ order: o, operation: op, startS: 0, endS: 1 })),
      });
    await send('M1', 'not json {');
    await send('M1', JSON.stringify({ jobOrderId: 'x1', machine: 'M1' }));
    await send('M1', order('M1', [['O-404', 'turn']]));
    await send('M1', order('M1', [['O1', 'finish']])); // finish runs on M2 only
    await send('M9', order('M9', [['O1', 'turn']]));
    await send('M2', order('M1', [['O1', 'turn']])); // M1's order at M2
    await withTimeout(
      until('six answers', () => acks.length === 6),
      5_000,
      'acks',
    );
    await client.endAsync();

    expect(
      acks.map(({ topic, ack }) => [topic.split('/')[2], ack.jobOrderId, ack.status, ack.returnStatus]),
    ).toEqual([
      ['M1', '?', 'rejected', 1],
      ['M1', 'x1', 'rejected', 1],
      ['M1', 'bad/M1', 'rejected', 1],
      ['M1', 'bad/M1', 'rejected', 1],
      ['M9', 'bad/M9', 'rejected', 2],
      ['M2', 'bad/M1', 'rejected', 2],
    ]);
    expect(acks.map(({ ack }) => ack.reason)).toEqual([
      expect.stringMatching(/^JobOrder: not JSON/),
      expect.stringMatching(/^JobOrder/),
      'JobOrder.operations[0].order: unknown order "O-404"',
      'JobOrder.operations[0]: operation "finish" cannot run on machine "M1"',
      'unknown machine "M9"',
      'JobOrder.machine: "M1" arrived at the JobOrderControl of "M2"',
    ]);
    expect(plant.plant.jobOrders.list()).toEqual([]);
    expect(plant.mqttJobOrders!.counters()).toEqual({ received: 6, accepted: 0, rejected: 6 });
    expect(logger.warnings.filter((w) => w.message.includes('rejected a job order'))).toHaveLength(6);
    const t = plant.plant.snapshot().simTimeS;
    plant.plant.setSpeed(600);
    await until('the plant keeps running', () => plant!.plant.snapshot().simTimeS > t + 60);
  });

  it('executes a plan dispatched as Sparkplug B commands, answered by DDATA, seen by the twin', async () => {
    const { ingest, gate, sink } = await startTestIngest({
      url: broker.url,
      clientId: 'twin-ingest-job-test',
      source: 'sparkplug:plant',
      sparkplug: { groups: ['JobTest'] },
    });
    try {
      plant = await startPlant({ sparkplug: { groupId: 'JobTest', edgeNode: 'sim' } });
      const sender = await connectDispatcher('dispatch-sparkplug', {
        sparkplug: { groupId: 'JobTest', edgeNode: 'sim' },
      });
      const plan = planNow(plant);
      const from = seen.length;
      await expectAcknowledged(plan, sender);
      const rebuilds = plant.plant.snapshot().rebuilds;
      const again = await dispatchPlan(plan, { transport: sender, timeoutMs: 5_000 });
      expect(again.acknowledged).toBe(true);
      expect(plant.plant.snapshot().rebuilds).toBe(rebuilds);
      expect(plant.plant.jobOrders.list()).toHaveLength(2);

      // Other content under a known id: refused, with the plant's reason carried by the DDATA.
      const changed = { ...plan, assignments: plan.assignments.map((a) => ({ ...a, endS: a.endS + 1 })) };
      const conflicting = await dispatchPlan(changed, { transport: sender, timeoutMs: 5_000 });
      expect(conflicting.machines[0]).toMatchObject({
        status: 'rejected',
        returnStatus: 3,
        reason: 'job order "P-mqtt/v1/M1" is known with other content',
      });
      const unknown = await dispatchPlan(testPlan([['O-404', 'turn', 'M1', 0, 1]], 'P-bad'), {
        transport: sender,
        timeoutMs: 5_000,
      });
      expect(unknown.machines[0]).toMatchObject({
        status: 'rejected',
        returnStatus: 1,
        reason: 'JobOrder.operations[0].order: unknown order "O-404"',
      });

      expect(await turnsOnM2After(plant, from, ['P-mqtt/v1/M1', 'P-mqtt/v1/M2'])).toEqual(['O4', 'O3']);
      // The twin's Sparkplug host read the edge node's births and answers in sequence.
      const state = await sink.waitFor(
        (o) => o.asset === 'M2' && o.signal === 'Job Order/Ack/State' && o.value === 'Running',
        'M2 job order state',
      );
      expect(state.quality).toBe('good');
      expect(ingest.status().sparkplug).toMatchObject({ sequenceGaps: 0, rebirthRequests: 0 });
      expect(gate.counters().rejected).toBe(0);
    } finally {
      await ingest.stop();
    }
  });

  it('answers a broken Sparkplug command and is reborn on request', async () => {
    plant = await startPlant({ sparkplug: { groupId: 'JobTest', edgeNode: 'sim' } });
    const client = await connectAsync(broker.url, { reconnectPeriod: 0 });
    // What the plant publishes (the commands sent below come back too: the subscription covers them).
    const topics: string[] = [];
    const answers: UMetric[][] = [];
    const births: UMetric[][] = [];
    client.on('message', (topic, payload) => {
      if (topic.includes('CMD/')) return;
      topics.push(topic);
      if (topic.includes('/DDATA/')) answers.push(decodePayload(payload).metrics ?? []);
      if (topic.endsWith('/DBIRTH/sim/M1')) births.push(decodePayload(payload).metrics ?? []);
    });
    await client.subscribeAsync('spBv1.0/JobTest/+/sim/#', { qos: 0 });
    const command = (metrics: UMetric[]) => Buffer.from(encodePayload({ timestamp: Date.now(), metrics }));
    await client.publishAsync(
      'spBv1.0/JobTest/DCMD/sim/M1',
      command([{ name: 'Job Order/ID', type: 'String', value: 'half/M1' }]),
    );
    await client.publishAsync('spBv1.0/JobTest/DCMD/sim/M1', Buffer.from('not protobuf'));
    await client.publishAsync(
      'spBv1.0/JobTest/NCMD/sim',
      command([{ name: 'Node Control/Rebirth', type: 'Boolean', value: true }]),
    );
    await until('the rebirth', () => topics.filter((t) => t.includes('DBIRTH')).length === 2);
    await client.endAsync();
    expect(topics).toEqual([
      'spBv1.0/JobTest/DDATA/sim/M1',
      'spBv1.0/JobTest/NBIRTH/sim',
      'spBv1.0/JobTest/DBIRTH/sim/M1',
      'spBv1.0/JobTest/DBIRTH/sim/M2',
    ]);
    // The half command named its job order, so it got an answer by alias: invalidJobOrder and why.
    expect(answers[0]?.map((m) => sparkplugNumber(m.value) ?? m.value)).toEqual([
      'half/M1',
      1,
      expect.stringMatching(/^Job Order\/Plan ID: is missing; /),
    ]);
    // The rebirth reports the answer M1 holds, as a dispatcher reads it (no state: declared empty).
    expect(ackFromMetrics(births[0] ?? [], undefined)).toEqual({
      ok: true,
      value: { jobOrderId: 'half/M1', returnStatus: 1, reason: expect.stringMatching(/^Job Order\/Plan ID/) },
    });
    expect(plant.mqttJobOrders!.counters()).toMatchObject({ received: 2, rejected: 2 });
    expect(logger.warnings.map((w) => w.details?.reason)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Job Order\/Plan ID: is missing/),
        expect.stringMatching(/^not a Sparkplug payload/),
      ]),
    );
  });
});
