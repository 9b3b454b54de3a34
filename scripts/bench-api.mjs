#!/usr/bin/env node
// npm run bench:api — the HTTP API and the live stream of the real service (dist/ build) under load:
//   1. the service runs as `npm start` runs it (dist/connectors/start.js in a child process, embedded plant on);
//   2. N WebSocket clients follow GET /api/stream (in a second child process, so their work is not mixed with
//      the load generator's): messages/s per client, missed seqs, disconnects, and the fan-out spread, i.e. how
//      much later each client got a message than the first client that got it (server seq + receive times:
//      the messages' atMs is plant time, not wall time);
//   3. autocannon against each read route in turn, while the stream clients keep running: requests/s, p50/p99
//      latency, errors and non-2xx, and the service's CPU per request (from /proc/<pid>/stat: a figure that
//      survives a busy machine better than requests/s; it includes the plant and the stream's fan-out).
// Options: --clients N (20), --seconds S per route (10), --connections C (10), --speed X (plant, 60),
// --port P (8207), --opcua-port P (4827), --json.
import { fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

// ---- stream clients (child process) -------------------------------------------------------------------------

async function streamClients({ url, clients }) {
  const { default: WebSocket } = await import('ws');
  /** Per client: receive time by seq (a Map: seqs are sparse for a client that missed some). */
  const state = Array.from({ length: clients }, () => ({
    received: new Map(),
    firstMs: 0,
    lastMs: 0,
    gaps: 0,
    disconnects: 0,
    lastSeq: -1,
    socket: undefined,
  }));
  let stopping = false;
  const connect = (c, since) =>
    new Promise((resolve) => {
      const s = state[c];
      const socket = new WebSocket(since === undefined ? url : `${url}&since=${since}`);
      s.socket = socket;
      socket.on('open', resolve);
      socket.on('message', (raw) => {
        const t = now();
        const { seq } = JSON.parse(raw);
        if (s.lastSeq >= 0 && seq > s.lastSeq + 1) s.gaps += seq - s.lastSeq - 1;
        if (seq > s.lastSeq) s.lastSeq = seq;
        if (!s.received.has(seq)) s.received.set(seq, t);
        if (s.firstMs === 0) s.firstMs = t;
        s.lastMs = t;
      });
      socket.on('close', () => {
        if (stopping) return;
        s.disconnects++;
        // Resume where it stopped, like the viewer does.
        setTimeout(() => void connect(c, s.lastSeq), 200);
      });
      socket.on('error', () => undefined);
    });
  await Promise.all(state.map((_, c) => connect(c)));
  process.send({ ready: true });
  await new Promise((resolve) => process.once('message', resolve));
  stopping = true;
  for (const s of state) s.socket.close();

  // Fan-out spread: per message, each client's receive time minus the earliest client's.
  const earliest = new Map();
  for (const s of state) {
    for (const [seq, t] of s.received) if (!(earliest.get(seq) <= t)) earliest.set(seq, t);
  }
  const spreads = [];
  for (const s of state) for (const [seq, t] of s.received) spreads.push(t - earliest.get(seq));
  spreads.sort((a, b) => a - b);
  const perClient = state.map((s) => ({
    messages: s.received.size,
    perS: s.received.size / Math.max(1e-3, (s.lastMs - s.firstMs) / 1000),
    gaps: s.gaps,
    disconnects: s.disconnects,
  }));
  process.send({
    perClient,
    distinctSeqs: earliest.size,
    spreadMs: { p50: quantile(spreads, 0.5), p99: quantile(spreads, 0.99), max: spreads.at(-1) ?? NaN },
  });
  process.exit(0);
}

// ---- the service (child process) ----------------------------------------------------------------------------

function startService({ port, opcuaPort, speed, token, stateDir }) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TWIN_')));
  const child = spawn(process.execPath, [path.join(root, 'dist/connectors/start.js')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...env,
      TWIN_HTTP_PORT: String(port),
      TWIN_PLANT_OPCUA_PORT: String(opcuaPort),
      TWIN_PLANT_SPEED: String(speed),
      TWIN_TOKENS: `viewer:${token}`,
      TWIN_LOG_LEVEL: 'warn',
      TWIN_STATE_FILE: path.join(stateDir, 'twin-state.json'),
    },
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const running = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the service did not start within 90 s:\n${output}`)),
      90_000,
    );
    const check = () => {
      if (!/is running at/.test(output)) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout.on('data', check);
    void exited.then((e) => reject(new Error(`the service exited (${JSON.stringify(e)}):\n${output}`)));
  });
  return { child, running, exited, output: () => output };
}

/** CPU seconds (user + system) the process has used, from /proc (Linux; NaN elsewhere). */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of proc(5), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

// ---- main ---------------------------------------------------------------------------------------------------

async function main() {
  const { values: opts } = parseArgs({
    options: {
      clients: { type: 'string', default: '20' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      speed: { type: 'string', default: '60' },
      port: { type: 'string', default: '8207' },
      'opcua-port': { type: 'string', default: '4827' },
      json: { type: 'boolean', default: false },
      role: { type: 'string' },
      url: { type: 'string' },
    },
  });
  if (opts.role === 'stream-clients') return streamClients({ url: opts.url, clients: Number(opts.clients) });

  const { default: autocannon } = await import('autocannon');
  const token = randomBytes(18).toString('base64url');
  const port = Number(opts.port);
  const base = `http://127.0.0.1:${port}`;
  const stateDir = mkdtempSync(path.join(tmpdir(), 'bench-api-'));
  const log = (m) => opts.json || process.stderr.write(`${m}\n`);

  const startedAt = now();
  const service = startService({
    port,
    opcuaPort: Number(opts['opcua-port']),
    speed: opts.speed,
    token,
    stateDir,
  });
  let clients;
  try {
    await service.running;
    log(`service up in ${((now() - startedAt) / 1000).toFixed(1)} s`);
    for (let i = 0; i < 100 && (await fetch(`${base}/ready`)).status !== 200; i++) await sleep(100);
    const auth = { authorization: `Bearer ${token}` };
    const twin = await (await fetch(`${base}/api/twin`, { headers: auth })).json();
    const machine = twin.machines[0].id;

    clients = fork(fileURLToPath(import.meta.url), [
      '--role=stream-clients',
      `--clients=${opts.clients}`,
      `--url=ws://127.0.0.1:${port}/api/stream?token=${token}`,
    ]);
    await new Promise((resolve, reject) => {
      clients.once('message', resolve);
      clients.once('exit', (code) => reject(new Error(`stream clients exited with ${code}`)));
    });
    log(`${opts.clients} stream clients connected`);

    // The plant and the stream cost CPU without any request: measure it, and count only the rest per request.
    const idleCpu = cpuSeconds(service.child.pid);
    const idleAt = now();
    await sleep(3000);
    const idleCores = (cpuSeconds(service.child.pid) - idleCpu) / ((now() - idleAt) / 1000);
    log(`service CPU while idle: ${(idleCores * 100).toFixed(1)} % of a core`);

    const routes = [
      '/api/twin',
      `/api/machines/${machine}`,
      '/api/layout',
      '/api/orders',
      '/health',
      '/metrics',
    ];
    const rows = [];
    for (const route of routes) {
      const cpuBefore = cpuSeconds(service.child.pid);
      const startedRoute = now();
      const r = await autocannon({
        url: `${base}${route}`,
        connections: Number(opts.connections),
        duration: Number(opts.seconds),
        headers: auth,
      });
      const cpu = cpuSeconds(service.child.pid) - cpuBefore - (idleCores * (now() - startedRoute)) / 1000;
      rows.push({
        route,
        reqPerS: r.requests.average,
        p50Ms: r.latency.p50,
        p99Ms: r.latency.p99,
        errors: r.errors + r.timeouts,
        non2xx: r.non2xx,
        kbPerReq: r.throughput.total / Math.max(1, r.requests.total) / 1024,
        cpuUsPerReq: (cpu * 1e6) / Math.max(1, r.requests.total),
      });
      log(`${route}: ${r.requests.average.toFixed(0)} req/s`);
    }

    const streamDone = new Promise((resolve) => clients.once('message', resolve));
    clients.send({ stop: true });
    const stream = await streamDone;

    if (service.child.exitCode !== null || service.child.signalCode !== null) {
      const tail = service.output().split('\n').slice(-30).join('\n');
      throw new Error(`the service died during the run (${JSON.stringify(await service.exited)}):\n${tail}`);
    }
    const stopAt = now();
    service.child.kill('SIGTERM');
    const exit = await service.exited;
    const shutdown = { ...exit, ms: Math.round(now() - stopAt) };

    if (opts.json) {
      process.stdout.write(
        `${JSON.stringify({ options: opts, idleCores, rows, stream, shutdown }, null, 2)}\n`,
      );
      return;
    }
    const pad = (v, n) => String(v).padStart(n);
    console.log(
      `\nGET, ${opts.connections} connections, ${opts.seconds} s each, ${opts.clients} stream clients, plant ×${opts.speed}`,
    );
    console.log(
      `${'route'.padEnd(22)}${pad('req/s', 9)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('errors', 8)}${pad('non2xx', 8)}${pad('KiB/req', 9)}${pad('CPU µs/req', 12)}`,
    );
    for (const r of rows) {
      console.log(
        `${r.route.padEnd(22)}${pad(r.reqPerS.toFixed(0), 9)}${pad(r.p50Ms, 8)}${pad(r.p99Ms, 8)}${pad(r.errors, 8)}${pad(r.non2xx, 8)}${pad(r.kbPerReq.toFixed(1), 9)}${pad(r.cpuUsPerReq.toFixed(0), 12)}`,
      );
    }
    const rates = stream.perClient.map((c) => c.perS).sort((a, b) => a - b);
    const sum = (f) => stream.perClient.reduce((a, c) => a + f(c), 0);
    console.log(
      `\nstream: ${stream.perClient.length} clients, ${stream.distinctSeqs} distinct messages; per client ` +
        `${quantile(rates, 0).toFixed(2)}–${rates.at(-1).toFixed(2)} msg/s (median ${quantile(rates, 0.5).toFixed(2)}); ` +
        `missed seqs ${sum((c) => c.gaps)}, disconnects ${sum((c) => c.disconnects)}; fan-out spread ` +
        `p50 ${stream.spreadMs.p50.toFixed(1)} ms, p99 ${stream.spreadMs.p99.toFixed(1)} ms, max ${stream.spreadMs.max.toFixed(1)} ms`,
    );
    console.log(
      `service CPU while idle (plant ×${opts.speed}, stream clients): ${(idleCores * 100).toFixed(1)} % of a core`,
    );
    console.log(`shutdown: SIGTERM → exit code ${shutdown.code} in ${shutdown.ms} ms`);
  } catch (err) {
    process.stderr.write(`bench-api: ${err instanceof Error ? err.message : err}\n`);
    process.exitCode = 1;
  } finally {
    clients?.kill();
    if (service.child.exitCode === null && service.child.signalCode === null) {
      service.child.kill('SIGKILL');
      await service.exited;
    }
    rmSync(stateDir, { recursive: true, force: true });
  }
}

await main();
