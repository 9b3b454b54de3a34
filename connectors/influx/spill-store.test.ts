import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingLogger } from '../ingest/__fixtures__/recorders.js';
import { SpillStore } from './spill-store.js';

const BATCH = [
  'm,machine=M1,quality=good,signal=s value=1 1',
  'm,machine=M1,quality=good,signal=s value=2 2',
];
const BODY = BATCH.join('\n');

describe('SpillStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'twin-spill-unit-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes batches within its bound and a new store finds them, oldest first', () => {
    const first = new SpillStore(dir, Buffer.byteLength(BODY) * 2, recordingLogger());
    expect(first.write(BODY, 2, 1_000)).toBe(true);
    expect(first.write(BODY, 2, 2_000)).toBe(true);
    expect(first.write(BODY, 2, 3_000)).toBe(false); // over maxBytes: nothing written
    const second = new SpillStore(dir, 1_000_000, recordingLogger());
    expect(second).toMatchObject({ points: 4, fileCount: 2 });
    const oldest = second.oldest();
    expect(oldest?.name).toBe('0000000001000-000000000-2.lp');
    expect(oldest && second.read(oldest)).toBe(BODY);
  });

  it('hands each file to one sender at a time, oldest first, and takes back the ones whose send failed', () => {
    const store = new SpillStore(dir, 1_000_000, recordingLogger());
    for (const t of [1_000, 2_000, 3_000]) store.write(BODY, 2, t);
    const first = store.take();
    const second = store.take();
    const third = store.take();
    expect([first, second, third].map((f) => f?.name.slice(0, 13))).toEqual([
      '0000000001000',
      '0000000002000',
      '0000000003000',
    ]);
    expect(store.take()).toBeUndefined(); // all three under way
    if (!first || !second) throw new Error('unreachable');
    store.release(second); // its send failed: available again
    store.remove(first); // written
    expect(store.take()).toBe(second);
    expect(store).toMatchObject({ points: 4, fileCount: 2 });
    expect(store.take()).toBeUndefined();
  });

  it('sets aside, logs and skips files that are not its batches, and still reads the others', async () => {
    await writeFile(path.join(dir, '0000000000001-000000000-3.lp'), BODY); // its name says 3 lines
    await writeFile(path.join(dir, '0000000000002-000000001-2.lp'), 'not\nline protocol');
    await writeFile(path.join(dir, '0000000000003-000000002-2.lp'), BODY);
    await writeFile(path.join(dir, 'notes.txt'), 'someone else’s file');
    const logger = recordingLogger();
    const store = new SpillStore(dir, 1_000_000, logger);
    expect(store).toMatchObject({ points: 7, fileCount: 3 });
    expect(logger.warnings.map((w) => w.details?.files)).toEqual([['notes.txt']]);

    const read: (string | undefined)[] = [];
    for (let file = store.oldest(); file; file = store.oldest()) {
      const body = store.read(file);
      read.push(body);
      if (body !== undefined) store.remove(file);
    }
    expect(read).toEqual([undefined, undefined, BODY]);
    expect(logger.warnings.slice(1).map((w) => w.message)).toEqual([
      'history writer: spill file 0000000000001-000000000-3.lp set aside: 2 lines where its name says 3',
      'history writer: spill file 0000000000002-000000001-2.lp set aside: line 1 is not line protocol of this writer',
    ]);
    expect(store).toMatchObject({ points: 0, bytes: 0, fileCount: 0 });
    expect((await readdir(dir)).sort()).toEqual([
      '0000000000001-000000000-3.lp.bad',
      '0000000000002-000000001-2.lp.bad',
      'notes.txt',
    ]);
  });

  it('sets aside a file that changed or vanished since it was listed', async () => {
    const logger = recordingLogger();
    const store = new SpillStore(dir, 1_000_000, logger);
    store.write(BODY, 2, 1_000);
    store.write(BODY, 2, 2_000);
    const [changed = '', gone = ''] = (await readdir(dir)).sort();
    const grown = `${BODY}\n${BATCH[0]}`;
    await writeFile(path.join(dir, changed), grown);
    await rm(path.join(dir, gone));
    for (let file = store.oldest(); file; file = store.oldest()) expect(store.read(file)).toBeUndefined();
    expect(logger.warnings.map((w) => w.message)).toEqual([
      `history writer: spill file ${changed} set aside: its size changed from ${BODY.length} to ${grown.length} bytes`,
      expect.stringMatching(`spill file ${gone} set aside: cannot be read: ENOENT`),
    ]);
    expect(store.points).toBe(0);
  });

  it('turns a spill folder it cannot use into a configuration error, and a failed write into false', async () => {
    const file = path.join(dir, 'a-file');
    await writeFile(file, '');
    expect(() => new SpillStore(file, 1_000, recordingLogger())).toThrow(/spill\.dir: cannot use/);
    const logger = recordingLogger();
    const store = new SpillStore(path.join(dir, 'spill'), 1_000, logger);
    await rm(path.join(dir, 'spill'), { recursive: true });
    expect(store.write(BODY, 2, 1_000)).toBe(false);
    expect(logger.warnings[0]?.message).toBe('history writer: cannot write a spill file');
    expect(store.points).toBe(0);
  });
});
