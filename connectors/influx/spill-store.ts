import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A spilled batch: `<epoch ms>-<sequence>-<points>.lp` holds that many lines. */
export interface SpillFile {
  name: string;
  points: number;
  bytes: number;
}

const NAME = /^(\d{13})-(\d{9})-(\d+)\.lp$/;

/**
 * A bounded folder of line-protocol batches that the database could not take yet. Names sort oldest first and
 * carry the point count, so a new writer (after a restart) knows what is pending without reading the files.
 * Files are written to a temporary name and renamed, so a crash never leaves half a batch under a real name.
 * Writes are synchronous: they happen only while the database is down, one batch at a time, and keep the
 * writer's counts exact.
 */
export class SpillStore {
  private readonly files: SpillFile[] = [];
  private seq = 0;
  bytes = 0;
  points = 0;

  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (name.endsWith('.lp.tmp')) {
        rmSync(full, { force: true }); // an interrupted write: never renamed, never counted
        continue;
      }
      const match = NAME.exec(name);
      if (!match) continue;
      const file = { name, points: Number(match[3]), bytes: statSync(full).size };
      this.files.push(file);
      this.bytes += file.bytes;
      this.points += file.points;
      this.seq = Math.max(this.seq, Number(match[2]) + 1);
    }
  }

  get fileCount(): number {
    return this.files.length;
  }

  /** Stores a batch; false (nothing written) when it would take the folder over maxBytes. */
  write(lines: readonly string[], nowMs: number): boolean {
    const body = lines.join('\n');
    const bytes = Buffer.byteLength(body);
    if (this.bytes + bytes > this.maxBytes) return false;
    const name = `${String(nowMs).padStart(13, '0')}-${String(this.seq++ % 1e9).padStart(9, '0')}-${lines.length}.lp`;
    const full = path.join(this.dir, name);
    writeFileSync(`${full}.tmp`, body);
    renameSync(`${full}.tmp`, full);
    this.files.push({ name, points: lines.length, bytes });
    this.bytes += bytes;
    this.points += lines.length;
    return true;
  }

  oldest(): SpillFile | undefined {
    return this.files[0];
  }

  /** The lines of a spilled batch (throws when the file is gone or unreadable). */
  read(file: SpillFile): string[] {
    return readFileSync(path.join(this.dir, file.name), 'utf8').split('\n');
  }

  /** Forgets a batch once the database has it (or it cannot be read). */
  remove(file: SpillFile): void {
    const index = this.files.indexOf(file);
    if (index < 0) return;
    this.files.splice(index, 1);
    this.bytes -= file.bytes;
    this.points -= file.points;
    rmSync(path.join(this.dir, file.name), { force: true });
  }
}
