// Intermediate form of the two classic scheduling benchmark formats (OR-Library job shop and `.fjs`
// flexible job shop), plus the line handling both parsers share. Pure: text in, data out.

/** One eligible machine for an operation; `machine` is numbered as in the file (see `firstMachine`). */
export interface BenchmarkAlternative {
  machine: number;
  duration: number;
}
export interface BenchmarkOperation {
  alternatives: BenchmarkAlternative[];
}
export interface BenchmarkJob {
  operations: BenchmarkOperation[];
}
export interface BenchmarkInstance {
  format: 'orlib' | 'fjs';
  jobs: BenchmarkJob[];
  /** As declared in the header; some instances (mk06, mk10) use fewer. */
  machineCount: number;
  firstMachine: 0 | 1;
}
/** `line` is 1-based and counts every physical line (blank and comment lines too); `column` is 1-based. */
export interface ParseIssue {
  line: number;
  column?: number;
  message: string;
}
export type ParseResult = { ok: true; instance: BenchmarkInstance } | { ok: false; issues: ParseIssue[] };

export interface Token {
  text: string;
  column: number;
}
export interface ContentLine {
  line: number;
  tokens: Token[];
}

/** Non-blank lines that are not `#` comments, split into whitespace-separated tokens. Tolerates CRLF and a BOM. */
export function contentLines(text: string): ContentLine[] {
  const out: ContentLine[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, index) => {
      const trimmed = raw.trim();
      if (trimmed === '' || trimmed.startsWith('#')) return;
      const tokens = [...raw.matchAll(/\S+/g)].map((m) => ({ text: m[0], column: m.index + 1 }));
      out.push({ line: index + 1, tokens });
    });
  return out;
}

/** Line number of the last physical line, for issues about content missing at the end of the file. */
export function lastLine(text: string): number {
  return text.replace(/(\r\n|\r|\n)$/, '').split(/\r\n|\r|\n/).length;
}

/** Integer value of a token, or undefined. The sign is accepted so that "-3" can be reported as negative. */
export function integerToken(token: Token | undefined): number | undefined {
  if (token === undefined || !/^-?\d+$/.test(token.text)) return undefined;
  const value = Number(token.text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Non-negative decimal such as `2`, `3.5` or `.5` (the third `.fjs` header value). */
export function isNonNegativeNumber(token: Token | undefined): boolean {
  return token !== undefined && /^(\d+\.?\d*|\.\d+)$/.test(token.text);
}

/** Issues stop accumulating at this count so a wrong-format file does not produce thousands of them. */
export const MAX_ISSUES = 50;

/** Collects issues up to MAX_ISSUES; the last slot then says how many more were dropped. */
export class IssueList {
  private readonly kept: ParseIssue[] = [];
  private dropped = 0;
  private firstDroppedLine = 0;

  add(line: number, message: string, column?: number): void {
    if (this.kept.length < MAX_ISSUES - 1) {
      this.kept.push(column === undefined ? { line, message } : { line, column, message });
      return;
    }
    if (this.dropped === 0) this.firstDroppedLine = line;
    this.dropped += 1;
  }

  get count(): number {
    return this.kept.length + this.dropped;
  }

  list(): ParseIssue[] {
    if (this.dropped === 0) return [...this.kept];
    const more = this.dropped === 1 ? 'issue' : 'issues';
    return [...this.kept, { line: this.firstDroppedLine, message: `${this.dropped} more ${more} not shown` }];
  }
}

/** Machine index in [min, max], or undefined after reporting why not. `where` prefixes the message. */
export function readMachine(
  token: Token | undefined,
  line: number,
  where: string,
  [min, max]: [number, number],
  issues: IssueList,
): number | undefined {
  const value = integerToken(token);
  if (value === undefined) {
    issues.add(line, `${where}: machine must be an integer, found "${token?.text}"`, token?.column);
    return undefined;
  }
  if (value < min || value > max) {
    issues.add(line, `${where}: machine ${value} out of range [${min}, ${max}]`, token?.column);
    return undefined;
  }
  return value;
}

/** Duration (integer >= 0; zero occurs in real data, e.g. orb07), or undefined after reporting why not. */
export function readDuration(
  token: Token | undefined,
  line: number,
  where: string,
  issues: IssueList,
): number | undefined {
  const value = integerToken(token);
  if (value === undefined) {
    issues.add(line, `${where}: duration must be an integer, found "${token?.text}"`, token?.column);
    return undefined;
  }
  if (value < 0) {
    issues.add(line, `${where}: negative duration ${value}`, token?.column);
    return undefined;
  }
  return value;
}

/**
 * Guesses the format from the first content line (the header):
 * - 3 numbers (the third may be real, e.g. `3.5`) -> 'fjs';
 * - 2 integers -> 'orlib', unless the first job line fits `.fjs` and not OR-Library (some `.fjs`
 *   collections omit the third header value). A tie goes to 'orlib', whose standard header has 2 values.
 * Anything else -> undefined. A file that is detected need not be valid: the parser reports why not.
 */
export function detectBenchmarkFormat(text: string): 'orlib' | 'fjs' | undefined {
  const [header, firstJob] = contentLines(text);
  if (header === undefined) return undefined;
  const [a, b, c] = header.tokens;
  const jobs = integerToken(a);
  const machines = integerToken(b);
  if (jobs === undefined || machines === undefined || jobs < 1 || machines < 1) return undefined;
  if (header.tokens.length === 3) return isNonNegativeNumber(c) ? 'fjs' : undefined;
  if (header.tokens.length !== 2) return undefined;
  if (firstJob === undefined) return 'orlib';
  const values = firstJob.tokens.map(integerToken);
  if (values.some((v) => v === undefined)) return 'orlib';
  const ints = values as number[];
  return fitsFjsJob(ints, machines) && !fitsOrlibJob(ints, machines) ? 'fjs' : 'orlib';
}

/** Exactly one (machine, duration) pair per machine, each machine in [0, m) once. */
function fitsOrlibJob(values: number[], machines: number): boolean {
  if (values.length !== 2 * machines) return false;
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i += 2) {
    const machine = values[i] ?? -1;
    if (machine < 0 || machine >= machines || seen.has(machine)) return false;
    seen.add(machine);
  }
  return true;
}

/** n_ops, then per operation k >= 1 and k pairs with machines in [1, m], consuming the line exactly. */
function fitsFjsJob(values: number[], machines: number): boolean {
  const opCount = values[0] ?? 0;
  let at = 1;
  for (let op = 0; op < opCount; op++) {
    const k = values[at] ?? 0;
    if (k < 1) return false;
    for (let alt = 0; alt < k; alt++) {
      const machine = values[at + 1 + 2 * alt] ?? 0;
      if (machine < 1 || machine > machines) return false;
    }
    at += 1 + 2 * k;
  }
  return opCount >= 1 && at === values.length;
}
