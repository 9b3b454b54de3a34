import type { ErrorCode } from '../errors.js';

/** One problem with an input, at a place inside it. */
export interface ValidationIssue {
  code: ErrorCode;
  /** Where, as people read it: `machines[3].ttf.mean` (empty for the whole document). */
  path: string;
  /** The same place as JSON path segments, for locating it in a source file. */
  segments: (string | number)[];
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['machines', 3, 'ttf', 'mean']` → `machines[3].ttf.mean`. */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** JSON pointer (`/machines/3/ttf`) → segments, with array indices as numbers. */
export function pointerToSegments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment));
}

export function issue(code: ErrorCode, segments: (string | number)[], message: string): ValidationIssue {
  return { code, path: formatPath(segments), segments, message };
}
