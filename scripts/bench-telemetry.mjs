#!/usr/bin/env node
// npm run bench:telemetry — MQTT telemetry into an ObservationSink through the ingest (dist/ build):
//   1. sustained observations/s at QoS 0 and QoS 1 (the publisher floods; rate = observations reaching the sink
//      over the time from the first arrival to the last);
//   2. publish-to-sink latency p50/p99 at a paced 5,000 msg/s (QoS 0 and 1).
// The publisher runs in a child process, so the ingest's CPU time (process.cpuUsage) is its own: CPU µs per
// observation is the figure that survives a busy machine (obs/s on one core ≈ 1e6 / µs per observation).
// Broker: --url mqtt://host:port, else $MQTT_URL, else the test servers' (.test-servers/env; start them with
// `bash scripts/test-servers.sh up`). Options: --messages N (flood size, default 200000), --seconds S (paced run,
// default 10), --rate R (paced rate, default 5000), --json.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/', import.meta.url);
const now = () => performance.timeOrigin + performance.now(); // epoch ms with µs resolution, same in every thread

function brokerUrl(flag) {
  if (flag) return flag;
  if (process.env.MQTT_URL) return process.env.MQTT_URL;
  try {
    const env = readFileSync(new URL('../.test-servers/env', import.meta.url), 'utf8');
    const line = env.split('\n').find((l) => l.startsWith('MQTT_URL='));
    if (line) return line.slice('MQTT_URL='.length);
  } catch {
    // fall through
  }
  throw new Error('no broker: pass --url, set MQTT_URL, or run `bash scripts/test-servers.sh up`');
}

// ---- publisher (child process) ------------------------------------------------------------------------------

async function publisher({ url, prefix, qos, messages, rate, seconds }) {
  const { connectAsync } = await import('mqtt');
  const client = await connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0 });
  const topics = Array.from({ length: 100 }, (_, i) => `${prefix}/L1/M${i}/spindleLoad`);
  let sent = 0;
  const publishOne = (i) => {
    // The payload is the publish time: the sink subtracts it from its own clock.
    const payload = rate ? String(now()) : String(i);
    return new Promise((resolve) =>
      client.publish(topics[i % topics.length], payload, { qos }, () => resolve()),
    );
  };
  if (!rate) {
    // Flood in windows so QoS 1 keeps a bounded number of PUBACKs outstanding.
    const window = 500;
    for (let i = 0; i < messages; i += window) {
      const end = Math.min(i + window, messages);
      const batch = [];
      for (let k = i; k < end; k++) batch.push(publishOne(k));
      await Promise.all(batch);
      sent = end;
    }
  } else {
    const total = Math.round(rate * seconds);
    const start = now();
    while (sent < total) {
      const due = Math.min(total, Math.floor(((now() - start) / 1000) * rate));
      const batch = [];
      for (; sent < due; sent++) batch.push(publishOne(sent));
      if (batch.length) await Promise.all(batch);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
  await client.endAsync();
  process.send({ sent }, () => process.exit(0));
}

// ---- ingest (main thread) -----------------------------------------------------------------------------------

async function run(url, { qos, messages, rate, seconds }) {
  const { MqttIngest } = await import(new URL('connectors/mqtt/mqtt-ingest.js', dist));
  const { parseMqttIngestConfig } = await import(new URL('connectors/mqtt/config.js', dist));
  const { ObservationGate } = await import(new URL('connectors/ingest/observation-gate.js', dist));
  const { silentLogger } = await import(new URL('connectors/ingest/logger.js', dist));

  const prefix = `bench-telemetry/${process.pid}-${Date.now()}`;
  const expected = rate ? Math.round(rate * seconds) : messages;
  const latencies = new Float64Array(expected);
  let received = 0;
  let firstArrival = 0;
  let lastArrival = 0;
  const sink = {
    accept(batch) {
      const t = now();
      if (received === 0) firstArrival = t;
      for (let i = 0; i < batch.length; i++) {
        if (rate && received < expected) latencies[received] = t - batch[i].value;
        received++;
      }
      lastArrival = t;
    },
  };
  const gate = new ObservationGate({ sink, logger: silentLogger });
  const ingest = new MqttIngest(
    parseMqttIngestConfig({
      url,
      clientId: `bench-telemetry-${process.pid}-${qos}-${rate}`,
      clean: true,
      qos,
      source: 'mqtt:bench',
      json: [{ pattern: `${prefix}/+line/+asset/+signal` }],
    }),
    { gate, logger: silentLogger },
  );
  await ingest.start();
  await new Promise((resolve) => setTimeout(resolve, 300)); // SUBACK

  const cpuBefore = process.cpuUsage();
  const child = fork(fileURLToPath(import.meta.url), [
    '--publisher',
    JSON.stringify({ url, prefix, qos, messages, rate, seconds }),
  ]);
  const { sent } = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('error', reject);
  });
  // Wait until arrivals stop (QoS 0 may lose some under a flood).
  let seen = -1;
  while (received < sent && received !== seen) {
    seen = received;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const cpu = process.cpuUsage(cpuBefore);
  await ingest.stop();
  const counters = gate.counters();
  const cpuUsPerObservation = (cpu.user + cpu.system) / received;
  // From the first arrival, so the publisher process's start-up is not counted.
  const elapsedS = (lastArrival - firstArrival) / 1000;
  const result = {
    qos,
    sent,
    received,
    rejected: counters.rejected,
    elapsedS,
    perSecond: received / elapsedS,
    cpuUsPerObservation,
  };
  if (rate) {
    const sorted = latencies.slice(0, Math.min(received, expected)).sort();
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    Object.assign(result, { rate, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted[sorted.length - 1] });
  }
  return result;
}

if (process.argv[2] === '--publisher') {
  await publisher(JSON.parse(process.argv[3]));
} else {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      messages: { type: 'string', default: '200000' },
      seconds: { type: 'string', default: '10' },
      rate: { type: 'string', default: '5000' },
      json: { type: 'boolean', default: false },
    },
  });
  const url = brokerUrl(values.url);
  const positive = (name) => {
    const n = Number(values[name]);
    if (!(n > 0) || !Number.isFinite(n))
      throw new Error(`--${name}: must be a number > 0 (got "${values[name]}")`);
    return n;
  };
  const messages = Math.round(positive('messages'));
  const seconds = positive('seconds');
  const rate = positive('rate');
  const results = [];
  for (const qos of [0, 1]) results.push(await run(url, { qos, messages, rate: 0, seconds }));
  for (const qos of [0, 1]) results.push(await run(url, { qos, messages, rate, seconds }));
  if (values.json) {
    console.log(JSON.stringify({ url, results }, null, 2));
  } else {
    console.log(`MQTT → ingest → ObservationSink, broker ${url}`);
    console.log(
      'run                 QoS        sent    received      obs/s  CPU µs/obs   p50 ms   p99 ms   max ms',
    );
    for (const r of results) {
      const name = r.rate ? `paced ${r.rate}/s` : 'flood';
      const lat = r.rate
        ? `${r.p50Ms.toFixed(2).padStart(8)} ${r.p99Ms.toFixed(2).padStart(8)} ${r.maxMs.toFixed(2).padStart(8)}`
        : '';
      console.log(
        `${name.padEnd(19)} ${String(r.qos).padStart(3)} ${String(r.sent).padStart(11)} ${String(r.received).padStart(11)} ${Math.round(r.perSecond).toLocaleString('en').padStart(10)} ${r.cpuUsPerObservation.toFixed(1).padStart(11)} ${lat}`,
      );
    }
  }
}
