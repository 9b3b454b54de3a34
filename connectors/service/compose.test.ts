import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryHistory } from '../history/memory-history.js';
import { loadScenario } from '../plant/embedded-plant.js';
import { buildDeps } from './compose.js';
import type { PlanValidator, Scheduler } from './contracts.js';

describe('buildDeps', () => {
  it('times jobs by the wall clock, not by a plant clock that runs 6000× faster', async () => {
    const scenario = await loadScenario(path.resolve('scenarios/small-plant.yaml'));
    let plantMs = Date.UTC(2026, 10, 23);
    const unused = async (): Promise<never> => {
      throw new Error('not called');
    };
    const deps = buildDeps({
      scenario,
      options: { tokens: [], limits: { maxTimeBudgetS: 10, maxReplications: 10, bodyLimitBytes: 10_000 } },
      history: new MemoryHistory(),
      scheduler: { schedule: unused, validate: unused } as Scheduler & PlanValidator,
      dispatcher: { dispatch: async () => [] },
      now: () => (plantMs += 600_000), // ten plant minutes pass at every look
      jobs: { maxJobs: 10, ttlMs: 60_000 },
    });
    const job = deps.runs.submit('test', async () => ({
      scenario: 'x',
      seed: 1,
      replications: 0,
      values: {},
      summary: {},
    }));
    while (deps.runs.get(job.id)?.status !== 'done') await new Promise((r) => setTimeout(r, 5));
    for (let k = 0; k < 5; k++) deps.now(); // the plant clock runs on
    expect(deps.runs.get(job.id)?.status).toBe('done'); // a minute of wall time has not passed
    expect(job.finishedAtMs! - job.startedAtMs!).toBeLessThan(60_000);
    await deps.runs.close();
    await deps.schedules.close();
  });
});
