#!/usr/bin/env node
// Write throughput of the history writer (dist/connectors/influx/influx-writer.js), in points per second, to
// VictoriaMetrics (v2 write API) and to InfluxDB 1.x (v1 /write), interleaved so both see the same machine load.
//
//   npm run build && node scripts/bench-history.mjs [--points 200000] [--batch 5000] [--rounds 3]
//       [--vm-url http://127.0.0.1:18428] [--influx-url http://127.0.0.1:18086]
//
// URLs default to the test servers (.test-servers/env, from `bash scripts/test-servers.sh up`).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, URLSearchParams } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { InfluxWriter } = await import(path.join(root, 'dist/connectors/influx/influx-writer.js'));

function testServerEnv() {
  try {
    const text = readFileSync(path.join(root, '.test-servers', 'env'), 'utf8');
    return Object.fromEntries(
      text
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => l.split(/=(.*)/s).slice(0, 2)),
    );
  } catch {
    return {};
  }
}

const env = testServerEnv();
const { values: args } = parseArgs({
  options: {
    points: { type: 'string', default: '200000' },
    batch: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '3' },
    'vm-url': { type: 'string', default: env.VM_URL },
    'influx-url': { type: 'string', default: env.INFLUXDB1_URL },
  },
});
const points = Number(args.points);
const batchSize = Number(args.batch);
if (!args['vm-url'] || !args['influx-url']) {
  console.error(
    'no server URLs: start the test servers (bash scripts/test-servers.sh up) or pass --vm-url and --influx-url',
  );
  process.exit(2);
}

// 100 machines × 5 signals, the mix a plant sends: numbers, a counter, a state string.
const SIGNALS = ['spindleLoad', 'temperature', 'power', 'partCount', 'state'];
const STATES = ['running', 'idle', 'setup', 'down'];
function observations(n, t0) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const signal = SIGNALS[i % SIGNALS.length];
    const value =
      signal === 'state' ? STATES[(i >> 3) % STATES.length] : signal === 'partCount' ? i : (i % 1000) / 7;
    out[i] = {
      source: 'bench',
      asset: `M${(i >> 2) % 100}`,
      signal,
      value,
      quality: 'good',
      sourceTs: t0 + i,
    };
  }
  return out;
}

async function run(target, obs) {
  const writer = new InfluxWriter(
    { target, site: 'bench', batchSize, maxBufferPoints: points + batchSize, flushIntervalMs: 100 },
    { lineOf: (asset) => `L${asset.length % 3}` },
  );
  const started = performance.now();
  for (let i = 0; i < obs.length; i += 1000) writer.accept(obs.slice(i, i + 1000));
  const drained = await writer.flush(120_000);
  const seconds = (performance.now() - started) / 1000;
  const counters = await writer.close();
  if (!drained || counters.written !== obs.length)
    throw new Error(`not all written: ${JSON.stringify(counters)}`);
  return obs.length / seconds;
}

const db = `bench_history_${Date.now()}`;
const influxUrl = args['influx-url'];
await fetch(`${influxUrl}/query`, {
  method: 'POST',
  body: new URLSearchParams({ q: `CREATE DATABASE "${db}"` }),
});
const results = { victoriaMetrics: [], influxdb1: [] };
try {
  for (let round = 0; round < Number(args.rounds); round++) {
    // One batch of observations per round, written to both (the writer only reads them).
    const obs = observations(points, Date.now() - 86_400_000 + round * points);
    results.victoriaMetrics.push(
      await run({ kind: 'v2', url: args['vm-url'], org: 'bench', bucket: 'bench', token: '' }, obs),
    );
    results.influxdb1.push(await run({ kind: 'v1', url: influxUrl, db }, obs));
  }
} finally {
  await fetch(`${influxUrl}/query`, {
    method: 'POST',
    body: new URLSearchParams({ q: `DROP DATABASE "${db}"` }),
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, rates] of Object.entries(results))
  console.log(
    `${name.padEnd(16)} median ${Math.round(median(rates)).toLocaleString('en')} points/s ` +
      `(rounds: ${rates.map((r) => Math.round(r).toLocaleString('en')).join(', ')}; ${points.toLocaleString('en')} points, batch ${batchSize})`,
  );
