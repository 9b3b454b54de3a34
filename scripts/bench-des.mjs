#!/usr/bin/env node
// npm run bench:des — speed of the simulation kernel on the reference models (shared/des/SPEC.md).
// Each case runs in its own process (after a warm-up run) so CPU time and peak memory are its own.
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/', import.meta.url);
const self = fileURLToPath(import.meta.url);
const [, , caseName] = process.argv;

async function measure(name) {
  const { runReference } = await import(new URL('solver/des/reference/run.js', dist));
  const cases = {
    'B-scale10': () => runReference('jobshop', { scale: 10 }, 42, 'default'),
    'A-n1e6': () => runReference('mm1', { n: 1_000_000 }, 42, 'default'),
  };
  const run = cases[name];
  run(); // warm-up: the JIT compiles the kernel's hot paths
  const before = process.cpuUsage();
  const result = run();
  const cpu = process.cpuUsage(before);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ cpuS, events: result.model_events, peakMb }));
}

async function replications() {
  const { runReplications } = await import(new URL('solver/runtime/replications.js', dist));
  const tasks = Array.from({ length: 30 }, (_, r) => ({
    id: r,
    model: 'jobshop',
    params: { scale: 1 },
    seed: r + 1,
    rng: 'default',
  }));
  await runReplications(tasks.slice(0, 2)); // warm the pool's first start out of the timing
  const start = performance.now();
  const outcomes = await runReplications(tasks);
  const wallS = (performance.now() - start) / 1000;
  if (outcomes.some((o) => o.error)) throw new Error('a replication failed');
  return wallS;
}

if (caseName) {
  await measure(caseName);
} else {
  // Reference figures from shared/des/SPEC.md (SimPy 4.1.2 on CPython 3.11, this machine kind); not re-run here.
  const reference = { 'B-scale10': { simpy: 5.09, loop: 0.2 }, 'A-n1e6': { simpy: 5.45, loop: 0.13 } };
  console.log(
    'case         CPU s   model events   events/CPU s   peak MB   SimPy s (SPEC)   hand loop s (SPEC)',
  );
  for (const name of Object.keys(reference)) {
    const out = JSON.parse(execFileSync(process.execPath, [self, name], { encoding: 'utf8' }));
    const r = reference[name];
    console.log(
      `${name.padEnd(12)} ${out.cpuS.toFixed(3).padStart(6)} ${String(out.events).padStart(14)} ${Math.round(
        out.events / out.cpuS,
      )
        .toLocaleString('en')
        .padStart(
          14,
        )} ${out.peakMb.toFixed(0).padStart(9)} ${r.simpy.toFixed(2).padStart(16)} ${r.loop.toFixed(2).padStart(20)}`,
    );
  }
  const wallS = await replications();
  console.log(
    `30 replications of Model B scale 1 on ${availableParallelism()} cores: ${wallS.toFixed(2)} s wall`,
  );
}
