import { afterEach, describe, expect, it, vi } from 'vitest';
import { MIGRATIONS, migrate, type Migration } from './migrations.js';
import { CURRENT_FORMAT_VERSION } from './schema.js';
import type * as SchemaModule from './schema.js';
import { validateScenario } from './validate.js';

const place = (x: number) => ({ position: { x, y: 0 }, footprint: { width: 2, depth: 2 } });

/** A scenario as the first preview wrote it: fixed times in `machines` maps, failures as mtbfS/mttrS. */
function versionOne(): Record<string, unknown> {
  return {
    formatVersion: 1,
    name: 'Preview plant',
    start: '2026-11-23T06:00:00+08:00',
    site: { id: 'plant', name: 'Preview plant' },
    areas: [{ id: 'hall' }],
    lines: [{ id: 'turning', area: 'hall' }],
    machines: [
      { id: 'L1', kind: 'cnc-lathe', line: 'turning', placement: place(0), mtbfS: 72000, mttrS: 1800 },
      { id: 'L2', kind: 'cnc-lathe', line: 'turning', placement: place(5) },
    ],
    products: [
      {
        id: 'shaft',
        routing: [
          { id: 'turn', machines: { L1: 45, L2: 50 }, setupFamily: 'shaft' },
          { id: 'finish', machines: { L2: 30 } },
        ],
      },
    ],
    orders: [{ id: 'SO-1', product: 'shaft', quantity: 10, due: 86400 }],
  };
}

function migrated(doc: unknown, migrations?: readonly Migration[]) {
  const result = migrate(doc, migrations);
  if (!result.ok) throw new Error(result.message);
  return result;
}

function failure(doc: unknown): string {
  const result = migrate(doc);
  if (result.ok) throw new Error('expected the migration to fail');
  return result.message;
}

describe('migrate: version 1 to 2', () => {
  it('turns machines maps into alternatives and mtbfS/mttrS into exponential ttf/ttr', () => {
    const { doc, applied } = migrated(versionOne());
    expect(applied).toEqual([MIGRATIONS[0]]);
    const out = doc as ReturnType<typeof versionOne> & {
      machines: Record<string, unknown>[];
      products: { routing: Record<string, unknown>[] }[];
    };
    expect(out.formatVersion).toBe(2);
    expect(out.machines[0]).toEqual({
      id: 'L1',
      kind: 'cnc-lathe',
      line: 'turning',
      placement: place(0),
      ttf: { kind: 'exponential', mean: 72000 },
      ttr: { kind: 'exponential', mean: 1800 },
    });
    // A machine without failure figures stays as it was.
    expect(out.machines[1]).toEqual((versionOne().machines as unknown[])[1]);
    expect(out.products[0]!.routing).toEqual([
      {
        id: 'turn',
        setupFamily: 'shaft',
        alternatives: [
          { machine: 'L1', time: { kind: 'fixed', value: 45 } },
          { machine: 'L2', time: { kind: 'fixed', value: 50 } },
        ],
      },
      { id: 'finish', alternatives: [{ machine: 'L2', time: { kind: 'fixed', value: 30 } }] },
    ]);
  });

  it('gives a document that passes validateScenario (a version-1 document does not)', () => {
    expect(validateScenario(versionOne()).ok).toBe(false);
    const result = validateScenario(migrated(versionOne()).doc);
    if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
    expect(result.value.products[0]!.routing[0]!.alternatives).toHaveLength(2);
  });

  it('carries a lone mtbfS or mttrS over on its own', () => {
    const doc = versionOne();
    (doc.machines as Record<string, unknown>[])[1]!.mttrS = 600;
    const out = migrated(doc).doc as { machines: Record<string, unknown>[] };
    expect(out.machines[1]).toMatchObject({ ttr: { kind: 'exponential', mean: 600 } });
    expect(out.machines[1]).not.toHaveProperty('ttf');
    expect(out.machines[1]).not.toHaveProperty('mttrS');
  });

  it('leaves the input document as it was', () => {
    const doc = versionOne();
    migrate(doc);
    expect(doc).toEqual(versionOne());
  });

  it('returns a current document unchanged, with no migration applied', () => {
    const doc = { ...versionOne(), formatVersion: CURRENT_FORMAT_VERSION };
    const { doc: out, applied } = migrated(doc);
    expect(out).toBe(doc);
    expect(applied).toEqual([]);
  });
});

describe('migrate: refusals', () => {
  it('needs a mapping at the top level', () => {
    expect(failure([1, 2])).toMatch(/must hold a mapping/);
    expect(failure(null)).toMatch(/must hold a mapping/);
  });

  it('needs a formatVersion, saying which versions it reads', () => {
    const { formatVersion: _v, ...doc } = versionOne();
    expect(failure(doc)).toBe(`formatVersion is required (this build reads 1 to ${CURRENT_FORMAT_VERSION})`);
  });

  it('needs a whole number of at least 1', () => {
    expect(failure({ ...versionOne(), formatVersion: 1.5 })).toBe(
      'formatVersion must be a whole number ≥ 1 (found 1.5)',
    );
    expect(failure({ ...versionOne(), formatVersion: '2' })).toBe(
      'formatVersion must be a whole number ≥ 1 (found "2")',
    );
    expect(failure({ ...versionOne(), formatVersion: 0 })).toBe(
      'formatVersion must be a whole number ≥ 1 (found 0)',
    );
  });

  it('refuses a version newer than this build', () => {
    const message = failure({ ...versionOne(), formatVersion: CURRENT_FORMAT_VERSION + 1 });
    expect(message).toContain(`formatVersion ${CURRENT_FORMAT_VERSION + 1} is newer than this build`);
    expect(message).toMatch(/upgrade shopfloor-twin/);
  });

  it('says which step is missing', () => {
    const result = migrate(versionOne(), []);
    expect(result).toEqual({ ok: false, message: 'no migration from formatVersion 1' });
  });
});

describe('migrate: a chain of migrations', () => {
  afterEach(() => {
    vi.doUnmock('./schema.js');
    vi.resetModules();
  });

  /** A fake step that records itself in `steps`, without touching its input. */
  const step = (from: number): Migration => ({
    from,
    to: from + 1,
    describe: `fake ${from}→${from + 1}`,
    up: (doc) => ({
      ...doc,
      formatVersion: from + 1,
      steps: [...((doc.steps as string[] | undefined) ?? []), `${from}→${from + 1}`],
    }),
  });

  it('uses the list it is given', () => {
    const fake = step(1);
    const { doc, applied } = migrated({ formatVersion: 1 }, [fake]);
    expect(applied).toEqual([fake]);
    expect(doc).toEqual({ formatVersion: 2, steps: ['1→2'] });
  });

  it('runs two steps in version order, whatever the order of the list', async () => {
    // Pretend this build reads version 3, so that a version-1 document needs two steps.
    vi.resetModules();
    vi.doMock('./schema.js', async (importOriginal) => ({
      ...(await importOriginal<typeof SchemaModule>()),
      CURRENT_FORMAT_VERSION: 3,
    }));
    const { migrate: migrateTo3 } = await import('./migrations.js');
    const [first, second] = [step(1), step(2)];
    const input = { formatVersion: 1, name: 'x' };
    const result = migrateTo3(input, [second, first]);
    if (!result.ok) throw new Error(result.message);
    expect(result.applied).toEqual([first, second]);
    expect(result.doc).toEqual({ formatVersion: 3, name: 'x', steps: ['1→2', '2→3'] });
    expect(migrateTo3({ formatVersion: 2 }, [second, first])).toMatchObject({ ok: true, applied: [second] });
    expect(migrateTo3({ formatVersion: 1 }, [first])).toEqual({
      ok: false,
      message: 'no migration from formatVersion 2',
    });
    expect(input).toEqual({ formatVersion: 1, name: 'x' });
  });
});
