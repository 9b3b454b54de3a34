// The plant's telemetry over MQTT (aedes in process): topics <prefix>/<line>/<machine>/<signal> with JSON values,
// queued while the broker is away and delivered once the publisher has reconnected by itself.
import { connectAsync, type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { startAedes, type TestBroker } from '../mqtt/__fixtures__/aedes-broker.js';
import { TWO_MACHINES_SCENARIO, until } from './__fixtures__/plant-test.js';
import { startEmbeddedPlant, type EmbeddedPlant } from './embedded-plant.js';
import { decodeJsonTelemetry } from '../mqtt/json-payload.js';
import type { PublishedValue } from './mqtt-publisher.js';

const PORT = 18840;

describe('embedded plant over MQTT', () => {
  let broker: TestBroker | undefined;
  let plant: EmbeddedPlant | undefined;
  let subscriber: MqttClient | undefined;

  afterEach(async () => {
    await plant?.stop();
    await subscriber?.endAsync();
    await broker?.stop();
  });

  it('publishes every signal as JSON, after waiting for a broker that starts late', async () => {
    // No broker yet: the plant runs, the publisher queues and retries.
    plant = await startEmbeddedPlant({
      scenario: TWO_MACHINES_SCENARIO,
      speed: 600,
      sampleMs: 50,
      opcua: { enabled: false },
      mqtt: { url: `mqtt://127.0.0.1:${PORT}`, prefix: 'test-plant', qos: 1, maxQueued: 100_000 },
    });
    await until('observations queue up', () => plant!.plant.snapshot().observations > 20);
    expect(plant.mqtt!.connected).toBe(false);

    broker = await startAedes(PORT);
    subscriber = await connectAsync(broker.url, { reconnectPeriod: 0 });
    const got = new Map<string, PublishedValue[]>();
    const decodeFailures: string[] = [];
    subscriber.on('message', (topic, payload) => {
      const list = got.get(topic) ?? [];
      list.push(JSON.parse(payload.toString()) as PublishedValue);
      // What the plant publishes is what our own MQTT ingest reads.
      const decoded = decodeJsonTelemetry(payload, 'mqtt:test', 'M', 's', 0);
      if (!decoded.ok) decodeFailures.push(`${topic}: ${decoded.reason}`);
      got.set(topic, list);
    });
    await subscriber.subscribeAsync('test-plant/#', { qos: 1 });
    await until(
      'the publisher reconnects and delivers',
      () => (got.get('test-plant/line-1/M2/partCount')?.length ?? 0) > 0,
    );

    const states = got.get('test-plant/line-1/M1/state') ?? [];
    expect(states.length).toBeGreaterThan(0);
    expect(states[0]).toMatchObject({ quality: 'good' });
    expect(decodeFailures).toEqual([]);
    expect(['running', 'idle', 'setup', 'down', 'maintenance', 'blocked', 'starved', 'off']).toContain(
      states[0]!.value,
    );
    const temperatures = got.get('test-plant/line-1/M2/temperature') ?? [];
    expect(temperatures.length).toBeGreaterThan(0);
    expect(typeof temperatures[0]!.value).toBe('number');
    // Nothing dropped: the queue was large enough; source timestamps run forward on the plant clock.
    expect(plant.mqtt!.dropped).toBe(0);
    const ts = temperatures.map((t) => t.ts);
    expect([...ts].sort((a, b) => a - b)).toEqual(ts);
  });
});
