import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TwinError } from '../../twin/errors.js';
import type { ConnectorLogger } from '../ingest/logger.js';
import { describeWriteError } from './line-sender.js';

/** A spilled batch: `<epoch ms>-<sequence>-<points>.lp` holds that many lines. */
export interface SpillFile {
  name: string;
  points: number;
  bytes: number;
}

const NAME = /^(\d{13})-(\d{9})-(\d+)\.lp$/;
/** A line as line-protocol.ts writes it: measurement and tags, one field, an integer time. */
const LINE = /^[^\s#].* [^ =]+=[^ ]+ \d+$/;
/** Suffix of a file that could not be used: kept for a person to look at, never read again. */
const SET_ASIDE = '.bad';

/**
 * A bounded folder of line-protocol batches that the database could not take yet. Names sort oldest first and
 * carry the point count, so a new writer (after a restart) knows what is pending without reading the files.
 * Files are written to a temporary name and renamed, so a crash never leaves half a batch under a real name.
 * A file is checked when read back (size as listed, no larger than the folder bound, the line count of its name,
 * every line shaped like ours); one that fails is logged, renamed `<name>.bad` and skipped, and the others are
 * still sent. Writes are synchronous: they happen only while the database is down, one batch at a time, and
 * keep the writer's counts exact. No method throws after the constructor: failures are logged.
 */
export class SpillStore {
  private readonly files: SpillFile[] = [];
  /** Files handed out by take() and not yet removed or released: being sent. */
  private readonly taken = new Set<SpillFile>();
  private seq = 0;
  bytes = 0;
  points = 0;

  constructor(
    readonly dir: string,
    readonly maxBytes: number,
    private readonly logger: ConnectorLogger,
  ) {
    let names: string[];
    try {
      mkdirSync(dir, { recursive: true });
      names = readdirSync(dir).sort();
    } catch (error) {
      throw new TwinError(
        'TWIN_E_CONFIG',
        `influx writer configuration: spill.dir: cannot use ${dir}: ${describeWriteError(error)}`,
      );
    }
    const ignored: string[] = [];
    for (const name of names) {
      const full = path.join(dir, name);
      const match = NAME.exec(name);
      try {
        if (name.endsWith('.lp.tmp'))
          rmSync(full, { force: true }); // an interrupted write: never counted
        else if (!match) {
          if (!name.endsWith(SET_ASIDE)) ignored.push(name);
        } else {
          const stat = statSync(full);
          if (stat.isFile()) this.list(name, Number(match[3]), stat.size);
          else ignored.push(name);
        }
      } catch (error) {
        this.logger.warn('history writer: spill file skipped', {
          file: full,
          error: describeWriteError(error),
        });
      }
      if (match) this.seq = Math.max(this.seq, Number(match[2]) + 1);
    }
    if (ignored.length > 0)
      this.logger.warn(
        'history writer: the spill folder holds files that are not spilled batches; left alone',
        {
          dir,
          files: ignored.slice(0, 10),
          count: ignored.length,
        },
      );
  }

  get fileCount(): number {
    return this.files.length;
  }

  /** Stores a batch; false (nothing written) when it would take the folder over maxBytes or cannot be written. */
  write(body: string, points: number, nowMs: number): boolean {
    const bytes = Buffer.byteLength(body);
    if (this.bytes + bytes > this.maxBytes) return false;
    const name = `${String(nowMs).padStart(13, '0')}-${String(this.seq++ % 1e9).padStart(9, '0')}-${points}.lp`;
    const full = path.join(this.dir, name);
    try {
      writeFileSync(`${full}.tmp`, body);
      renameSync(`${full}.tmp`, full);
    } catch (error) {
      this.logger.warn('history writer: cannot write a spill file', {
        file: full,
        error: describeWriteError(error),
      });
      rmSafely(`${full}.tmp`);
      return false;
    }
    this.list(name, points, bytes);
    return true;
  }

  oldest(): SpillFile | undefined {
    return this.files[0];
  }

  /**
   * The oldest file not already taken, now taken (several batches can be in flight at once). Give it back with
   * remove() once the database has it, or release() to have it taken again later.
   */
  take(): SpillFile | undefined {
    for (const file of this.files) {
      if (this.taken.has(file)) continue;
      this.taken.add(file);
      return file;
    }
    return undefined;
  }

  /** Makes a taken file available to take() again (its send failed and will be retried). */
  release(file: SpillFile): void {
    this.taken.delete(file);
  }

  /**
   * The body of a spilled batch, checked. Undefined when the file is gone, changed or not a batch of ours: then
   * it is logged, forgotten and renamed `<name>.bad` (the caller counts its points as dropped).
   */
  read(file: SpillFile): string | undefined {
    const full = path.join(this.dir, file.name);
    let problem: string;
    try {
      problem = this.sizeProblem(file, statSync(full).size);
      if (!problem) {
        const body = readFileSync(full, 'utf8');
        problem = bodyProblem(body, file.points);
        if (!problem) return body;
      }
    } catch (error) {
      problem = `cannot be read: ${describeWriteError(error)}`;
    }
    this.logger.warn(`history writer: spill file ${file.name} set aside: ${problem}`, {
      file: full,
      points: file.points,
    });
    this.forget(file);
    try {
      renameSync(full, `${full}${SET_ASIDE}`);
    } catch {
      // Gone already, or not ours to rename: it stays forgotten either way.
    }
    return undefined;
  }

  /** Forgets a batch once the database has it (or refused it) and deletes its file. */
  remove(file: SpillFile): void {
    if (!this.forget(file)) return;
    const full = path.join(this.dir, file.name);
    if (!rmSafely(full))
      this.logger.warn('history writer: cannot delete a sent spill file; a restart would send it again', {
        file: full,
      });
  }

  private sizeProblem(file: SpillFile, size: number): string {
    if (size !== file.bytes) return `its size changed from ${file.bytes} to ${size} bytes`;
    if (size > this.maxBytes) return `${size} bytes, more than the folder bound of ${this.maxBytes}`;
    return '';
  }

  private list(name: string, points: number, bytes: number): void {
    this.files.push({ name, points, bytes });
    this.bytes += bytes;
    this.points += points;
  }

  private forget(file: SpillFile): boolean {
    this.taken.delete(file);
    const index = this.files.indexOf(file);
    if (index < 0) return false;
    this.files.splice(index, 1);
    this.bytes -= file.bytes;
    this.points -= file.points;
    return true;
  }
}

/** Why a file's text is not the batch its name announces ('' when it is). */
function bodyProblem(body: string, points: number): string {
  const lines = body.split('\n');
  if (lines.length !== points) return `${lines.length} lines where its name says ${points}`;
  const bad = lines.findIndex((line) => !LINE.test(line));
  return bad < 0 ? '' : `line ${bad + 1} is not line protocol of this writer`;
}

function rmSafely(file: string): boolean {
  try {
    rmSync(file, { force: true });
    return true;
  } catch {
    return false;
  }
}
