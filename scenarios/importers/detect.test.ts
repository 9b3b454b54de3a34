import { describe, it, expect } from 'vitest';
// Tests may read fixtures from disk (DESIGN.md purity applies to product code only).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { detectBenchmarkFormat } from './instance.js';
import { parseFjs } from './fjs.js';

describe('detectBenchmarkFormat', () => {
  it('reads a 2-integer header as OR-Library', () => {
    expect(detectBenchmarkFormat('2 3\n0 3 1 2 2 2\n2 4 0 1 1 0\n')).toBe('orlib');
    expect(detectBenchmarkFormat('# comment\r\n\r\n  2 3  \r\n0 3 1 2 2 2\r\n')).toBe('orlib');
    expect(detectBenchmarkFormat('2 3\n')).toBe('orlib');
  });

  it('reads a 3-number header as .fjs, the third value possibly real', () => {
    expect(detectBenchmarkFormat('1 3 1.5\n1 1 1 4\n')).toBe('fjs');
    expect(detectBenchmarkFormat('# c\n1 3 2\n1 1 1 4\n')).toBe('fjs');
  });

  it('reads a 2-integer header as .fjs when only .fjs fits the first job line', () => {
    expect(detectBenchmarkFormat('2 3\n2 1 1 4 2 2 3 3 1\n1 3 1 2 2 5 3 0\n')).toBe('fjs');
    // 6 tokens as OR-Library needs, but machine 1 twice; as .fjs: one operation with 2 alternatives.
    expect(detectBenchmarkFormat('1 3\n1 2 1 5 3 2\n')).toBe('fjs');
  });

  it('prefers OR-Library when the first job line fits both', () => {
    // orlib: (3,1) (2,7) (1,3) (0,1) (4,9); fjs: 3 operations of one alternative each (2,7) (3,0) (4,9).
    const text = '1 5\n3 1 2 7 1 3 0 1 4 9\n';
    expect(detectBenchmarkFormat(text)).toBe('orlib');
    expect(parseFjs(text).ok).toBe(true);
  });

  it('stays OR-Library when the job line fits neither, so its parser explains the problem', () => {
    expect(detectBenchmarkFormat('1 3\n0 1 1 1\n')).toBe('orlib');
    expect(detectBenchmarkFormat('1 3\n0 x 1 1 2 1\n')).toBe('orlib');
  });

  it('returns undefined for anything else', () => {
    for (const text of [
      '',
      '# only\n\n',
      'hello world\n',
      '1 2 3 4\n',
      '2 3 x\n',
      '0 3\n',
      '2 -3 1\n',
      '2.5 3\n',
    ]) {
      expect(detectBenchmarkFormat(text), JSON.stringify(text)).toBeUndefined();
    }
  });
});

const BENCH = new URL('../../../shared/benchmarks/', import.meta.url);
const hasBench = existsSync(BENCH);
const mustHaveBench = process.env.CI === 'true';
if (!hasBench && !mustHaveBench)
  console.warn(`benchmarks not found at ${BENCH.pathname}: skipping detection on files`);

describe('detectBenchmarkFormat on the shared benchmarks', () => {
  it.skipIf(!hasBench && !mustHaveBench)('detects every JSSP file as orlib and every .fjs as fjs', () => {
    expect(hasBench, `CI needs the benchmarks at ${BENCH.pathname}`).toBe(true);
    const jssp = new URL('jssp/', BENCH);
    const fjsp = new URL('fjsp/', BENCH);
    const jsspNames = readdirSync(jssp).filter((name) => !name.includes('.'));
    const fjsNames = readdirSync(fjsp).filter((name) => name.endsWith('.fjs'));
    expect(jsspNames.length).toBeGreaterThan(0);
    expect(fjsNames.length).toBeGreaterThan(0);
    for (const name of jsspNames) {
      expect(detectBenchmarkFormat(readFileSync(new URL(name, jssp), 'utf8')), name).toBe('orlib');
    }
    for (const name of fjsNames) {
      const text = readFileSync(new URL(name, fjsp), 'utf8');
      expect(detectBenchmarkFormat(text), name).toBe('fjs');
      // As distributed by collections that drop the third header value.
      const twoValueHeader = text.replace(/^(\s*\d+\s+\d+)[ \t]+\S+/, '$1');
      expect(twoValueHeader).not.toBe(text);
      expect(detectBenchmarkFormat(twoValueHeader), `${name} without avg`).toBe('fjs');
    }
  });
});
