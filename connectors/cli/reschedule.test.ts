import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './__fixtures__/run-cli.js';

const demo = new URL('../../scenarios/demo-plant.yaml', import.meta.url).pathname;
const small = new URL('../../scenarios/small-plant.yaml', import.meta.url).pathname;

interface OrderJson {
  order: string;
  due: number | null;
  end: number;
  lateness: number | null;
  late: boolean;
}

describe('twin schedule <scenario> (production)', () => {
  it('prints the plan with each order due, end and lateness', async () => {
    const { code, json, err } = await runCli(
      'schedule',
      small,
      '--iterations',
      '100',
      '--objective',
      'makespan',
      '--json',
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(json.objective).toBe('lexicographic makespan > tardiness');
    expect(json.schedule.length).toBeGreaterThan(0);
    expect(json.plan.assignments).toHaveLength(json.schedule.length);
    for (const o of json.orders as OrderJson[]) {
      if (o.due !== null) expect(o.lateness).toBeCloseTo(o.end - o.due, 6);
      expect(o.late).toBe((o.lateness ?? 0) > 1e-6);
    }
    const ends = json.schedule.map((s: { end: number }) => s.end);
    expect(json.makespan).toBe(Math.max(...ends));
  });

  it('with --milp, solves MILP neighbourhoods on a worker thread and reports them', async () => {
    const { code, json, err } = await runCli('schedule', small, '--milp', '--iterations', '3000', '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(json.milp.neighbourhoods).toBeGreaterThanOrEqual(1);
    expect(json.milp.optimal + json.milp.timeLimited).toBeLessThanOrEqual(json.milp.neighbourhoods);
    // The plan is the checked one, and the search replays: the same seed and iterations give it again.
    const again = await runCli('schedule', small, '--milp', '--iterations', '3000', '--json');
    expect(again.json.schedule).toEqual(json.schedule);
    expect(json.plan.assignments).toHaveLength(json.schedule.length);
  });

  it('rejects a bad objective, naming the criterion', async () => {
    const { code, err } = await runCli('schedule', small, '--objective', 'lexicographic:speed');
    expect(code).toBe(2);
    expect(err).toMatch(/unknown criterion "speed"/);
  });
});

describe('twin reschedule', () => {
  it('schedules, applies a breakdown and reports what changed', async () => {
    const event = JSON.stringify({ kind: 'machineDown', at: 100000, machine: 'GR3', repairS: 14400 });
    const { code, json, err } = await runCli(
      'reschedule',
      demo,
      '--event',
      event,
      '--iterations',
      '100',
      '--json',
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(json.plan.version).toBe(2);
    expect(json.plan.parent).toBe(json.previousPlan.id);
    expect(json.plan.trigger.kind).toBe('machineDown');
    expect(json.changes.frozen).toBe(json.plan.frozen.length);
    expect(json.changes.movedCount).toBe(json.changes.moved.length);
  });

  it('takes the plan in force from a file, and the event from a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'twin-reschedule-'));
    const first = await runCli('schedule', demo, '--iterations', '50', '--json');
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(first.json));
    writeFileSync(
      join(dir, 'event.yaml'),
      'kind: dueDateChange\nat: 90000\norder: SO-2611-010\ndue: 120000\n',
    );
    const { code, json } = await runCli(
      'reschedule',
      demo,
      '--event',
      join(dir, 'event.yaml'),
      '--plan',
      join(dir, 'plan.json'),
      '--iterations',
      '50',
      '--json',
    );
    expect(code).toBe(0);
    expect(json.plan.parent).toBe(first.json.plan.id);
    expect(json.previousPlan).toBeUndefined();
  });

  it('names what is wrong with an event', async () => {
    const { code, err } = await runCli(
      'reschedule',
      demo,
      '--event',
      '{"kind":"machineDown","at":5,"machine":"GR3"}',
    );
    expect(code).toBe(1);
    expect(err).toMatch(/repairS/);
    const unknown = await runCli(
      'reschedule',
      demo,
      '--event',
      '{"kind":"machineDown","at":5,"machine":"XX","repairS":60}',
      '--iterations',
      '10',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/unknown machine "XX"/);
  });
});
