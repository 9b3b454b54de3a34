// Smoke test against a real mosquitto (scripts/test-servers.sh): QoS 1 round trip and a persistent session.
import { randomUUID } from 'node:crypto';
import { connect, connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { afterEach, expect, it } from 'vitest';
import { describeWithServers, serverUrls, withTimeout } from '../../test/servers.js';

const options: IClientOptions = { reconnectPeriod: 0, connectTimeout: 5_000, protocolVersion: 4 };

/** Resolves with the payload of the first message on `topic`. */
function nextMessage(client: MqttClient, topic: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const onMessage = (received: string, payload: Buffer): void => {
      if (received !== topic) return;
      client.off('message', onMessage);
      resolve(payload);
    };
    client.on('message', onMessage);
  });
}

describeWithServers('mosquitto', () => {
  const clients: MqttClient[] = [];
  const open = async (extra: IClientOptions = {}): Promise<MqttClient> => {
    const client = await connectAsync(serverUrls().mqttUrl, { ...options, ...extra }, false);
    clients.push(client);
    return client;
  };

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
  });

  it('delivers a QoS 1 JSON payload intact', async () => {
    const topic = `shopfloor-twin/test/${randomUUID()}/telemetry`;
    const subscriber = await open();
    const granted = await subscriber.subscribeAsync(topic, { qos: 1 });
    expect(granted).toEqual([expect.objectContaining({ topic, qos: 1 })]);

    const message = { machine: 'Lathe01', spindleLoad: 0.73, at: '2026-01-01T00:00:00.000Z', ok: true };
    const received = nextMessage(subscriber, topic);
    const publisher = await open();
    await publisher.publishAsync(topic, JSON.stringify(message), { qos: 1 });

    const payload = await withTimeout(received, 10_000, `message on ${topic}`);
    expect(JSON.parse(payload.toString('utf8'))).toEqual(message);
  });

  it('keeps QoS 1 messages for a persistent session while it is offline', async () => {
    const topic = `shopfloor-twin/test/${randomUUID()}/state`;
    const session: IClientOptions = { clientId: `twin-test-${randomUUID().slice(0, 8)}`, clean: false };

    const first = await open(session);
    await first.subscribeAsync(topic, { qos: 1 });
    await first.endAsync();

    const publisher = await open();
    await publisher.publishAsync(topic, JSON.stringify({ seq: 1 }), { qos: 1 });
    await publisher.publishAsync(topic, JSON.stringify({ seq: 2 }), { qos: 1 });

    // The queued messages arrive right after CONNACK, so listen before connecting.
    const again = connect(serverUrls().mqttUrl, { ...options, ...session });
    clients.push(again);
    const received: unknown[] = [];
    const both = new Promise<void>((resolve) => {
      again.on('message', (receivedTopic, payload) => {
        if (receivedTopic === topic) received.push(JSON.parse(payload.toString('utf8')));
        if (received.length === 2) resolve();
      });
    });
    const connack = await withTimeout(
      new Promise<{ sessionPresent: boolean }>((resolve, reject) => {
        again.once('connect', resolve);
        again.once('error', reject);
      }),
      10_000,
      'reconnect of the persistent session',
    );
    expect(connack.sessionPresent).toBe(true);
    await withTimeout(both, 10_000, 'messages queued while offline');
    expect(received).toEqual([{ seq: 1 }, { seq: 2 }]);
  });
});
