import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './__fixtures__/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'twin-validate-plan-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const scenario = (m2 = '') => `formatVersion: 2
name: Two machines
start: 2026-11-23T00:00:00Z
site: { id: s, name: Site }
areas: [{ id: A }]
lines: [{ id: L, area: A }]
machines:
  - { id: M1, kind: cnc-lathe, line: L, placement: { position: { x: 0, y: 0 }, footprint: { width: 1, depth: 1 } } }
  - { id: M2, kind: machining-centre, line: L, placement: { position: { x: 5, y: 0 }, footprint: { width: 1, depth: 1 } }${m2} }
products:
  - id: P
    routing:
      - { id: a, alternatives: [{ machine: M1, time: { kind: fixed, value: 600 }, per: lot }] }
      - { id: b, alternatives: [{ machine: M2, time: { kind: normal, mean: 1200, sd: 200 }, per: lot }] }
orders:
  - { id: O1, product: P, quantity: 1, due: 2026-11-23T01:00:00Z }
  - { id: O2, product: P, quantity: 1, due: 2026-11-23T00:50:00Z }
`;

const planJson = (o2aStart = 600) =>
  JSON.stringify({
    id: 'p1',
    version: 1,
    status: 'draft',
    trigger: { kind: 'initial' },
    createdAtMs: 0,
    epochMs: Date.parse('2026-11-23T00:00:00Z'),
    seed: 4,
    inputHash: 'sha256:x',
    engine: 'hand',
    frozen: [],
    assignments: [
      { order: 'O1', operation: 'a', machine: 'M1', startS: 0, endS: 600 },
      { order: 'O2', operation: 'a', machine: 'M1', startS: o2aStart, endS: o2aStart + 600 },
      { order: 'O1', operation: 'b', machine: 'M2', startS: 600, endS: 1800 },
      { order: 'O2', operation: 'b', machine: 'M2', startS: 1800, endS: 3000 },
    ],
  });

describe('twin validate-plan', () => {
  it('validates a plan and reports the risk per order and why O2 is late', async () => {
    const args = ['validate-plan', file('s.yaml', scenario()), '--plan', file('p.json', planJson())];
    const r = await runCli(...args, '--replications', '8', '--workers', '1', '--json');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({
      status: 'validated',
      ok: true,
      violations: [],
      risk: { replications: 8, seed: 4 },
    });
    expect(r.json.risk.atRisk).toContain('O2');
    expect(r.json.explanations.find((e: { order: string }) => e.order === 'O2').chain[0]).toMatchObject({
      binding: 'machine',
      cause: { waitedFor: { order: 'O1', operation: 'b' } },
    });
    const text = await runCli(...args, '--replications', '8', '--workers', '1');
    expect(text.out).toMatch(/plan p1 v1 validated/);
    expect(text.out).toMatch(/O2 +on time +\d+ % \(Wilson \d+\.\.\d+ %\)/);
    expect(text.out).toMatch(/why O2 is planned to finish at Mon 00:50/);
  });

  it('refuses a plan that breaks a hard constraint, naming it', async () => {
    const r = await runCli(
      'validate-plan',
      file('s2.yaml', scenario()),
      '--plan',
      file('bad.json', planJson(300)),
      '--workers',
      '1',
    );
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/refused: the plan breaks 1 hard constraint/);
    expect(r.out).toMatch(/overlap: O2\/a on M1 starts .* while O1\/a runs there/);
  });

  it('explains an infeasible request instead of simulating it', async () => {
    const closed = scenario(', downtime: [{ start: 0, end: 2026-12-31T00:00:00Z }]');
    const r = await runCli('validate-plan', file('s3.yaml', closed), '--plan', file('p3.json', planJson()));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /infeasible: order O1: operation b of P runs only on M2, which has no available time/,
    );
  });

  it('names the field of a malformed plan file', async () => {
    const r = await runCli(
      'validate-plan',
      file('s4.yaml', scenario()),
      '--plan',
      file('p4.json', '{"id": "p"}'),
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/version/);
  });

  it('names the line of a plan file that does not parse', async () => {
    const r = await runCli(
      'validate-plan',
      file('s5.yaml', scenario()),
      '--plan',
      file('p5.json', '{"id": '),
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/p5\.json:1:\d+: not valid JSON or YAML: .*\[TWIN_E_YAML_SYNTAX\]/);
  });

  it('takes the plan from a `twin schedule --json` report', async () => {
    const s = file('s6.yaml', scenario());
    const scheduled = await runCli('schedule', s, '--iterations', '20', '--json');
    const r = await runCli(
      'validate-plan',
      s,
      '--plan',
      file('p6.json', JSON.stringify(scheduled.json)),
      '--replications',
      '2',
      '--workers',
      '1',
      '--json',
    );
    expect(r.code).toBe(0);
    expect(r.json.status).toBe('validated');
  });
});
