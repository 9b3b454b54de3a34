import { storedTagValue } from './line-protocol.js';

/**
 * InfluxQL text pieces. Identifiers go in double quotes and string literals in single quotes; inside both, the
 * InfluxQL scanner takes backslash escapes (\\, \", \', \n) and rejects a raw line break, so every user value
 * passes through these two functions and nothing else is spliced into a query.
 */
function escapeQuoted(value: string, quote: '"' | "'"): string {
  let out = '';
  for (const ch of value) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else out += ch;
  }
  return out;
}

/** A measurement, tag or field name: `"name"`. */
export function quoteIdentifier(name: string): string {
  return `"${escapeQuoted(name, '"')}"`;
}

/** A string literal: `'value'`. */
export function quoteString(value: string): string {
  return `'${escapeQuoted(value, "'")}'`;
}

/**
 * `"tag" = 'value'`, matching the value in the form line-protocol.ts stored it (storedTagValue): the one place
 * where the two escapings meet.
 */
export function tagEquals(tag: string, value: string): string {
  return `${quoteIdentifier(tag)} = ${quoteString(storedTagValue(value))}`;
}

/** A time bound in milliseconds (a bare integer would be read as nanoseconds). */
export function timeLiteral(ms: number): string {
  if (!Number.isSafeInteger(ms)) throw new RangeError(`time ${ms} is not a whole number of milliseconds`);
  return `${ms}ms`;
}

/** A regular expression literal matching exactly one of the names (for FROM /…/). */
export function measurementsRegex(names: readonly string[], prefixes: readonly string[]): string {
  const escape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  const alternatives = [...names.map(escape), ...prefixes.map((p) => `${escape(p)}.*`)];
  return `/^(${alternatives.join('|')})$/`;
}
