// The MQTT ingest's persistent session against a real mosquitto of its own (port 18901; a TCP proxy on 18902),
// so that stopping and restarting the broker disturbs no other test. Messages published while the ingest is
// away, across a broker restart, all arrive; redeliveries of messages already taken are applied once: the twin
// counts every part exactly once.
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeWithServers, withTimeout } from '../../test/servers.js';
import type { Observation } from '../../twin/schema/observation.js';
import { TwinStore } from '../../twin/store/twin-store.js';
import { ObservationGate } from '../ingest/observation-gate.js';
import { recordingLogger, recordingSink, type RecordingSink } from '../ingest/__fixtures__/recorders.js';
import { startTcpProxy, type TcpProxy } from '../opcua/__fixtures__/tcp-proxy.js';
import { mosquittoProcess, type MosquittoProcess } from './__fixtures__/mosquitto-process.js';
import { parseMqttIngestConfig } from './config.js';
import { MqttIngest } from './mqtt-ingest.js';

const T0 = 1_767_225_600_000;
const DAY_MS = 86_400_000;

describeWithServers('MQTT persistent session across a broker restart (private mosquitto)', () => {
  let broker: MosquittoProcess;
  let proxy: TcpProxy;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    broker = mosquittoProcess(18901);
    await broker.start();
    proxy = await startTcpProxy(18902, 18901);
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });
  afterAll(async () => {
    await proxy?.close();
    await broker?.dispose();
  });

  /** The twin with one machine, fed by the sink; `parts()` is what it counted. */
  const twinSink = () => {
    const twin = new TwinStore([{ id: 'Lathe01', line: 'L1', kind: 'cnc' }], {
      startMs: T0,
      throughputWindowMs: DAY_MS,
    });
    const recorded = recordingSink();
    const sink: RecordingSink = {
      ...recorded,
      accept(batch: readonly Observation[]) {
        for (const o of batch) twin.apply(o);
        recorded.accept(batch);
      },
    };
    return {
      sink,
      recorded,
      parts: () => Math.round((twin.throughputPerHour(T0 + DAY_MS / 2) * DAY_MS) / 3_600_000),
      twin,
    };
  };

  const startIngest = async (url: string, clientId: string, prefix: string, sink: RecordingSink) => {
    const gate = new ObservationGate({ sink, logger: recordingLogger() });
    const ingest = new MqttIngest(
      parseMqttIngestConfig({
        url,
        clientId,
        clean: false,
        qos: 1,
        source: 'mqtt:session',
        reconnect: { initialDelayMs: 100, maxDelayMs: 400 },
        json: [{ pattern: `${prefix}/+line/+asset/+signal` }],
      }),
      { gate, logger: recordingLogger() },
    );
    cleanups.push(() => ingest.stop());
    await withTimeout(ingest.start(), 10_000, 'ingest connect');
    await new Promise((resolve) => setTimeout(resolve, 150)); // the SUBACK
    return { ingest, gate };
  };

  const publisher = async (): Promise<MqttClient> => {
    const client = await connectAsync(broker.url, { reconnectPeriod: 0, protocolVersion: 4 });
    cleanups.push(() => client.endAsync(true));
    return client;
  };
  /** Part counts from..to (inclusive), each with its own source time, at QoS 1. */
  const publishCounts = async (client: MqttClient, prefix: string, from: number, to: number) => {
    for (let i = from; i <= to; i++)
      await client.publishAsync(
        `${prefix}/L1/Lathe01/partCount`,
        JSON.stringify({ value: i, ts: T0 + i * 1_000 }),
        { qos: 1 },
      );
  };
  const values = (sink: RecordingSink) => sink.observations.map((o) => o.value as number);
  const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it('delivers what was published while the ingest was away, across a broker restart, each once', async () => {
    const prefix = 'session/a';
    const clientId = 'twin-session-a';
    const { sink, recorded, parts, twin } = twinSink();
    const first = await startIngest(broker.url, clientId, prefix, sink);
    let pub = await publisher();
    await publishCounts(pub, prefix, 1, 100);
    await withTimeout(recorded.waitForCount(100), 10_000, 'the first 100');
    await first.ingest.stop();

    await publishCounts(pub, prefix, 101, 300); // queued by the broker for the absent session
    await pub.endAsync();
    await broker.stop(); // SIGTERM: mosquitto writes the session and its queue to its persistence file
    await broker.start();
    pub = await publisher();
    await publishCounts(pub, prefix, 301, 400); // to the restarted broker, still while the ingest is away

    const again = await startIngest(broker.url, clientId, prefix, sink);
    await withTimeout(recorded.waitForCount(400), 15_000, `all 400 (${broker.log()})`);
    await new Promise((resolve) => setTimeout(resolve, 300)); // a duplicate would be here by now
    expect(values(recorded)).toEqual(oneTo(400));
    expect(parts()).toBe(400);
    expect(twin.machineView('Lathe01')?.partCount).toBe(400);
    expect(again.gate.counters()).toMatchObject({ accepted: 300, rejected: 0 });

    // Now the broker restarts under a connected ingest: it reconnects (backoff) into its kept session.
    await pub.endAsync();
    await broker.stop();
    await broker.start();
    pub = await publisher();
    await withTimeout(
      new Promise<void>((resolve) => {
        const poll = setInterval(
          () => again.ingest.status().connects >= 2 && resolve(clearInterval(poll)),
          20,
        );
      }),
      10_000,
      'ingest reconnected',
    );
    await publishCounts(pub, prefix, 401, 450);
    await withTimeout(recorded.waitForCount(450), 10_000, 'the 50 after the second restart');
    expect(values(recorded)).toEqual(oneTo(450));
    expect(parts()).toBe(450);
  });

  it('applies a redelivery (DUP) of messages whose PUBACK was lost only once', async () => {
    const prefix = 'session/b';
    const { sink, recorded, parts } = twinSink();
    // Through the proxy, whose client → broker direction can be blocked: the ingest takes messages, its
    // PUBACKs never reach the broker, and after the break the broker sends them again, flagged DUP, after
    // messages that came later.
    const { ingest } = await startIngest('mqtt://127.0.0.1:18902', 'twin-session-b', prefix, sink);
    const pub = await publisher();
    await publishCounts(pub, prefix, 1, 20);
    await withTimeout(recorded.waitForCount(20), 10_000, 'the first 20');
    proxy.dropUpstream(true);
    await publishCounts(pub, prefix, 21, 40);
    await withTimeout(recorded.waitForCount(40), 10_000, '21..40, not acknowledged');
    proxy.cut();
    proxy.dropUpstream(false);
    await publishCounts(pub, prefix, 41, 60);
    await withTimeout(recorded.waitForCount(60), 15_000, '41..60 after the reconnection');
    await new Promise((resolve) => setTimeout(resolve, 300));

    const status = ingest.status();
    expect(status.connects).toBe(2);
    // The broker did send (at least) 21..40 again, and the ingest dropped exactly the messages it had taken.
    expect(status.redeliveries).toBeGreaterThanOrEqual(20);
    expect(status.messages).toBe(60 + status.redeliveries);
    expect(values(recorded)).toEqual(oneTo(60));
    expect(parts()).toBe(60);
  });
});
