#!/usr/bin/env node
// npm run bench:telemetry — telemetry end to end (dist/ build): source → ingest → ObservationGate → the twin (a
// real TwinStore of 100 machines) and the history writer (InfluxWriter, the service's, with its default batching)
// → a private VictoriaMetrics over the InfluxDB v2 write API. Each run writes under its own `site` tag; at its end
// the writer is drained and the points are counted back through VictoriaMetrics' export API: written, dropped and
// stored must agree.
// MQTT (mqtt.js ingest), three payload forms:
//   single     one observation per message, JSON on <prefix>/L1/M<i>/spindleLoad (the old runs);
//   sparkplug  Sparkplug B DDATA of N metrics by alias per device (after NBIRTH/DBIRTHs), as edge nodes send;
//   values     JSON of N signals per message, {"values": {"v0": …, …}} (connectors/mqtt/json-values-payload.ts).
//   1. sustained rate under a flood (QoS 0 and, for single, QoS 1): observations/s into the twin (first arrival
//      to last) and into VictoriaMetrics (first arrival to the writer drained), messages/s beside them;
//   2. publish-to-twin latency p50/p99 at a paced rate of observations/s (5,000 and 50,000; single: QoS 0 and 1).
// OPC UA (OpcUaIngest, node-opcua): a node-opcua server with N Double variables (default 10,000) changing at a set
//   total rate (default 10,000, 25,000 and 50,000 changes/s, round robin), monitored on change (samplingInterval
//   0) with a 50 ms publishing interval; latency from the value's source timestamp (ms resolution) to the twin.
// Publishers and the OPC UA server run in child processes, so the ingest's CPU time (process.cpuUsage) is its own:
// CPU µs per observation (ingest + twin + history encoding) is the figure that survives a busy machine.
// Broker: --url mqtt://host:port, else $MQTT_URL, else a private mosquitto on --mosquitto-port (default 18904).
// History: --vm-url http://host:port, else a private VictoriaMetrics on --vm-port (default 18929); --no-history
// leaves it out. Options: --only single,sparkplug,values,opcua (default all), --messages N (single flood, default
// 200000; the multi-value floods send as many observations), --per-message N (default 10), --seconds S (paced
// runs, default 10), --rate R (paced observations/s, default 5000), --opcua-variables N, --opcua-rates R1,R2,…,
// --opcua-seconds S (default 5), --opcua-port P (default 4861), --json.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawn, fork } from 'node:child_process';
import { connect as tcpConnect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, URLSearchParams } from 'node:url';

const dist = new URL('../dist/', import.meta.url);
const now = () => performance.timeOrigin + performance.now(); // epoch ms with µs resolution, same in every process
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const MACHINES = 100;
const SBIN = `${process.env.PATH}:/usr/sbin:/usr/local/sbin:/sbin`;

/** Resolves once `probe()` does; throws after ~10 s or when `failed` rejects (the process exited). */
async function waitUntil(what, probe, failed) {
  for (let i = 0; !(await Promise.race([probe(), failed])); i++) {
    if (i > 200) throw new Error(`${what} did not come up`);
    await sleep(50);
  }
}

/** A child process that rejects `failed` if it ends before it is stopped. */
function server(command, args, dir) {
  const child = spawn(command, args, { env: { ...process.env, PATH: SBIN }, stdio: 'ignore' });
  const failed = new Promise((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${command} exited (${code})`)));
  });
  failed.catch(() => undefined);
  return {
    failed,
    /** SIGTERM, wait for the exit (SIGKILL after 10 s), then remove the data folder. */
    async stop() {
      child.removeAllListeners('exit');
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
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
  const open = () =>
    new Promise((resolve) => {
      const socket = tcpConnect({ host: '127.0.0.1', port });
      socket.once('connect', () => resolve(socket.destroy() ?? true));
      socket.once('error', () => resolve(false));
    });
  // Something else on the port would be measured in its place.
  if (await open()) throw new Error(`port ${port} is in use: pass --mosquitto-port or --url`);
  const child = server('mosquitto', ['-c', config], dir);
  await waitUntil(`mosquitto on ${port}`, open, child.failed);
  return { url: `mqtt://127.0.0.1:${port}`, stop: child.stop };
}

/** A throw-away VictoriaMetrics on `port` with its data in a temporary folder (as scripts/test-servers.sh does). */
async function privateVictoriaMetrics(port) {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-telemetry-vm-'));
  const url = `http://127.0.0.1:${port}`;
  const answers = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) }).then(
    () => true,
    () => false,
  );
  if (answers) throw new Error(`port ${port} is in use: pass --vm-port or --vm-url`);
  const child = server(
    'victoria-metrics',
    [
      `-storageDataPath=${dir}`,
      `-httpListenAddr=127.0.0.1:${port}`,
      '-retentionPeriod=100y',
      '-loggerLevel=ERROR',
    ],
    dir,
  );
  const healthy = () =>
    fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) }).then(
      (r) => r.ok,
      () => false,
    );
  await waitUntil(`victoria-metrics on ${port}`, healthy, child.failed);
  return { url, stop: child.stop };
}

/** Points stored under `site`, through the export API; polled until it reaches `expected` or stops growing. */
async function storedPoints(vmUrl, site, expected) {
  let count = -1;
  for (let stable = 0, i = 0; i < 60 && stable < 3; i++) {
    await fetch(`${vmUrl}/internal/force_flush`, { signal: AbortSignal.timeout(10_000) });
    const response = await fetch(
      `${vmUrl}/api/v1/export?${new URLSearchParams({ 'match[]': `{site="${site}"}` })}`,
      {
        signal: AbortSignal.timeout(60_000),
      },
    );
    let next = 0;
    for (const line of (await response.text()).split('\n')) if (line) next += JSON.parse(line).values.length;
    stable = next === count ? stable + 1 : 0;
    count = next;
    if (count === expected) break;
    await sleep(500);
  }
  return count;
}

function percentiles(latencies, count) {
  const sorted = latencies.slice(0, count).sort();
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted[sorted.length - 1] ?? NaN };
}

/**
 * The end of the path: each observation applied to a real TwinStore, counted, and its latency (`latencyOf`, ms)
 * kept in a preallocated array while `recording`; then handed to the history writer of the run, if any.
 */
async function endOfPath(capacity, latencyOf) {
  const { TwinStore } = await import(new URL('twin/store/twin-store.js', dist));
  const machines = Array.from({ length: MACHINES }, (_, i) => ({ id: `M${i}`, line: 'L1', kind: 'cnc' }));
  const twin = new TwinStore(machines, { startMs: Date.now() - 1_000 });
  const latencies = new Float64Array(capacity);
  const sink = {
    latencies,
    recording: true,
    received: 0,
    firstArrival: 0,
    lastArrival: 0,
    writer: undefined,
    accept(batch) {
      const t = now();
      if (!sink.recording) {
        for (let i = 0; i < batch.length; i++) twin.apply(batch[i]);
        return;
      }
      if (sink.received === 0) sink.firstArrival = t;
      for (let i = 0; i < batch.length; i++) {
        const o = batch[i];
        twin.apply(o);
        if (sink.received < capacity) latencies[sink.received] = t - latencyOf(o);
        sink.received++;
      }
      sink.lastArrival = t;
      sink.writer?.accept(batch);
    },
    reset() {
      sink.received = 0;
      sink.recording = true;
    },
  };
  return sink;
}

/** The service's history writer (defaults: 5,000-point batches, 1 s flush, 200,000 points buffered) for one run. */
async function historyWriter(vmUrl, site) {
  if (!vmUrl) return undefined;
  const { InfluxWriter } = await import(new URL('connectors/influx/influx-writer.js', dist));
  return new InfluxWriter(
    { target: { kind: 'v2', url: vmUrl, org: 'bench', bucket: 'bench' }, site },
    { lineOf: () => 'L1' },
  );
}

/** Drain the run's writer and count what VictoriaMetrics holds of it. */
async function historyResult(writer, vmUrl, site, firstArrival) {
  if (!writer) return {};
  const drained = await writer.flush(120_000);
  const drainedAt = now();
  const c = writer.counters();
  await writer.close(1_000);
  const stored = await storedPoints(vmUrl, site, c.written);
  return {
    site,
    drained,
    written: c.written,
    dropped: c.dropped,
    refused: c.rejected,
    retried: c.retried,
    stored,
    storedPerSecond: c.written / ((drainedAt - firstArrival) / 1000),
  };
}

// ---- MQTT publisher (child process) ---------------------------------------------------------------------------

/**
 * Publishes `messages` messages (flood, in windows of 500) or `rate` observations/s for `seconds` (paced) of one
 * form. Paced payloads carry their publish time (µs resolution) as every value; flood payloads are built once.
 */
async function publisher({ url, form, prefix, group, perMessage, qos, messages, rate, seconds }) {
  const { connectAsync } = await import('mqtt');
  const { encodePayload } = await import(new URL('connectors/mqtt/sparkplug-codec.js', dist));
  const client = await connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0 });
  const n = form === 'single' ? 1 : perMessage;
  let seq = 0;
  const sparkplug = (metrics) =>
    Buffer.from(encodePayload({ timestamp: Date.now(), seq: (seq = (seq + 1) % 256), metrics }));
  const alias = (d, k) => d * n + k + 1;
  let topics;
  let payloadOf; // (message index, publish time or undefined) → payload
  if (form === 'single') {
    topics = Array.from({ length: MACHINES }, (_, i) => `${prefix}/L1/M${i}/spindleLoad`);
    payloadOf = (i, t) => String(t ?? i);
  } else if (form === 'values') {
    topics = Array.from({ length: MACHINES }, (_, i) => `${prefix}/L1/M${i}/telemetry`);
    const fixed = JSON.stringify({
      values: Object.fromEntries(Array.from({ length: n }, (_, k) => [`v${k}`, k])),
    });
    payloadOf = (i, t) => {
      if (t === undefined) return fixed;
      let body = '{"values":{';
      for (let k = 0; k < n; k++) body += `${k ? ',' : ''}"v${k}":${t}`;
      return `${body}}}`;
    };
  } else {
    topics = Array.from({ length: MACHINES }, (_, i) => `spBv1.0/${group}/DDATA/bench/M${i}`);
    seq = MACHINES; // the births (runMqtt) took 0..MACHINES
    const metrics = (d, value) =>
      Array.from({ length: n }, (_, k) => ({ alias: alias(d, k), type: 'Double', value }));
    payloadOf = (i, t) => sparkplug(metrics(i % MACHINES, t ?? i));
  }
  const publishOne = (i) =>
    new Promise((resolve) =>
      client.publish(topics[i % topics.length], payloadOf(i, rate ? now() : undefined), { qos }, () =>
        resolve(),
      ),
    );
  let sent = 0;
  if (!rate) {
    // Flood in windows so QoS 1 keeps a bounded number of PUBACKs outstanding.
    for (let i = 0; i < messages; i += 500) {
      const end = Math.min(i + 500, messages);
      const batch = [];
      for (let k = i; k < end; k++) batch.push(publishOne(k));
      await Promise.all(batch);
      sent = end;
    }
  } else {
    const messageRate = rate / n;
    const total = Math.round(messageRate * seconds);
    const start = now();
    while (sent < total) {
      // At most 500 at once: a publisher that fell behind floods in windows rather than queueing tens of
      // thousands of writes in mqtt.js at once (which slows it down to a crawl).
      const due = Math.min(total, Math.floor(((now() - start) / 1000) * messageRate), sent + 500);
      const batch = [];
      for (; sent < due; sent++) batch.push(publishOne(sent));
      if (batch.length) await Promise.all(batch);
      if (batch.length < 500) await sleep(2);
    }
  }
  await client.endAsync();
  process.send({ sent, perMessage: n }, () => process.exit(0));
}

/** NBIRTH (seq 0) and one DBIRTH per device (seq 1..100) with its N metrics v<k> by name and alias d*N+k+1. */
async function sparkplugBirths(url, group, n) {
  const { connectAsync } = await import('mqtt');
  const { encodePayload } = await import(new URL('connectors/mqtt/sparkplug-codec.js', dist));
  const client = await connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0 });
  const payload = (seq, metrics) => Buffer.from(encodePayload({ timestamp: Date.now(), seq, metrics }));
  await client.publishAsync(
    `spBv1.0/${group}/NBIRTH/bench`,
    payload(0, [{ name: 'bdSeq', type: 'UInt64', value: 0 }]),
  );
  for (let d = 0; d < MACHINES; d++) {
    const metrics = Array.from({ length: n }, (_, k) => ({
      name: `v${k}`,
      alias: d * n + k + 1,
      type: 'Double',
      value: 0,
    }));
    await client.publishAsync(`spBv1.0/${group}/DBIRTH/bench/M${d}`, payload(d + 1, metrics));
  }
  await client.endAsync();
}

// ---- MQTT ingest (main process) --------------------------------------------------------------------------------

async function runMqtt(url, vmUrl, { form, qos, perMessage, messages, rate, seconds }) {
  const { MqttIngest } = await import(new URL('connectors/mqtt/mqtt-ingest.js', dist));
  const { parseMqttIngestConfig } = await import(new URL('connectors/mqtt/config.js', dist));
  const { ObservationGate } = await import(new URL('connectors/ingest/observation-gate.js', dist));
  const { silentLogger } = await import(new URL('connectors/ingest/logger.js', dist));

  const id = `${process.pid}-${Date.now()}`;
  const prefix = `bench-telemetry/${id}`;
  const group = `bench-${id}`;
  const n = form === 'single' ? 1 : perMessage;
  // Floods of the multi-value forms send as many observations as the single flood, in fewer messages.
  const floodMessages = Math.ceil(messages / n);
  const expected = rate ? Math.round((rate / n) * seconds) * n : floodMessages * n;
  const sink = await endOfPath(expected, (o) => (rate ? o.value : NaN));
  const site = `bench-${form}-${qos}-${rate}-${id}`;
  sink.writer = await historyWriter(vmUrl, site);
  const gate = new ObservationGate({ sink, logger: silentLogger });
  const ingest = new MqttIngest(
    parseMqttIngestConfig({
      url,
      clientId: `bench-telemetry-${id}`,
      clean: true,
      qos,
      source: 'mqtt:bench',
      json:
        form === 'single'
          ? [{ pattern: `${prefix}/+line/+asset/+signal` }]
          : form === 'values'
            ? [{ pattern: `${prefix}/+line/+asset/telemetry`, form: 'values' }]
            : [],
      ...(form === 'sparkplug' && { sparkplug: { groups: [group] } }),
    }),
    { gate, logger: silentLogger },
  );
  await ingest.start();
  await sleep(300); // SUBACK
  if (form === 'sparkplug') {
    // The births go first, from here: their metrics reach the twin but are not counted.
    sink.recording = false;
    await sparkplugBirths(url, group, n);
    while (gate.counters().accepted < MACHINES * n) await sleep(50);
    sink.reset();
  }

  const cpuBefore = process.cpuUsage();
  const child = fork(fileURLToPath(import.meta.url), [
    '--publisher',
    JSON.stringify({ url, form, prefix, group, perMessage: n, qos, messages: floodMessages, rate, seconds }),
  ]);
  const { sent } = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('error', reject);
  });
  // Wait until arrivals stop (QoS 0 may lose some under a flood).
  let seen = -1;
  while (sink.received < sent * n && sink.received !== seen) {
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
    form,
    run: rate ? `paced ${rate}/s` : 'flood',
    qos,
    perMessage: n,
    messages: sent,
    sent: sent * n,
    received,
    rejected: gate.counters().rejected,
    elapsedS,
    messagesPerSecond: received / n / elapsedS,
    perSecond: received / elapsedS,
    cpuUsPerObservation: (cpu.user + cpu.system) / received,
    sparkplug: ingest.status().sparkplug,
    ...(await historyResult(sink.writer, vmUrl, site, sink.firstArrival)),
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

async function runOpcUa(vmUrl, { port, variables, rates, seconds, publishingIntervalMs }) {
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
  const sink = await endOfPath(capacity, (o) => o.sourceTs);
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
    const site = `bench-opcua-${rate}-${process.pid}-${Date.now()}`;
    sink.writer = await historyWriter(vmUrl, site);
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
      ...(await historyResult(sink.writer, vmUrl, site, sink.firstArrival)),
    });
    sink.writer = undefined;
  }
  await ingest.stop();
  server.send('stop');
  await new Promise((resolve) => server.once('exit', resolve));
  return results;
}

// ---- main ------------------------------------------------------------------------------------------------------

function print(results, history) {
  const fmt = (v, w, d = 0) =>
    (v === undefined || Number.isNaN(v)
      ? '-'
      : d
        ? v.toFixed(d)
        : Math.round(v).toLocaleString('en')
    ).padStart(w);
  console.log(
    `${'run'.padEnd(34)} QoS obs/msg   obs sent  obs recv     msg/s  obs/s twin  µs/obs  p50 ms  p99 ms  max ms${history ? '   obs/s VM    written  dropped  stored=written' : ''}`,
  );
  for (const r of results) {
    const name = r.protocol === 'opcua' ? `opcua ${r.run}` : `mqtt ${r.form} ${r.run}`;
    let line = `${name.padEnd(34)} ${String(r.qos ?? '-').padStart(3)} ${fmt(r.perMessage, 7)} ${fmt(r.sent, 10)} ${fmt(r.received, 9)} ${fmt(r.messagesPerSecond, 9)} ${fmt(r.perSecond, 11)} ${fmt(r.cpuUsPerObservation, 7, 1)} ${fmt(r.p50Ms, 7, 2)} ${fmt(r.p99Ms, 7, 2)} ${fmt(r.maxMs, 7, 2)}`;
    if (history)
      line += ` ${fmt(r.storedPerSecond, 10)} ${fmt(r.written, 10)} ${fmt(r.dropped, 8)}  ${r.stored === r.written && r.written + r.dropped + r.refused === r.received ? 'yes' : `NO (${r.stored})`}`;
    console.log(line);
  }
  const opcua = results.filter((r) => r.protocol === 'opcua');
  if (opcua.length > 0)
    console.log(
      `OPC UA: ${opcua[0].subscribeS.toFixed(1)} s to subscribe; server CPU µs per change: ${opcua.map((r) => r.serverCpuUsPerChange.toFixed(1)).join(', ')}; notifications = observations: ${opcua.every((r) => r.notifications === r.received)}`,
    );
  const gaps = results.filter((r) => r.sparkplug).map((r) => `${r.run} ${r.sparkplug.sequenceGaps}`);
  if (gaps.length > 0) console.log(`Sparkplug sequence gaps (QoS 0 losses): ${gaps.join(', ')}`);
}

const FORMS = ['single', 'sparkplug', 'values', 'opcua'];

if (process.argv[2] === '--publisher') {
  await publisher(JSON.parse(process.argv[3]));
} else if (process.argv[2] === '--opcua-server') {
  await opcuaServer(JSON.parse(process.argv[3]));
} else {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      'mosquitto-port': { type: 'string', default: '18904' },
      'vm-url': { type: 'string' },
      'vm-port': { type: 'string', default: '18929' },
      'no-history': { type: 'boolean', default: false },
      messages: { type: 'string', default: '200000' },
      'per-message': { type: 'string', default: '10' },
      seconds: { type: 'string', default: '10' },
      rate: { type: 'string', default: '5000' },
      only: { type: 'string', default: FORMS.join(',') },
      'opcua-variables': { type: 'string', default: '10000' },
      'opcua-rates': { type: 'string', default: '10000,25000,50000' },
      'opcua-seconds': { type: 'string', default: '5' },
      'opcua-port': { type: 'string', default: '4861' },
      'publishing-interval': { type: 'string', default: '50' },
      json: { type: 'boolean', default: false },
    },
  });
  const positive = (name, value = values[name]) => {
    const n = Number(value);
    if (!(n > 0) || !Number.isFinite(n)) throw new Error(`--${name}: must be a number > 0 (got "${value}")`);
    return n;
  };
  const only = new Set(values.only.split(','));
  for (const form of only)
    if (!FORMS.includes(form)) throw new Error(`--only: ${form} is not one of ${FORMS.join(', ')}`);
  const messages = Math.round(positive('messages'));
  const perMessage = Math.round(positive('per-message'));
  const seconds = positive('seconds');
  const rate = positive('rate');
  const results = [];
  const stops = [];
  let url;
  let vmUrl;
  try {
    if (!values['no-history']) {
      vmUrl = values['vm-url'];
      if (!vmUrl) {
        const vm = await privateVictoriaMetrics(positive('vm-port'));
        stops.push(vm.stop);
        vmUrl = vm.url;
      }
    }
    const mqttRuns = [];
    if (only.has('single')) {
      for (const qos of [0, 1]) mqttRuns.push({ form: 'single', qos, rate: 0 });
      for (const qos of [0, 1]) mqttRuns.push({ form: 'single', qos, rate });
      mqttRuns.push({ form: 'single', qos: 0, rate: 50_000 });
    }
    for (const form of ['sparkplug', 'values'])
      if (only.has(form)) for (const r of [0, rate, 50_000]) mqttRuns.push({ form, qos: 0, rate: r });
    if (mqttRuns.length > 0) {
      url = values.url ?? process.env.MQTT_URL;
      if (!url) {
        const own = await privateMosquitto(positive('mosquitto-port'));
        stops.push(own.stop);
        url = own.url;
      }
      for (const run of mqttRuns)
        results.push(await runMqtt(url, vmUrl, { ...run, perMessage, messages, seconds }));
    }
    if (only.has('opcua')) {
      const rates = values['opcua-rates'].split(',').map((r) => Math.round(positive('opcua-rates', r)));
      results.push(
        ...(await runOpcUa(vmUrl, {
          port: positive('opcua-port'),
          variables: Math.round(positive('opcua-variables')),
          rates,
          seconds: positive('opcua-seconds'),
          publishingIntervalMs: Math.round(positive('publishing-interval')),
        })),
      );
    }
  } finally {
    for (const stop of stops) await stop();
  }
  if (values.json) {
    console.log(JSON.stringify({ url, vmUrl, results }, null, 2));
  } else {
    console.log(
      `telemetry → ingest → ObservationGate → TwinStore${vmUrl ? ` + InfluxWriter → VictoriaMetrics ${vmUrl}` : ''}${url ? `; broker ${url}` : ''}`,
    );
    print(results, Boolean(vmUrl));
  }
}
