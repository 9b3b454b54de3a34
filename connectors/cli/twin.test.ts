import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse, parseDocument } from 'yaml';
import { runCli as run } from './__fixtures__/run-cli.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const repo = new URL('../../', import.meta.url);
const shared = new URL('../shared/benchmarks/', repo);
const hasShared = existsSync(shared);
if (!hasShared && process.env.CI !== 'true')
  console.warn(`notice: ${shared.pathname} not found, benchmark CLI tests skipped`);

function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'twin-cli-')), name);
  writeFileSync(file, text);
  return file;
}

const smallPlant = readFileSync(new URL('scenarios/small-plant.yaml', repo), 'utf8');

/** Five kinds of mistake at once: each must give its own message. */
function brokenCopy(): string {
  const text = smallPlant
    .replace('capacity: 2', 'capacity: "two"') // wrong type
    .replace('    kind: cmm\n', '    kind: cmm\n    colour: blue\n') // unknown key
    .replace(
      '{ machine: L2, time: { kind: triangular, min: 44',
      '{ machine: L7, time: { kind: triangular, min: 44',
    ) // unknown machine
    .replace(
      '{ kind: fixed, value: 7200 }, per: lot }]\n        batchFamily: case-hardening\n        minLagS: 600',
      '{ kind: fixed, value: -7200 }, per: lot }]\n        batchFamily: case-hardening\n        minLagS: 600',
    ) // negative duration
    .replace('due: 2026-11-27T14:00:00+08:00', 'due: 2026-11-22T14:00:00+08:00'); // due before release
  expect(text.match(/"two"|colour|L7|-7200|2026-11-22/g)).toHaveLength(5);
  return text;
}

describe('twin validate', () => {
  it('accepts the small plant', async () => {
    const { code, out, err } = await run('validate', 'scenarios/small-plant.yaml');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/valid scenario \(5 machines, 2 products, 6 orders\)/);
  });

  it('lists one clear message per problem, with file, line and path, and exits 1', async () => {
    const file = tempFile('broken.yaml', brokenCopy());
    const { code, out, err } = await run('validate', file);
    expect(code).toBe(1);
    expect(out).toBe('');
    const lines = err.trim().split('\n');
    expect(lines.at(-1)).toBe(`5 problems in ${file}`);
    const problems = lines.slice(0, -1);
    expect(problems).toHaveLength(5);
    const expectations = [
      /machines\[3\]\.capacity: must be a whole number \(found "two"\) \[TWIN_E_SCHEMA\]/,
      /machines\[4\]\.colour: unknown key .*\[TWIN_E_UNKNOWN_KEY\]/,
      /products\[0\]\.routing\[1\]\.alternatives\[0\]\.time\.value: must not be negative \(found -7200\)/,
      /products\[0\]\.routing\[0\]\.alternatives\[1\]\.machine: unknown machine "L7"/,
      /orders\[2\]\.due: due date 2026-11-22T14:00:00\+08:00 is before the release/,
    ];
    for (const pattern of expectations)
      expect(
        problems.some((l) => pattern.test(l)),
        String(pattern),
      ).toBe(true);
    for (const line of problems)
      expect(line).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
    expect(err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('accepts the reference model files', async () => {
    for (const file of ['scenarios/reference/mm1.yaml', 'scenarios/reference/jobshop.yaml']) {
      const { code, out } = await run('validate', file);
      expect(code).toBe(0);
      expect(out).toMatch(/valid reference model \((mm1|jobshop)\)/);
    }
    const bad = tempFile(
      'ref.yaml',
      readFileSync(new URL('scenarios/reference/jobshop.yaml', repo), 'utf8').replace(
        'scale: 1',
        'scale: -1',
      ),
    );
    const { code, err } = await run('validate', bad);
    expect(code).toBe(1);
    expect(err).toMatch(/model\.scale: must be > 0 \(found -1\)/);
  });

  it('reports a missing file and a bad option without a stack trace', async () => {
    const missing = await run('validate', 'no/such/file.yaml');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no\/such\/file\.yaml: cannot read the file: no such file \[TWIN_E_FILE\]/);
    const badOption = await run('inspect', 'x', '--format', 'csv');
    expect(badOption.code).toBe(2);
    expect(badOption.err).toMatch(/Allowed choices are scenario, orlib, fjs/);
  });

  it('names the line of a broken benchmark file', async () => {
    const file = tempFile('bad.fjs', '2 2 1\n1 1 1 5\n1 1 3 4\n');
    const { code, err } = await run('validate', file);
    expect(code).toBe(1);
    expect(err).toMatch(new RegExp(`bad\\.fjs:3:\\d+: .*machine.*\\[TWIN_E_BENCHMARK_FORMAT\\]`));
  });
});

describe('the demo plant', () => {
  const demo = readFileSync(new URL('scenarios/demo-plant.yaml', repo), 'utf8');

  it('validates', async () => {
    const { code, out } = await run('validate', 'scenarios/demo-plant.yaml');
    expect(code).toBe(0);
    expect(out).toMatch(/valid scenario \(\d+ machines, \d+ products, \d+ orders\)/);
  });

  it('a broken copy fails with one message per problem', async () => {
    const doc = parseDocument(demo);
    doc.setIn(['machines', 2, 'capacity'], 'two');
    doc.setIn(['machines', 5, 'colour'], 'blue');
    const alternatives = doc.getIn(['products', 0, 'routing', 0, 'alternatives']) as { items: unknown[] };
    const added = alternatives.items.length;
    doc.addIn(
      ['products', 0, 'routing', 0, 'alternatives'],
      doc.createNode({ machine: 'NOPE-1', time: { kind: 'fixed', value: 60 } }),
    );
    doc.setIn(
      ['products', 1, 'routing', 0, 'alternatives', 0, 'time'],
      doc.createNode({ kind: 'fixed', value: -30 }),
    );
    doc.setIn(['orders', 3, 'due'], '2026-01-01T00:00:00+08:00');
    const file = tempFile('demo-broken.yaml', doc.toString());
    const { code, err } = await run('validate', file);
    expect(code).toBe(1);
    const problems = err.trim().split('\n').slice(0, -1);
    const paths = problems.map((l) => /^\S+:\d+:\d+: (\S+):/.exec(l)?.[1]);
    expect(paths.sort()).toEqual(
      [
        'machines[2].capacity',
        'machines[5].colour',
        `products[0].routing[0].alternatives[${added}].machine`,
        'products[1].routing[0].alternatives[0].time.value',
        'orders[3].due',
      ].sort(),
    );
  });

  it('inspect names a bottleneck among machines with working time', async () => {
    const report = JSON.parse((await run('inspect', 'scenarios/demo-plant.yaml', '--json')).out);
    expect(report.jobs).toBeGreaterThanOrEqual(90);
    expect(report.bottleneck.utilisation).toBeGreaterThan(0.5);
    expect(report.bottleneck.utilisation).toBeLessThan(1);
    const top = Math.max(...report.load.map((m: { utilisation: number }) => m.utilisation));
    expect(report.bottleneck.utilisation).toBe(top);
  });
});

describe('twin inspect', () => {
  it('summarises a scenario with its bottleneck', async () => {
    const { code, out } = await run('inspect', 'scenarios/small-plant.yaml');
    expect(code).toBe(0);
    expect(out).toMatch(/operations\s+21/);
    expect(out).toMatch(/Likely bottleneck: \S+/);
  });

  it('prints one JSON object with the counts and total processing time', async () => {
    const file = tempFile('tiny', '2 3\n0 5 1 3 2 2\n2 4 0 1 1 6\n');
    const { code, out } = await run('inspect', file, '--format', 'orlib', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({
      jobs: 2,
      operations: 6,
      machines: 3,
      totalProcessingTime: 21,
      format: 'orlib',
    });
    expect(report.bottleneck.machine).toBe('M1'); // 3 + 6 = 9, the most work
  });

  it.skipIf(!hasShared && process.env.CI !== 'true')(
    'reports ft10 and mk01 from the shared benchmarks',
    async () => {
      const ft10 = JSON.parse(
        (await run('inspect', new URL('jssp/ft10', shared).pathname, '--format', 'orlib', '--json')).out,
      );
      expect(ft10).toMatchObject({ jobs: 10, operations: 100, machines: 10 });
      const ft10Tokens = readFileSync(new URL('jssp/ft10', shared), 'utf8')
        .trim()
        .split(/\s+/)
        .slice(2)
        .map(Number);
      expect(ft10.totalProcessingTime).toBe(
        ft10Tokens.filter((_, i) => i % 2 === 1).reduce((a, b) => a + b, 0),
      );
      const mk01 = JSON.parse(
        (await run('inspect', new URL('fjsp/mk01.fjs', shared).pathname, '--json')).out,
      );
      expect(mk01).toMatchObject({ jobs: 10, operations: 55, machines: 6 });
      expect(mk01.totalProcessingTime).toBeLessThan(mk01.totalProcessingTimeMean);
    },
  );
});

describe('twin schema', () => {
  it('prints the JSON Schema that validation uses: it accepts a valid scenario and rejects a broken one', async () => {
    const { code, out } = await run('schema');
    expect(code).toBe(0);
    const schema = JSON.parse(out);
    const ajv = new Ajv({ discriminator: true, strict: false });
    addFormats(ajv);
    const check = ajv.compile(schema);
    expect(check(parse(smallPlant)), JSON.stringify(check.errors)).toBe(true);
    expect(check(parse(smallPlant.replace('capacity: 2', 'capacity: -2')))).toBe(false);
    expect((await run('schema', 'plan')).out).toMatch(/"assignments"/);
    expect((await run('schema', 'nope')).code).toBe(2);
  });
});

describe('the compiled CLI', () => {
  it('runs from dist through bin/twin.js', async () => {
    const bin = new URL('bin/twin.js', repo).pathname;
    expect(existsSync(new URL('dist/connectors/cli/twin.js', repo)), 'run `npm run build` first').toBe(true);
    const help = await promisify(execFile)('node', [bin, '--help'], { cwd: repo.pathname });
    expect(help.stdout).toMatch(/validate \[options\] <file>/);
    const failed = await promisify(execFile)('node', [
      bin,
      'validate',
      tempFile('b.yaml', brokenCopy()),
    ]).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/5 problems in/);
  });
});
