#!/usr/bin/env node
// npm run bench:telemetry — telemetry through the ingest into the twin (dist/ build): every observation goes
// through the ObservationGate into a sink that applies it to a real TwinStore (100 machines) and counts it.
// MQTT (mqtt.js ingest):
//   1. sustained observations/s at QoS 0 and QoS 1 (the publisher floods; rate = observations reaching the twin
//      over the time from the first arrival to the last);
//   2. publish-to-twin latency p50/p99 at a paced 5,000 msg/s (QoS 0 and 1), and at 50,000 msg/s QoS 0 (the
//      end-to-end target).
// OPC UA (OpcUaIngest, node-opcua): a node-opcua server with N Double variables (default 10,000) changing at a
//   set total rate (default 10,000, 25,000 and 50,000 changes/s, round robin), monitored on change
//   (samplingInterval 0) with a 50 ms publishing interval; notifications/s and observations/s into the twin,
//   latency from the value's source timestamp (ms resolution) to the twin, p50/p99.
// The publisher and the OPC UA server run in child processes, so the ingest's CPU time (process.cpuUsage) is its
// own: CPU µs per observation is the figure that survives a busy machine (obs/s on one core ≈ 1e6 / µs per obs).
// Broker: --url mqtt://host:port, else $MQTT_URL, else a private mosquitto this script starts on --mosquitto-port
// (default 18904; not the test servers' broker, which another test run may stop under the benchmark). Options: --messages N (flood size, default
// 200000), --seconds S (paced MQTT runs, default 10), --rate R (paced rate, default 5000), --only mqtt|opcua,
// --opcua-variables N, --opcua-rates R1,R2,..., --opcua-seconds S (default 5), --opcua-port P (default 4851),
// --json.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawn, fork } from 'node:child_process';
import { connect as tcpConnect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/', import.meta.url);
const now = () => performance.timeOrigin + performance.now(); // epoch ms with µs resolution, same in every thread
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const MACHINES = 100;

function configuredBroker(flag) {
  return flag ?? process.env.MQTT_URL;
}

/** A throw-away mosquitto on `port` (no persistence), for when no broker is configured. */
async function privateMosquitto(port) {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-telemetry-mosquitto-'));
  const config = path.join(dir, 'mosquitto.conf');
  // Run as root, mosquitto drops to user `mosquitto` unless told otherwise.
  writeFileSync(
    config,
    `listener ${port} 127.0.0.1\nallow_anonymous true\nmax_queued_messages 100000\nuser ${userInfo().username}\n`,
  );
  const env = { ...process.env, PATH: `${process.env.PATH}:/usr/sbin:/usr/local/sbin:/sbin` };
  const child = spawn('mosquitto', ['-c', config], { env, stdio: 'ignore' });
  const failed = new Promise((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`mosquitto exited (${code})`)));
  });
  failed.catch(() => undefined);
  const open = () =>
    new Promise((resolve) => {
      const socket = tcpConnect({ host: '127.0.0.1', port });
      socket.once('connect', () => resolve(socket.destroy() ?? true));
      socket.once('error', () => resolve(false));
    });
  for (let i = 0; !(await Promise.race([open(), failed])); i++) {
    if (i > 200) throw new Error(`mosquitto did not listen on ${port}`);
    await sleep(50);
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    stop() {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function percentiles(latencies, count) {
  const sorted = latencies.slice(0, count).sort();
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted[sorted.length - 1] ?? NaN };
}

/**
 * The end of the path: each observation applied to a real TwinStore, counted, and its latency (`latencyOf`,
 * ms) kept in a preallocated array while `recording`.
 */
async function twinSink(capacity, latencyOf) {
  const { TwinStore } = await import(new URL('twin/store/twin-store.js', dist));
  const machines = Array.from({ length: MACHINES }, (_, i) => ({ id: `M${i}`, line: 'L1', kind: 'cnc' }));
  const twin = new TwinStore(machines, { startMs: Date.now() - 1_000 });
  const latencies = new Float64Array(capacity);
  const sink = {
    twin,
    latencies,
    recording: true,
    received: 0,
    firstArrival: 0,
    lastArrival: 0,
    accept(batch) {
      const t = now();
      if (!sink.recording) return void batch.forEach((o) => twin.apply(o));
      if (sink.received === 0) sink.firstArrival = t;
      for (let i = 0; i < batch.length; i++) {
        const o = batch[i];
        twin.apply(o);
        if (sink.received < capacity) latencies[sink.received] = t - latencyOf(o);
        sink.received++;
      }
      sink.lastArrival = t;
    },
    reset() {
      sink.received = 0;
      sink.recording = true;
    },
  };
  return sink;
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
      // At most 500 at once: a publisher that fell behind floods in windows, as above, rather than queueing
      // tens of thousands of writes in mqtt.js at once (which slows it down to a crawl).
      const due = Math.min(total, Math.floor(((now() - start) / 1000) * rate), sent + 500);
      const batch = [];
      for (; sent < due; sent++) batch.push(publishOne(sent));
      if (batch.length) await Promise.all(batch);
      if (batch.length < 500) await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
  await client.endAsync();
  process.send({ sent }, () => process.exit(0));
}

// ---- MQTT ingest (main thread) ------------------------------------------------------------------------------

async function runMqtt(url, { qos, messages, rate, seconds }) {
  const { MqttIngest } = await import(new URL('connectors/mqtt/mqtt-ingest.js', dist));
  const { parseMqttIngestConfig } = await import(new URL('connectors/mqtt/config.js', dist));
  const { ObservationGate } = await import(new URL('connectors/ingest/observation-gate.js', dist));
  const { silentLogger } = await import(new URL('connectors/ingest/logger.js', dist));

  const prefix = `bench-telemetry/${process.pid}-${Date.now()}`;
  const expected = rate ? Math.round(rate * seconds) : messages;
  // The payload of a paced run is its publish time (µs resolution); floods carry a counter.
  const sink = await twinSink(expected, (o) => (rate ? o.value : NaN));
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
  await sleep(300); // SUBACK

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
  while (sink.received < sent && sink.received !== seen) {
    seen = sink.received;
    await sleep(500);
  }
  const cpu = process.cpuUsage(cpuBefore);
  await ingest.stop();
  const { received } = sink;
  // From the first arrival, so the publisher process's start-up is not counted.
  const elapsedS = (sink.lastArrival - sink.firstArrival) / 1000;
  const result = {
    protocol: 'mqtt',
    run: rate ? `paced ${rate}/s` : 'flood',
    qos,
    sent,
    received,
    rejected: gate.counters().rejected,
    elapsedS,
    perSecond: received / elapsedS,
    cpuUsPerObservation: (cpu.user + cpu.system) / received,
  };
  if (rate) Object.assign(result, { rate }, percentiles(sink.latencies, Math.min(received, expected)));
  return result;
}

// ---- OPC UA server (child process) ---------------------------------------------------------------------------

/**
 * A node-opcua server with `variables` Doubles (ns=1;s=V<i>). On {start: {rate, seconds}} it changes them round
 * robin at `rate` changes/s (every 5 ms, what is due), each with the current time as source timestamp, then
 * answers {changed, cpuUs}.
 */
async function opcuaServer({ port, variables, pki }) {
  const { DataType, OPCUACertificateManager, OPCUAServer, StatusCodes, Variant } = await import('node-opcua');
  const manager = (name) =>
    new OPCUACertificateManager({
      rootFolder: path.join(pki, name),
      automaticallyAcceptUnknownCertificate: true,
    });
  const server = new OPCUAServer({
    port,
    host: '127.0.0.1',
    hostname: 'localhost',
    serverCertificateManager: manager('server'),
    userCertificateManager: manager('user'),
    // Room for one subscription of every variable (the default limits are lower), and MinSupportedSampleRate 0:
    // otherwise node-opcua folds the changes of an item within 50 ms into one notification (the latest).
    serverCapabilities: {
      maxMonitoredItems: variables + 1000,
      maxMonitoredItemsPerCall: 1000,
      minSupportedSampleRate: 0,
    },
  });
  await server.initialize();
  const addressSpace = server.engine.addressSpace;
  const namespace = addressSpace.getOwnNamespace();
  const folder = namespace.addObject({ organizedBy: addressSpace.rootFolder.objects, browseName: 'Bench' });
  const nodes = Array.from({ length: variables }, (_, i) =>
    namespace.addVariable({
      componentOf: folder,
      browseName: `V${i}`,
      nodeId: `s=V${i}`,
      dataType: 'Double',
      value: new Variant({ dataType: DataType.Double, value: 0 }),
    }),
  );
  await server.start();
  process.on('message', async (message) => {
    if (message === 'stop') {
      await server.shutdown(0);
      process.exit(0);
    }
    const { rate, seconds } = message.start;
    const cpuBefore = process.cpuUsage();
    const total = Math.round(rate * seconds);
    const start = Date.now();
    let changed = 0;
    while (changed < total) {
      const due = Math.min(total, Math.floor(((Date.now() - start) / 1000) * rate));
      for (; changed < due; changed++) {
        const node = nodes[changed % variables];
        node.setValueFromSource(
          new Variant({ dataType: DataType.Double, value: changed + 1 }), // 0 is the initial value: no change
          StatusCodes.Good,
          new Date(),
        );
      }
      await sleep(5);
    }
    const cpu = process.cpuUsage(cpuBefore);
    process.send({ changed, cpuUs: cpu.user + cpu.system, elapsedS: (Date.now() - start) / 1000 });
  });
  process.send('ready');
}

// ---- OPC UA ingest (main thread) -----------------------------------------------------------------------------

async function runOpcUa({ port, variables, rates, seconds, publishingIntervalMs }) {
  const { OpcUaIngest } = await import(new URL('connectors/opcua/opcua-ingest.js', dist));
  const { parseOpcUaIngestConfig } = await import(new URL('connectors/opcua/config.js', dist));
  const { ObservationGate } = await import(new URL('connectors/ingest/observation-gate.js', dist));
  const { silentLogger } = await import(new URL('connectors/ingest/logger.js', dist));

  const pki = path.join(tmpdir(), 'shopfloor-twin-bench-pki'); // kept: key pairs take seconds to create
  const server = fork(fileURLToPath(import.meta.url), [
    '--opcua-server',
    JSON.stringify({ port, variables, pki }),
  ]);
  const fromServer = () =>
    new Promise((resolve, reject) => {
      server.once('message', resolve);
      server.once('exit', (code) => reject(new Error(`OPC UA server exited (${code})`)));
    });
  await fromServer();

  const capacity = Math.round(Math.max(...rates) * seconds * 1.1);
  const sink = await twinSink(capacity, (o) => o.sourceTs);
  const gate = new ObservationGate({ sink, logger: silentLogger });
  const ingest = new OpcUaIngest(
    parseOpcUaIngestConfig({
      source: 'opcua:bench',
      connection: { endpointUrl: `opc.tcp://localhost:${port}`, pkiFolder: path.join(pki, 'client') },
      publishingIntervalMs,
      samplingIntervalMs: 0,
      queueSize: 100,
      chunkSize: 1000,
      mapping: Array.from({ length: variables }, (_, i) => ({
        nodeId: `ns=1;s=V${i}`,
        asset: `M${i % MACHINES}`,
        signal: `v${Math.floor(i / MACHINES)}`,
        expect: 'number',
      })),
    }),
    { gate, logger: silentLogger },
  );
  const subscribedAt = now();
  await ingest.start();
  const subscribeS = (now() - subscribedAt) / 1000;
  // The initial value of every item arrives first: wait for it, then count only the changes.
  sink.recording = false;
  while (ingest.status().notifications < variables) await sleep(100);
  await sleep(500);

  const results = [];
  for (const rate of rates) {
    sink.reset();
    const notificationsBefore = ingest.status().notifications;
    const cpuBefore = process.cpuUsage();
    server.send({ start: { rate, seconds } });
    const { changed, cpuUs: serverCpuUs } = await fromServer();
    // Until every change arrived, or none came for 2 s (a server that fell behind catches up in bursts).
    let seen = -1;
    while (sink.received < changed && sink.received !== seen) {
      seen = sink.received;
      await sleep(2_000);
    }
    const cpu = process.cpuUsage(cpuBefore);
    const { received } = sink;
    const elapsedS = (sink.lastArrival - sink.firstArrival) / 1000;
    results.push({
      protocol: 'opcua',
      run: `${variables} items, ${rate}/s`,
      rate,
      sent: changed,
      received,
      notifications: ingest.status().notifications - notificationsBefore,
      rejected: gate.counters().rejected,
      elapsedS,
      perSecond: received / elapsedS,
      cpuUsPerObservation: (cpu.user + cpu.system) / received,
      serverCpuUsPerChange: serverCpuUs / changed,
      subscribeS,
      ...percentiles(sink.latencies, Math.min(received, capacity)),
    });
  }
  await ingest.stop();
  server.send('stop');
  await new Promise((resolve) => server.once('exit', resolve));
  return results;
}

// ---- main ------------------------------------------------------------------------------------------------------

function print(results) {
  console.log(
    'run                          QoS        sent    received      obs/s  CPU µs/obs   p50 ms   p99 ms   max ms',
  );
  for (const r of results) {
    const lat =
      r.p50Ms === undefined ? '' : [r.p50Ms, r.p99Ms, r.maxMs].map((v) => v.toFixed(2).padStart(8)).join(' ');
    console.log(
      `${`${r.protocol} ${r.run}`.padEnd(28)} ${String(r.qos ?? '-').padStart(3)} ${String(r.sent).padStart(11)} ${String(r.received).padStart(11)} ${Math.round(r.perSecond).toLocaleString('en').padStart(10)} ${r.cpuUsPerObservation.toFixed(1).padStart(11)} ${lat}`,
    );
  }
  const opcua = results.filter((r) => r.protocol === 'opcua');
  if (opcua.length > 0)
    console.log(
      `OPC UA: ${opcua[0].subscribeS.toFixed(1)} s to subscribe; server CPU µs per change: ${opcua.map((r) => r.serverCpuUsPerChange.toFixed(1)).join(', ')}; notifications = observations: ${opcua.every((r) => r.notifications === r.received)}`,
    );
}

if (process.argv[2] === '--publisher') {
  await publisher(JSON.parse(process.argv[3]));
} else if (process.argv[2] === '--opcua-server') {
  await opcuaServer(JSON.parse(process.argv[3]));
} else {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      'mosquitto-port': { type: 'string', default: '18904' },
      messages: { type: 'string', default: '200000' },
      seconds: { type: 'string', default: '10' },
      rate: { type: 'string', default: '5000' },
      only: { type: 'string' },
      'opcua-variables': { type: 'string', default: '10000' },
      'opcua-rates': { type: 'string', default: '10000,25000,50000' },
      'opcua-seconds': { type: 'string', default: '5' },
      'opcua-port': { type: 'string', default: '4851' },
      'publishing-interval': { type: 'string', default: '50' },
      json: { type: 'boolean', default: false },
    },
  });
  const positive = (name, value = values[name]) => {
    const n = Number(value);
    if (!(n > 0) || !Number.isFinite(n)) throw new Error(`--${name}: must be a number > 0 (got "${value}")`);
    return n;
  };
  if (values.only && values.only !== 'mqtt' && values.only !== 'opcua')
    throw new Error(`--only: must be mqtt or opcua (got "${values.only}")`);
  const results = [];
  let url;
  if (values.only !== 'opcua') {
    url = configuredBroker(values.url);
    const own = url ? undefined : await privateMosquitto(positive('mosquitto-port'));
    url ??= own?.url;
    try {
      const messages = Math.round(positive('messages'));
      const seconds = positive('seconds');
      const rate = positive('rate');
      for (const qos of [0, 1]) results.push(await runMqtt(url, { qos, messages, rate: 0, seconds }));
      for (const qos of [0, 1]) results.push(await runMqtt(url, { qos, messages, rate, seconds }));
      results.push(await runMqtt(url, { qos: 0, messages, rate: 50_000, seconds }));
    } finally {
      own?.stop();
    }
  }
  if (values.only !== 'mqtt') {
    const rates = values['opcua-rates'].split(',').map((r) => Math.round(positive('opcua-rates', r)));
    results.push(
      ...(await runOpcUa({
        port: positive('opcua-port'),
        variables: Math.round(positive('opcua-variables')),
        rates,
        seconds: positive('opcua-seconds'),
        publishingIntervalMs: Math.round(positive('publishing-interval')),
      })),
    );
  }
  if (values.json) {
    console.log(JSON.stringify({ url, results }, null, 2));
  } else {
    console.log(`telemetry → ingest → ObservationGate → TwinStore${url ? `; broker ${url}` : ''}`);
    print(results);
  }
}
