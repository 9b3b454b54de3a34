// Figures for the report: OPC UA server start time and the observation rate of the demo plant at speed 60.
// Run: npx vitest run connectors/plant/demo-plant-rate.test.ts (prints both).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import type { Observation } from '../../twin/schema/observation.js';
import { startEmbeddedPlant } from './embedded-plant.js';

const WINDOW_MS = 5_000;

it('runs the demo plant at speed 60 and reports its observation rate', async () => {
  const pkiDir = await mkdtemp(path.join(tmpdir(), 'shopfloor-twin-demo-'));
  const seen: Observation[] = [];
  const t0 = performance.now();
  const plant = await startEmbeddedPlant(
    { speed: 60, sampleMs: 1000, opcua: { port: 48411, pkiDir } },
    { accept: (batch) => seen.push(...batch) },
  );
  const startedMs = performance.now() - t0;
  try {
    const from = seen.length;
    const sim0 = plant.plant.snapshot().simTimeS;
    await new Promise((r) => setTimeout(r, WINDOW_MS));
    const s = plant.plant.snapshot();
    const window = seen.slice(from);
    const perSignal = new Map<string, number>();
    for (const o of window) perSignal.set(o.signal, (perSignal.get(o.signal) ?? 0) + 1);
    const rate = window.length / (WINDOW_MS / 1000);
    console.log(
      `demo plant: OPC UA server up in ${plant.opcuaStartupMs!.toFixed(0)} ms (plant + server ${startedMs.toFixed(0)} ms); ` +
        `${rate.toFixed(0)} observations/s at speed 60 over ${WINDOW_MS / 1000} s ` +
        `(${(s.simTimeS - sim0).toFixed(0)} simulated s, lag ${s.lagMs.toFixed(0)} ms): ` +
        JSON.stringify(Object.fromEntries(perSignal)),
    );
    // Event-driven signals are rare at speed 60 (operations last hours): fast-forward to count them per
    // simulated second, then scale to speed 60.
    plant.plant.setSpeed(3600);
    const from2 = seen.length;
    const sim1 = plant.plant.snapshot().simTimeS;
    await new Promise((r) => setTimeout(r, WINDOW_MS));
    const sim2 = plant.plant.snapshot().simTimeS;
    const PROCESS = new Set(['spindleLoad', 'temperature', 'power']);
    const events = seen.slice(from2).filter((o) => !PROCESS.has(o.signal)).length;
    const eventRateAt60 = (events / (sim2 - sim1)) * 60;
    console.log(
      `demo plant: ${events} event observations in ${((sim2 - sim1) / 3600).toFixed(1)} simulated h ` +
        `→ ${eventRateAt60.toFixed(1)} event observations/s at speed 60 (plus 84/s sampled)`,
    );
    expect(events).toBeGreaterThan(0);
    // Every machine samples its process signals each second (28 machines × 3 signals).
    expect(perSignal.get('power')).toBeGreaterThanOrEqual(28 * 4);
    expect(s.simTimeS - sim0).toBeGreaterThan(60 * (WINDOW_MS / 1000) * 0.8);
    expect(rate).toBeGreaterThan(84 * 0.8);
  } finally {
    await plant.stop();
    await rm(pkiDir, { recursive: true, force: true });
  }
}, 60_000);
