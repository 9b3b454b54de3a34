import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The architecture of DESIGN.md §2 is enforced by eslint.config.js; these cases prove each rule fires where
// it should and stays quiet where it should not. Files need not exist: the config matches by path.
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('purity rules', () => {
  const pureFiles = ['twin/x.ts', 'solver/des/x.ts', 'scenarios/x.ts'];
  it.each(pureFiles)('%s may not use node built-ins, the clock, randomness or timers', async (file) => {
    expect(
      await ruleIds(file, "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"),
    ).toContain('no-restricted-imports');
    expect(await ruleIds(file, "import path from 'path';\nexport const p = path;\n")).toContain(
      'no-restricted-imports',
    );
    expect(await ruleIds(file, 'export const t = Date.now();\n')).toContain('no-restricted-properties');
    expect(await ruleIds(file, 'export const r = Math.random();\n')).toContain('no-restricted-properties');
    expect(await ruleIds(file, 'export const d = new Date();\n')).toContain('no-restricted-syntax');
    expect(await ruleIds(file, 'setTimeout(() => undefined, 1);\n')).toContain('no-restricted-globals');
    expect(await ruleIds(file, 'export const e = process.env;\n')).toContain('no-restricted-globals');
    expect(await ruleIds(file, "import mqtt from 'mqtt';\nexport const m = mqtt;\n")).toContain(
      'no-restricted-imports',
    );
  });

  it.each(pureFiles)('%s may parse dates it is given', async (file) => {
    expect(
      await ruleIds(
        file,
        "export const d = new Date('2026-01-01T00:00:00Z');\nexport const p = Date.parse('x');\n",
      ),
    ).toEqual([]);
  });

  it('solver/runtime/ and connectors/ may do I/O and use threads', async () => {
    const io =
      "import { Worker } from 'node:worker_threads';\nexport const w = Worker;\nexport const t = Date.now();\n";
    expect(await ruleIds('solver/runtime/pool.ts', io)).toEqual([]);
    expect(await ruleIds('connectors/x.ts', io)).toEqual([]);
  });

  it('tests in pure folders may read fixtures', async () => {
    expect(
      await ruleIds(
        'twin/x.test.ts',
        "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n",
      ),
    ).toEqual([]);
  });
});

describe('imports point inward', () => {
  const cases: [string, string, boolean][] = [
    ['twin/schema/a.ts', '../../solver/des/kernel.js', false],
    ['twin/a.ts', '../scenarios/schema.js', false],
    ['twin/a.ts', '../connectors/main.js', false],
    ['solver/des/a.ts', '../../twin/schema/ids.js', true],
    ['solver/des/a.ts', '../runtime/pool.js', false],
    ['solver/des/a.ts', '../../scenarios/schema.js', false],
    ['solver/runtime/pool.ts', '../des/kernel.js', true],
    ['solver/runtime/pool.ts', '../../connectors/config.js', false],
    ['scenarios/a.ts', '../solver/des/kernel.js', true],
    ['scenarios/a.ts', '../solver/runtime/pool.js', false],
    ['scenarios/a.ts', '../connectors/config.js', false],
    ['connectors/http/app.ts', '../../scenarios/schema.js', true],
    ['connectors/http/app.ts', '../../viewer/src/palette.js', false],
    ['twin/x.test.ts', '../connectors/main.js', false],
  ];
  it.each(cases)('%s importing %s: allowed %s', async (file, target, allowed) => {
    const ids = await ruleIds(file, `import { x } from '${target}';\nexport const y = x;\n`);
    if (allowed) expect(ids).toEqual([]);
    else expect(ids).toContain('no-restricted-imports');
  });

  it('the viewer takes types only from the rest of the product', async () => {
    const value = "import { Machine } from '../../twin/schema/machine.js';\nexport const m = Machine;\n";
    const typeOnly =
      "import type { Machine } from '../../twin/schema/machine.js';\nexport type M = Machine;\n";
    expect(await ruleIds('viewer/src/a.ts', value)).toContain('@typescript-eslint/no-restricted-imports');
    expect(await ruleIds('viewer/src/a.ts', typeOnly)).toEqual([]);
  });
});
